/**
 * Typed access to decoded versioned values: each accessor names the file and field it reads, so a
 * value of the wrong shape ends in a `DecodeError` that says where, never in a type confusion.
 */
import { DecodeError } from "../errors.js"
import { VersionedArray, VersionedStruct, type Versioned } from "./versioned.js"

const utf8 = new TextDecoder("utf-8")

export class FieldReader {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): DecodeError {
    return new DecodeError({
      file: this.file,
      message: `This replay's ${this.file} is corrupted (${field} ${problem}).`
    })
  }

  struct(value: Versioned | undefined, field: string): VersionedStruct {
    if (value instanceof VersionedStruct) return value
    throw this.fail(field, "is not a structure")
  }

  array(value: Versioned | undefined, field: string): ReadonlyArray<Versioned> {
    if (value instanceof VersionedArray) return value.items
    throw this.fail(field, "is not a list")
  }

  /** A list that may be absent (s2protocol's optional arrays). */
  optionalArray(value: Versioned | undefined, field: string): ReadonlyArray<Versioned> {
    return value === null || value === undefined ? [] : this.array(value, field)
  }

  int(value: Versioned | undefined, field: string): number {
    if (typeof value === "number") return value
    throw this.fail(field, "is not a number")
  }

  /** An integer that may exceed 2^53 (timestamps). */
  bigint(value: Versioned | undefined, field: string): bigint {
    if (typeof value === "number") return BigInt(value)
    if (typeof value === "bigint") return value
    throw this.fail(field, "is not a number")
  }

  optionalInt(value: Versioned | undefined, field: string): number | null {
    return value === null || value === undefined ? null : this.int(value, field)
  }

  bytes(value: Versioned | undefined, field: string): Uint8Array {
    if (value instanceof Uint8Array) return value
    throw this.fail(field, "is not a byte string")
  }

  text(value: Versioned | undefined, field: string): string {
    return utf8.decode(this.bytes(value, field))
  }
}

/** A four-character code as text, without the NUL padding (`\0\0S2` → `S2`). */
export const fourcc = (bytes: Uint8Array): string => String.fromCharCode(...bytes).replace(/\0/g, "")
