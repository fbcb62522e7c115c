/**
 * s2protocol type descriptions for the bit-packed encoding, as a tree of plain objects. A table for a
 * range of builds (see `initDataTable.ts`) is written with these constructors; `bitpacked.ts` reads
 * any value a table describes.
 */

export type TypeInfo =
  | { readonly kind: "int"; readonly min: number; readonly bits: number }
  | { readonly kind: "bool" }
  | { readonly kind: "blob"; readonly min: number; readonly bits: number }
  | { readonly kind: "bitarray"; readonly min: number; readonly bits: number }
  | { readonly kind: "array"; readonly min: number; readonly bits: number; readonly element: TypeInfo }
  | { readonly kind: "optional"; readonly type: TypeInfo }
  | { readonly kind: "struct"; readonly fields: ReadonlyArray<Field> }

export interface Field {
  readonly name: string
  readonly type: TypeInfo
}

/** `_int[(min, bits)]`: min + an unsigned value of `bits` bits. */
export const int = (min: number, bits: number): TypeInfo => ({ kind: "int", min, bits })
export const bool: TypeInfo = { kind: "bool" }
/** `_blob[(min, bits)]`: a length of `bits` bits, then that many byte-aligned bytes (min + length). */
export const blob = (min: number, bits: number): TypeInfo => ({ kind: "blob", min, bits })
/** `_bitarray[(min, bits)]`: a length of `bits` bits, then that many bits. */
export const bitarray = (min: number, bits: number): TypeInfo => ({ kind: "bitarray", min, bits })
/** `_array[(min, bits), element]`: a count of `bits` bits, then the elements. */
export const array = (min: number, bits: number, element: TypeInfo): TypeInfo => ({
  kind: "array",
  min,
  bits,
  element
})
/** `_optional`: one presence bit, then the value. */
export const optional = (type: TypeInfo): TypeInfo => ({ kind: "optional", type })
/** `_struct`: the fields in order, without tags. */
export const struct = (fields: Readonly<Record<string, TypeInfo>>): TypeInfo => ({
  kind: "struct",
  fields: Object.entries(fields).map(([name, type]) => ({ name, type }))
})
