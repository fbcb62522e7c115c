/**
 * Row decoders built once per schema. `db/rows.ts` builds `Schema.Array(schema)` on every call,
 * and a new schema means a new parser: on the queue's hot path (several statements per job) that
 * cost more than the SQL. Same contract: a row that does not match is a defect.
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

export const rowDecoder = <A, I>(schema: Schema.Schema<A, I>): RowDecoder<A> => {
  const decode = Schema.decodeUnknown(Schema.Array(schema))
  const all = <E extends SqlError, R>(rows: Effect.Effect<ReadonlyArray<unknown>, E, R>) =>
    Effect.flatMap(rows, (found) => Effect.orDie(decode(found)))
  return {
    all,
    first: (rows) => Effect.map(all(rows), (decoded) => Option.fromNullable(decoded[0]))
  }
}
