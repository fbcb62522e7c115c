/**
 * An encoder for s2protocol's versioned format, to build `replay.header` and `replay.details` for
 * self-contained tests. Values: numbers and bigints (vint), strings and byte arrays (blob), `array([…])`,
 * `optional(x)`, `struct({tag: value})`, `fourcc("S2")`.
 */

export type Value =
  | number
  | bigint
  | string
  | Uint8Array
  | { readonly kind: "array"; readonly items: ReadonlyArray<Value> }
  | { readonly kind: "struct"; readonly fields: ReadonlyArray<readonly [number, Value]> }
  | { readonly kind: "optional"; readonly value: Value | null }
  | { readonly kind: "fourcc"; readonly bytes: Uint8Array }

export const struct = (fields: Readonly<Record<number, Value>>): Value => ({
  kind: "struct",
  fields: Object.entries(fields).map(([tag, value]) => [Number(tag), value] as const)
})
export const array = (items: ReadonlyArray<Value>): Value => ({ kind: "array", items })
export const optional = (value: Value | null): Value => ({ kind: "optional", value })
export const fourcc = (text: string): Value => ({
  kind: "fourcc",
  bytes: new TextEncoder().encode(text.padStart(4, "\0"))
})

const vint = (value: number | bigint, out: Array<number>): void => {
  let magnitude = BigInt(value)
  const negative = magnitude < 0n
  if (negative) magnitude = -magnitude
  let byte = Number((magnitude & 0x3fn) << 1n) | (negative ? 1 : 0)
  magnitude >>= 6n
  while (magnitude > 0n) {
    out.push(byte | 0x80)
    byte = Number(magnitude & 0x7fn)
    magnitude >>= 7n
  }
  out.push(byte)
}

const write = (value: Value, out: Array<number>): void => {
  if (typeof value === "number" || typeof value === "bigint") {
    out.push(9)
    vint(value, out)
  } else if (typeof value === "string" || value instanceof Uint8Array) {
    const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value
    out.push(2)
    vint(bytes.length, out)
    out.push(...bytes)
  } else if (value.kind === "array") {
    out.push(0)
    vint(value.items.length, out)
    for (const item of value.items) write(item, out)
  } else if (value.kind === "struct") {
    out.push(5)
    vint(value.fields.length, out)
    for (const [tag, field] of value.fields) {
      vint(tag, out)
      write(field, out)
    }
  } else if (value.kind === "optional") {
    out.push(4, value.value === null ? 0 : 1)
    if (value.value !== null) write(value.value, out)
  } else {
    out.push(7, ...value.bytes)
  }
}

export const encodeVersioned = (value: Value): Uint8Array => {
  const out: Array<number> = []
  write(value, out)
  return Uint8Array.from(out)
}
