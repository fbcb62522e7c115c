/**
 * The MPQ format's hashing and table encryption (StormLib's crypt table, seed 0x00100001).
 * Names are looked up by hash and the hash and block tables are always encrypted.
 */

const buildCryptTable = (): Uint32Array => {
  const table = new Uint32Array(0x500)
  let seed = 0x00100001
  for (let i = 0; i < 0x100; i++) {
    for (let j = 0; j < 5; j++) {
      seed = (seed * 125 + 3) % 0x2aaaab
      const high = (seed & 0xffff) << 16
      seed = (seed * 125 + 3) % 0x2aaaab
      table[i + j * 0x100] = (high | (seed & 0xffff)) >>> 0
    }
  }
  return table
}

const cryptTable = buildCryptTable()

const crypt = (index: number): number => cryptTable[index] ?? 0

export const HashType = {
  tableOffset: 0,
  nameA: 1,
  nameB: 2,
  fileKey: 3
} as const
export type HashType = (typeof HashType)[keyof typeof HashType]

/** StormLib's `HashString`: case-insensitive, `/` and `\` equivalent, ASCII names only. */
export const hashString = (name: string, type: HashType): number => {
  let seed1 = 0x7fed7fed
  let seed2 = 0xeeeeeeee
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i)
    if (c >= 0x61 && c <= 0x7a) c -= 0x20
    else if (c === 0x2f) c = 0x5c
    seed1 = (crypt((type << 8) + (c & 0xff)) ^ ((seed1 + seed2) >>> 0)) >>> 0
    seed2 = (c + seed1 + seed2 + ((seed2 << 5) >>> 0) + 3) >>> 0
  }
  return seed1
}

/** Decrypts `words` little-endian u32 values read from `bytes` at `offset` with `key`. */
export const decryptWords = (bytes: Uint8Array, offset: number, words: number, key: number): Uint32Array => {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, words * 4)
  const out = new Uint32Array(words)
  let seed1 = key >>> 0
  let seed2 = 0xeeeeeeee
  for (let i = 0; i < words; i++) {
    seed2 = (seed2 + crypt(0x400 + (seed1 & 0xff))) >>> 0
    const plain = (view.getUint32(i * 4, true) ^ ((seed1 + seed2) >>> 0)) >>> 0
    out[i] = plain
    seed1 = ((((~seed1 << 21) >>> 0) + 0x11111111) | (seed1 >>> 11)) >>> 0
    seed2 = (plain + seed2 + ((seed2 << 5) >>> 0) + 3) >>> 0
  }
  return out
}
