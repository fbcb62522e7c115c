/**
 * Decoding database rows with a schema. A row that does not match is a corrupt database or a bug,
 * not something a caller can handle, so it is a defect; only `SqlError` stays in the error channel.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schema } from "effect"

export interface RowDecoder<A> {
  readonly all: <E extends SqlError, R>(
    rows: Effect.Effect<ReadonlyArray<unknown>, E, R>
  ) => Effect.Effect<ReadonlyArray<A>, E, R>
  readonly first: <E extends SqlError, R>(
    rows: Effect.Effect<ReadonlyArray<unknown>, E, R>
  ) => Effect.Effect<Option.Option<A>, E, R>
}

/**
 * A decoder compiled once: keep it in a module constant on hot paths (building a `Schema.Array`
 * parser costs more than a simple query).
 */
export const rowDecoder = <A, I>(schema: Schema.Schema<A, I>): RowDecoder<A> => {
  const decode = Schema.decodeUnknown(Schema.Array(schema))
  const all = <E extends SqlError, R>(rows: Effect.Effect<ReadonlyArray<unknown>, E, R>) =>
    Effect.flatMap(rows, (found) => Effect.orDie(decode(found)))
  return {
    all,
    first: (rows) => Effect.map(all(rows), (decoded) => Option.fromNullable(decoded[0]))
  }
}

/** Every row decoded (compiles the decoder at each call: fine off the hot paths). */
export const decodeRows = <A, I>(schema: Schema.Schema<A, I>) => rowDecoder(schema).all

/** The first row decoded, if any (see `decodeRows`). */
export const decodeFirst = <A, I>(schema: Schema.Schema<A, I>) => rowDecoder(schema).first
