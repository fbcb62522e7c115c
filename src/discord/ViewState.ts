/**
 * State behind an open message's components (a setup draft, a leaderboard's filters and page),
 * stored in `interaction_state` under a random id that the components' custom ids carry. It expires
 * with the message's view timeout; an expired or unknown id is a `ViewExpired` the handler answers.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Data, Duration, Effect, Option, Random, Schema } from "effect"
import { AppConfig } from "../config.js"
import { decodeFirst } from "../db/rows.js"
import type { Snowflake } from "../domain/Snowflake.js"

export class ViewExpired extends Data.TaggedError("ViewExpired")<{ readonly kind: string }> {}

/** A kind of view: its name (part of every custom id) and the schema of its state. */
export interface ViewKind<A, I> {
  readonly name: string
  readonly schema: Schema.Schema<A, I>
}

export const viewKind = <A, I>(name: string, schema: Schema.Schema<A, I>): ViewKind<A, I> => ({
  name,
  schema
})

const StoredView = Schema.Struct({ discordUid: Schema.String, payload: Schema.String, expiresAt: Schema.Int })

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
const ID_LENGTH = 12

export class ViewState extends Effect.Service<ViewState>()("ViewState", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { ladder } = yield* AppConfig
    const ttl = Duration.toMillis(ladder.viewTimeout)

    const newId = Effect.map(
      Effect.all(Array.from({ length: ID_LENGTH }, () => Random.nextIntBetween(0, ID_ALPHABET.length))),
      (indexes) => indexes.map((index) => ID_ALPHABET[index]).join("")
    )

    const encode = <A, I>(kind: ViewKind<A, I>, value: A) =>
      Effect.orDie(Schema.encode(Schema.parseJson(kind.schema))(value))

    /**
     * Opens a view of `kind` for `owner` and returns its id. With `replace`, the owner's other views
     * of this kind stop working (one live view per user).
     */
    const open = Effect.fn("ViewState.open")(function* <A, I>(
      kind: ViewKind<A, I>,
      owner: Snowflake,
      value: A,
      options: { readonly replace?: boolean } = {}
    ) {
      const now = yield* Clock.currentTimeMillis
      const id = yield* newId
      const payload = yield* encode(kind, value)
      yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`DELETE FROM interaction_state WHERE expires_at <= ${now}`
          if (options.replace === true) {
            yield* sql`DELETE FROM interaction_state WHERE discord_uid = ${owner} AND kind = ${kind.name}`
          }
          yield* sql`INSERT INTO interaction_state ${sql.insert({
            id,
            discordUid: owner,
            kind: kind.name,
            payload,
            createdAt: now,
            expiresAt: now + ttl
          })}`
        })
      )
      return id
    })

    /** The view's state; expired, unknown, or someone else's view is `ViewExpired`. */
    const get = Effect.fn("ViewState.get")(function* <A, I>(
      kind: ViewKind<A, I>,
      id: string,
      owner: Snowflake
    ) {
      const now = yield* Clock.currentTimeMillis
      const stored = yield* sql`SELECT discord_uid, payload, expires_at FROM interaction_state
                                WHERE id = ${id} AND kind = ${kind.name}`.pipe(decodeFirst(StoredView))
      if (Option.isNone(stored) || stored.value.discordUid !== owner || stored.value.expiresAt <= now) {
        return yield* new ViewExpired({ kind: kind.name })
      }
      return yield* Effect.orDie(Schema.decode(Schema.parseJson(kind.schema))(stored.value.payload))
    })

    /** Replaces the view's state and restarts its timeout (Discord's timeout restarts on every use). */
    const set = Effect.fn("ViewState.set")(function* <A, I>(
      kind: ViewKind<A, I>,
      id: string,
      owner: Snowflake,
      value: A
    ) {
      const now = yield* Clock.currentTimeMillis
      const payload = yield* encode(kind, value)
      const updated = yield* sql`UPDATE interaction_state SET payload = ${payload}, expires_at = ${now + ttl}
                                 WHERE id = ${id} AND kind = ${kind.name} AND discord_uid = ${owner}
                                 AND expires_at > ${now} RETURNING id`
      if (updated.length === 0) return yield* new ViewExpired({ kind: kind.name })
    })

    const close = Effect.fn("ViewState.close")(function* (id: string) {
      yield* sql`DELETE FROM interaction_state WHERE id = ${id}`
    })

    /** Ids of the owner's views that still work, of one kind or all (pruning keeps their messages). */
    const liveIds = Effect.fn("ViewState.liveIds")(function* (owner: Snowflake, kind?: string) {
      const now = yield* Clock.currentTimeMillis
      const rows = yield* sql<{ readonly id: string }>`SELECT id FROM interaction_state
        WHERE discord_uid = ${owner} AND expires_at > ${now}
        ${kind === undefined ? sql`` : sql`AND kind = ${kind}`}`
      return new Set(rows.map((row) => row.id))
    })

    return { open, get, set, close, liveIds }
  })
}) {}
