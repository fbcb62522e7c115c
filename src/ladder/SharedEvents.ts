/**
 * Domain events between processes that share a PostgreSQL database (a gateway and replay workers).
 * Two things travel through the database, both written in the transaction that emitted the events:
 *
 * - a counter per event type (`event_versions`, bumped once per transaction and type). A reader
 *   that must never be stale (the leaderboard) compares the sum of its types' counters with the
 *   sum it read before computing: one indexed SELECT, correct whatever process committed. A sum
 *   of counters that only grow, each by committed transactions, cannot miss a commit the way a
 *   sequence number taken before COMMIT could (a later number committing first).
 * - the events themselves, as JSON in NOTIFY messages (delivered at COMMIT), which every other
 *   process decodes and publishes to its own subscribers (match notifications on the gateway,
 *   the leaderboard cache dropping early). Best effort: see `Broadcast`.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schema, Stream } from "effect"
import { Broadcast } from "../db/Broadcast.js"
import { rowDecoder } from "../db/rows.js"
import { MatchResult } from "../domain/Match.js"
import { RaceCode } from "../domain/Race.js"
import { Snowflake } from "../domain/Snowflake.js"
import { makeOwnerId } from "../jobs/ownerId.js"
import type { DomainEvent, DomainEventTag } from "./DomainEvents.js"

export const EVENTS_CHANNEL = "evoladder_events"

/** NOTIFY payloads must stay under 8000 bytes; a transaction's events are split to fit. */
const MAX_PAYLOAD = 7000

const matchEvent = <Tag extends DomainEventTag>(tag: Tag) =>
  Schema.TaggedStruct(tag, { matchId: Schema.Number })

const Event = Schema.Union(
  Schema.TaggedStruct("MmrChanged", {
    matchId: Schema.NullOr(Schema.Number),
    players: Schema.Array(Snowflake)
  }),
  Schema.TaggedStruct("MmrAdjusted", { discordUid: Snowflake, race: RaceCode }),
  Schema.TaggedStruct("PlayerUpdated", { discordUid: Snowflake, settings: Schema.Array(Schema.String) }),
  Schema.TaggedStruct("PreferencesChanged", { discordUid: Snowflake }),
  Schema.TaggedStruct("QueueJoined", { discordUid: Snowflake }),
  Schema.TaggedStruct("QueueLeft", {
    discordUid: Snowflake,
    reason: Schema.Literal("cancelled", "timed_out", "removed")
  }),
  Schema.TaggedStruct("WaveScheduled", { at: Schema.NullOr(Schema.Number) }),
  matchEvent("MatchFound"),
  Schema.TaggedStruct("MatchConfirmed", {
    matchId: Schema.Number,
    discordUid: Snowflake,
    both: Schema.Boolean
  }),
  matchEvent("MatchAborted"),
  matchEvent("MatchAbandoned"),
  Schema.TaggedStruct("ResultReported", { matchId: Schema.Number, discordUid: Snowflake }),
  Schema.TaggedStruct("ReplayChecked", { matchId: Schema.Number, hash: Schema.String }),
  matchEvent("MatchCompleted"),
  matchEvent("MatchConflict"),
  matchEvent("MatchUnreported"),
  Schema.TaggedStruct("MatchResolved", {
    matchId: Schema.Number,
    adminUid: Snowflake,
    result: Schema.NullOr(MatchResult)
  })
)

/** One NOTIFY message: the events of (part of) one transaction, and which process sent them. */
const Message = Schema.parseJson(Schema.Struct({ origin: Schema.String, events: Schema.Array(Event) }))
const encodeMessage = Schema.encodeSync(Message)
const decodeMessage = Schema.decodeUnknown(Message)

const Version = rowDecoder(Schema.Struct({ version: Schema.Number }))

/** Splits `events` into messages that each fit a NOTIFY payload. */
const messagesOf = (origin: string, events: ReadonlyArray<DomainEvent>): ReadonlyArray<string> => {
  const messages: Array<string> = []
  let batch: Array<DomainEvent> = []
  for (const event of events) {
    const grown = [...batch, event]
    if (batch.length > 0 && encodeMessage({ origin, events: grown }).length > MAX_PAYLOAD) {
      messages.push(encodeMessage({ origin, events: batch }))
      batch = [event]
    } else {
      batch = grown
    }
  }
  if (batch.length > 0) messages.push(encodeMessage({ origin, events: batch }))
  return messages
}

export interface SharedEvents {
  /** In the current transaction: bump the counters of the events' types and send the events. */
  readonly record: (events: ReadonlyArray<DomainEvent>) => Effect.Effect<void, SqlError>
  /** The sum of the counters of `tags`: it grows with every committed transaction that emitted one. */
  readonly versionOf: (tags: ReadonlyArray<DomainEventTag>) => Effect.Effect<number, SqlError>
  /** Events other processes committed, from now on. */
  readonly received: Stream.Stream<DomainEvent>
}

/** Sharing through the database when other processes share it (PostgreSQL); none otherwise. */
export const makeSharedEvents: Effect.Effect<
  Option.Option<SharedEvents>,
  never,
  SqlClient.SqlClient | Broadcast
> = Effect.gen(function* () {
  const broadcast = yield* Broadcast
  if (!broadcast.shared) return Option.none()
  const sql = yield* SqlClient.SqlClient
  const origin = yield* makeOwnerId

  const record = (events: ReadonlyArray<DomainEvent>) =>
    Effect.gen(function* () {
      if (events.length === 0) return
      // Sorted, so that two transactions bumping the same types lock their rows in one order.
      const tags = [...new Set(events.map((event) => event._tag))].sort()
      yield* sql`INSERT INTO event_versions ${sql.insert(tags.map((tag) => ({ tag, version: 1 })))}
                   ON CONFLICT (tag) DO UPDATE SET version = event_versions.version + 1`
      for (const message of messagesOf(origin, events)) yield* broadcast.send(EVENTS_CHANNEL, message)
    })

  const versionOf = (tags: ReadonlyArray<DomainEventTag>) =>
    sql`SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) AS version FROM event_versions
          WHERE tag IN ${sql.in(tags)}`.pipe(
      Version.first,
      Effect.map(Option.match({ onNone: () => 0, onSome: (row) => row.version }))
    )

  const received = broadcast.listen(EVENTS_CHANNEL).pipe(
    Stream.mapConcatEffect((message) => {
      if (message._tag === "Reconnected") return Effect.succeed([])
      return decodeMessage(message.payload).pipe(
        Effect.map((decoded): ReadonlyArray<DomainEvent> =>
          decoded.origin === origin ? [] : decoded.events
        ),
        Effect.catchAll((error) =>
          Effect.as(Effect.logWarning("ignored an undecodable shared domain event", error), [])
        )
      )
    })
  )

  return Option.some({ record, versionOf, received })
})
