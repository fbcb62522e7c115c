import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schema } from "effect"

/**
 * Decodes database rows with a schema. A row that does not match is a corrupt database or a bug,
 * not something a caller can handle, so it is a defect; only `SqlError` stays in the error channel.
 */
export const decodeRows =
  <A, I>(schema: Schema.Schema<A, I>) =>
  <E extends SqlError, R>(
    rows: Effect.Effect<ReadonlyArray<unknown>, E, R>
  ): Effect.Effect<ReadonlyArray<A>, E, R> =>
    Effect.flatMap(rows, (found) => Effect.orDie(Schema.decodeUnknown(Schema.Array(schema))(found)))

/** The first row decoded, if any (see `decodeRows`). */
export const decodeFirst =
  <A, I>(schema: Schema.Schema<A, I>) =>
  <E extends SqlError, R>(
    rows: Effect.Effect<ReadonlyArray<unknown>, E, R>
  ): Effect.Effect<Option.Option<A>, E, R> =>
    Effect.map(decodeRows(schema)(rows), (decoded) => Option.fromNullable(decoded[0]))
