/**
 * s2protocol's versioned (self-describing) encoding, used by `replay.header` and `replay.details`:
 * every value starts with a type byte, so a whole value decodes without a per-build type table and
 * fields are then picked by tag number. Header and details have kept their tags since 2010.
 */
import { Truncated } from "./BitReader.js"

export type Versioned =
  number | bigint | Uint8Array | null | VersionedArray | VersionedStruct | VersionedChoice | VersionedBits

export class VersionedArray {
  constructor(readonly items: ReadonlyArray<Versioned>) {}
}

/** A struct: field tag → value. */
export class VersionedStruct {
  constructor(readonly fields: ReadonlyMap<number, Versioned>) {}
  get(tag: number): Versioned | undefined {
    return this.fields.get(tag)
  }
}

export class VersionedChoice {
  constructor(
    readonly tag: number | bigint,
    readonly value: Versioned
  ) {}
}

export class VersionedBits {
  constructor(
    readonly length: number,
    readonly bytes: Uint8Array
  ) {}
}

export class Corrupted extends Error {
  override readonly name = "Corrupted"
}

/** Nesting in real files is at most 5 deep; a forged file must not exhaust the stack. */
const MAX_DEPTH = 32
/** A 64-bit value needs 10 vint bytes; more can only be corruption. */
const MAX_VINT_BYTES = 10

const Tag = {
  array: 0,
  bitBlob: 1,
  blob: 2,
  choice: 3,
  optional: 4,
  struct: 5,
  u8: 6,
  u32: 7,
  u64: 8,
  vint: 9
} as const

class VersionedReader {
  private pos = 0

  constructor(private readonly data: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.data.length
  }

  byte(): number {
    if (this.pos >= this.data.length) throw new Truncated()
    return this.data[this.pos++] ?? 0
  }

  bytes(count: number): Uint8Array {
    const end = this.pos + count
    if (end > this.data.length) throw new Truncated()
    const out = this.data.subarray(this.pos, end)
    this.pos = end
    return out
  }

  vint(): number | bigint {
    let b = this.byte()
    const negative = (b & 1) !== 0
    let result = (b >> 1) & 0x3f
    let shift = 6
    let count = 1
    while ((b & 0x80) !== 0) {
      if (++count > MAX_VINT_BYTES) throw new Corrupted("overlong integer")
      b = this.byte()
      if (shift + 7 > 53) return this.wideVint(BigInt(result), shift, b, negative, count)
      result += (b & 0x7f) * 2 ** shift
      shift += 7
    }
    return negative ? -result : result
  }

  /** The rare vint beyond 2^53 (Windows FILETIME timestamps): finished in bigint arithmetic. */
  private wideVint(
    start: bigint,
    startShift: number,
    first: number,
    negative: boolean,
    startCount: number
  ): bigint {
    let result = start
    let shift = BigInt(startShift)
    let b = first
    let count = startCount
    for (;;) {
      result |= BigInt(b & 0x7f) << shift
      shift += 7n
      if ((b & 0x80) === 0) break
      if (++count > MAX_VINT_BYTES) throw new Corrupted("overlong integer")
      b = this.byte()
    }
    return negative ? -result : result
  }

  /** A count or length: a non-negative vint no larger than the bytes left could hold. */
  length(): number {
    const value = this.vint()
    if (typeof value !== "number" || value < 0 || value > this.data.length - this.pos) {
      throw new Corrupted("impossible length")
    }
    return value
  }

  value(depth: number): Versioned {
    if (depth > MAX_DEPTH) throw new Corrupted("nested too deeply")
    const tag = this.byte()
    switch (tag) {
      case Tag.array: {
        const count = this.length()
        const items = new Array<Versioned>(count)
        for (let i = 0; i < count; i++) items[i] = this.value(depth + 1)
        return new VersionedArray(items)
      }
      case Tag.bitBlob: {
        const bits = this.vint()
        if (typeof bits !== "number" || bits < 0) throw new Corrupted("impossible length")
        return new VersionedBits(bits, this.bytes(Math.ceil(bits / 8)))
      }
      case Tag.blob:
        return this.bytes(this.length())
      case Tag.choice: {
        const choice = this.vint()
        return new VersionedChoice(choice, this.value(depth + 1))
      }
      case Tag.optional:
        return this.byte() === 0 ? null : this.value(depth + 1)
      case Tag.struct: {
        const count = this.length()
        const fields = new Map<number, Versioned>()
        for (let i = 0; i < count; i++) {
          const fieldTag = this.vint()
          if (typeof fieldTag !== "number") throw new Corrupted("impossible field tag")
          fields.set(fieldTag, this.value(depth + 1))
        }
        return new VersionedStruct(fields)
      }
      case Tag.u8:
        return this.byte()
      case Tag.u32:
        return this.bytes(4)
      case Tag.u64:
        return this.bytes(8)
      case Tag.vint:
        return this.vint()
      default:
        throw new Corrupted(`unknown type byte ${tag}`)
    }
  }
}

/** Decodes one value that must fill `data` exactly. */
export const decodeVersioned = (data: Uint8Array): Versioned => {
  const reader = new VersionedReader(data)
  const value = reader.value(0)
  if (!reader.done) throw new Corrupted("unexpected bytes after the value")
  return value
}
