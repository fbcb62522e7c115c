/**
 * BLAKE2b (RFC 7693) with a caller-chosen digest length, unkeyed. `node:crypto` only offers the 64-byte
 * variant, and a shorter digest is not a truncation of it (the length is part of the parameter block),
 * so the reference bot's replay identity, BLAKE2b with a 10-byte digest, needs its own implementation.
 *
 * 64-bit words are (low, high) pairs of signed 32-bit halves in `Int32Array`s: keeping every value a
 * 32-bit integer (`| 0`) lets V8 stay in integer registers, three times faster than unsigned halves.
 */

const IV = new Int32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1,
  0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19
])

/** The message schedule for the 12 rounds, pre-multiplied by 2 to index (low, high) pairs. */
const SIGMA = new Uint8Array(
  [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3]
  ].flatMap((row) => row.map((word) => word * 2))
)

const BLOCK_BYTES = 128
const TWO_32 = 0x100000000

class Blake2b {
  private readonly h = new Int32Array(16)
  private readonly v = new Int32Array(32)
  private readonly m = new Int32Array(32)

  constructor(digestBytes: number) {
    this.h.set(IV)
    this.h[0] = (this.h[0] ?? 0) ^ 0x01010000 ^ digestBytes
  }

  /** The G function on words a, b, c, d with message words x, y (all pair indexes). */
  private mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
    const { v, m } = this
    let al = v[a] ?? 0
    let ah = v[a + 1] ?? 0
    let bl = v[b] ?? 0
    let bh = v[b + 1] ?? 0
    let cl = v[c] ?? 0
    let ch = v[c + 1] ?? 0
    let dl = v[d] ?? 0
    let dh = v[d + 1] ?? 0
    // a += b + x
    let sum = (al >>> 0) + (bl >>> 0) + ((m[x] ?? 0) >>> 0)
    ah = (ah + bh + (m[x + 1] ?? 0) + ((sum / TWO_32) | 0)) | 0
    al = sum | 0
    // d = (d ^ a) rotated right by 32: the halves swap
    let tl = dl ^ al
    dl = dh ^ ah
    dh = tl
    // c += d
    sum = (cl >>> 0) + (dl >>> 0)
    ch = (ch + dh + ((sum / TWO_32) | 0)) | 0
    cl = sum | 0
    // b = (b ^ c) rotated right by 24
    tl = bl ^ cl
    let th = bh ^ ch
    bl = (tl >>> 24) | (th << 8)
    bh = (th >>> 24) | (tl << 8)
    // a += b + y
    sum = (al >>> 0) + (bl >>> 0) + ((m[y] ?? 0) >>> 0)
    ah = (ah + bh + (m[y + 1] ?? 0) + ((sum / TWO_32) | 0)) | 0
    al = sum | 0
    // d = (d ^ a) rotated right by 16
    tl = dl ^ al
    th = dh ^ ah
    dl = (tl >>> 16) | (th << 16)
    dh = (th >>> 16) | (tl << 16)
    // c += d
    sum = (cl >>> 0) + (dl >>> 0)
    ch = (ch + dh + ((sum / TWO_32) | 0)) | 0
    cl = sum | 0
    // b = (b ^ c) rotated right by 63, i.e. left by 1
    tl = bl ^ cl
    th = bh ^ ch
    bl = (th >>> 31) | (tl << 1)
    bh = (tl >>> 31) | (th << 1)
    v[a] = al
    v[a + 1] = ah
    v[b] = bl
    v[b + 1] = bh
    v[c] = cl
    v[c + 1] = ch
    v[d] = dl
    v[d + 1] = dh
  }

  /** Compresses the 128-byte block of `data` at `at`; `counter` is the byte count hashed so far. */
  compress(data: Uint8Array, at: number, counter: number, last: boolean): void {
    const { h, v, m } = this
    for (let i = 0; i < 32; i++) {
      const p = at + i * 4
      m[i] =
        (data[p] ?? 0) | ((data[p + 1] ?? 0) << 8) | ((data[p + 2] ?? 0) << 16) | ((data[p + 3] ?? 0) << 24)
    }
    v.set(h, 0)
    v.set(IV, 16)
    v[24] = (v[24] ?? 0) ^ counter
    v[25] = (v[25] ?? 0) ^ Math.floor(counter / TWO_32)
    if (last) {
      v[28] = ~(v[28] ?? 0)
      v[29] = ~(v[29] ?? 0)
    }
    for (let s = 0; s < SIGMA.length; s += 16) {
      this.mix(0, 8, 16, 24, SIGMA[s] ?? 0, SIGMA[s + 1] ?? 0)
      this.mix(2, 10, 18, 26, SIGMA[s + 2] ?? 0, SIGMA[s + 3] ?? 0)
      this.mix(4, 12, 20, 28, SIGMA[s + 4] ?? 0, SIGMA[s + 5] ?? 0)
      this.mix(6, 14, 22, 30, SIGMA[s + 6] ?? 0, SIGMA[s + 7] ?? 0)
      this.mix(0, 10, 20, 30, SIGMA[s + 8] ?? 0, SIGMA[s + 9] ?? 0)
      this.mix(2, 12, 22, 24, SIGMA[s + 10] ?? 0, SIGMA[s + 11] ?? 0)
      this.mix(4, 14, 16, 26, SIGMA[s + 12] ?? 0, SIGMA[s + 13] ?? 0)
      this.mix(6, 8, 18, 28, SIGMA[s + 14] ?? 0, SIGMA[s + 15] ?? 0)
    }
    for (let i = 0; i < 16; i++) h[i] = (h[i] ?? 0) ^ (v[i] ?? 0) ^ (v[i + 16] ?? 0)
  }

  digest(bytes: number): Uint8Array {
    const out = new Uint8Array(bytes)
    for (let i = 0; i < bytes; i++) out[i] = ((this.h[i >> 2] ?? 0) >>> (8 * (i & 3))) & 0xff
    return out
  }
}

/** BLAKE2b of `data` with a digest of `digestBytes` (1–64) bytes, as lowercase hex. */
export const blake2bHex = (data: Uint8Array, digestBytes: number): string => {
  const state = new Blake2b(digestBytes)
  let at = 0
  // Every block but the last is compressed as not final; the last (possibly empty) one is zero-padded.
  while (data.length - at > BLOCK_BYTES) {
    state.compress(data, at, at + BLOCK_BYTES, false)
    at += BLOCK_BYTES
  }
  const last = new Uint8Array(BLOCK_BYTES)
  last.set(data.subarray(at))
  state.compress(last, 0, data.length, true)
  return Buffer.from(state.digest(digestBytes)).toString("hex")
}
