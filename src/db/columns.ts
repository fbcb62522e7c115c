/** Schemas for SQLite column encodings shared by the repositories. */
import { Schema } from "effect"

/** A boolean stored as INTEGER 0/1. */
export const SqlBoolean = Schema.transform(Schema.Literal(0, 1), Schema.Boolean, {
  strict: true,
  decode: (bit) => bit === 1,
  encode: (flag) => (flag ? 1 : 0)
})

/** A JSON document stored as TEXT. */
export const JsonText = <A, I>(schema: Schema.Schema<A, I>) => Schema.parseJson(schema)
