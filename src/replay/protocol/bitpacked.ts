/**
 * s2protocol's bit-packed encoding (`replay.initData`, game and message events): no tags, the type
 * table says what comes next. Values come out as `Packed`: numbers (bigint above 2^53), booleans,
 * byte strings, lists and structs.
 */
import { BitReader } from "./BitReader.js"
import type { TypeInfo } from "./types.js"

export type Packed = number | bigint | boolean | Uint8Array | null | PackedList | PackedStruct

export class PackedList {
  constructor(readonly items: ReadonlyArray<Packed>) {}
}

export class PackedStruct {
  constructor(readonly fields: ReadonlyMap<string, Packed>) {}
  get(name: string): Packed | undefined {
    return this.fields.get(name)
  }
}

/** Tables are trees of bounded depth; the bound guards against a table that refers to itself. */
const MAX_DEPTH = 32

const read = (reader: BitReader, type: TypeInfo, depth: number): Packed => {
  if (depth > MAX_DEPTH) throw new RangeError("type table nested too deeply")
  switch (type.kind) {
    case "int":
      return type.bits <= 32
        ? type.min + reader.readBits(type.bits)
        : widen(type.min, reader.readWide(type.bits))
    case "bool":
      return reader.readBits(1) !== 0
    case "blob":
      return reader.readAlignedBytes(type.min + reader.readBits(type.bits))
    case "bitarray":
      // Only the length is of use (allowed-race masks and the like); the bits are skipped.
      reader.skipBits(type.min + reader.readBits(type.bits))
      return null
    case "array": {
      const count = type.min + reader.readBits(type.bits)
      const items = new Array<Packed>(count)
      for (let i = 0; i < count; i++) items[i] = read(reader, type.element, depth + 1)
      return new PackedList(items)
    }
    case "optional":
      return reader.readBits(1) === 0 ? null : read(reader, type.type, depth + 1)
    case "struct": {
      const fields = new Map<string, Packed>()
      for (const field of type.fields) fields.set(field.name, read(reader, field.type, depth + 1))
      return new PackedStruct(fields)
    }
  }
}

const widen = (min: number, value: number | bigint): number | bigint => {
  if (typeof value === "number" && Number.isSafeInteger(min + value)) return min + value
  const wide = BigInt(min) + BigInt(value)
  return wide >= BigInt(Number.MIN_SAFE_INTEGER) && wide <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(wide)
    : wide
}

export interface PackedResult {
  readonly value: Packed
  /** True when the value ended in the buffer's last byte: the check that the table fits the build. */
  readonly exact: boolean
}

export const decodeBitPacked = (data: Uint8Array, type: TypeInfo): PackedResult => {
  const reader = new BitReader(data)
  const value = read(reader, type, 0)
  return { value, exact: reader.bytesUsed === data.length }
}
