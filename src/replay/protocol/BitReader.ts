/**
 * s2protocol's bit buffer: bytes in order, bits within a byte from the least significant end, and a
 * multi-bit value assembled big-endian (the first bits read are the value's highest). Reading past the
 * end throws `Truncated`, which the section decoders turn into a tagged error.
 */

export class Truncated extends Error {
  override readonly name = "Truncated"
}

export class BitReader {
  private pos = 0
  private next = 0
  private nextBits = 0

  constructor(private readonly data: Uint8Array) {}

  /** True once every bit has been read (trailing bits of the last byte count as unread). */
  get done(): boolean {
    return this.nextBits === 0 && this.pos >= this.data.length
  }

  /** Bytes started so far, for "decoded to the last byte" checks. */
  get bytesUsed(): number {
    return this.pos
  }

  byteAlign(): void {
    this.nextBits = 0
  }

  /** Up to 32 bits as an unsigned number. */
  readBits(bits: number): number {
    let result = 0
    let remaining = bits
    while (remaining > 0) {
      if (this.nextBits === 0) {
        if (this.pos >= this.data.length) throw new Truncated()
        const byte = this.data[this.pos++] ?? 0
        if (remaining >= 8) {
          result = result * 256 + byte
          remaining -= 8
          continue
        }
        this.next = byte
        this.nextBits = 8
      }
      const take = remaining < this.nextBits ? remaining : this.nextBits
      result = result * (1 << take) + (this.next & ((1 << take) - 1))
      this.next >>>= take
      this.nextBits -= take
      remaining -= take
    }
    return result
  }

  /** Up to 64 bits; a number while exact, a bigint beyond 2^53. */
  readWide(bits: number): number | bigint {
    if (bits <= 32) return this.readBits(bits)
    const high = this.readBits(bits - 32)
    const low = this.readBits(32)
    const value = high * 2 ** 32 + low
    return Number.isSafeInteger(value) ? value : (BigInt(high) << 32n) | BigInt(low)
  }

  readAlignedBytes(count: number): Uint8Array {
    this.nextBits = 0
    const end = this.pos + count
    if (end > this.data.length) throw new Truncated()
    const bytes = this.data.subarray(this.pos, end)
    this.pos = end
    return bytes
  }

  readUnalignedBytes(count: number): Uint8Array {
    if (this.nextBits === 0) return this.readAlignedBytes(count)
    const out = new Uint8Array(count)
    for (let i = 0; i < count; i++) out[i] = this.readBits(8)
    return out
  }

  /** Skips `bits` bits without building a value (bit arrays can be 255 bits long). */
  skipBits(bits: number): void {
    let remaining = bits
    while (remaining > 32) {
      this.readBits(32)
      remaining -= 32
    }
    this.readBits(remaining)
  }
}
