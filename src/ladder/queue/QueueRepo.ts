/**
 * The matchmaking queue, in the database so that a restart keeps it: a player joins only from idle
 * and leaves only while queueing, each in one guarded transaction.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Data, Duration, Effect, Option, Schema } from "effect"
import { AppConfig } from "../../config.js"
import { decodeRows } from "../../db/rows.js"
import { RaceCode } from "../../domain/Race.js"
import { ResidentialRegionCode } from "../../domain/Region.js"
import { Snowflake } from "../../domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../DomainEvents.js"
import { RatingsRepo } from "../RatingsRepo.js"
import { PreferencesRepo } from "./PreferencesRepo.js"

/** Why a player cannot join: already queueing, or in match #n. */
export class CannotQueue extends Data.TaggedError("CannotQueue")<{
  readonly state: "queueing" | "in_match"
  readonly matchId: number | null
}> {}

export interface QueueChoice {
  readonly bwRace: RaceCode | null
  readonly sc2Race: RaceCode | null
  readonly vetoes: ReadonlyArray<string>
}

/** A queued player with the ratings of the races they chose, as a wave sees them. */
export const QueuedPlayer = Schema.Struct({
  discordUid: Snowflake,
  bwRace: Schema.NullOr(RaceCode),
  sc2Race: Schema.NullOr(RaceCode),
  bwMmr: Schema.NullOr(Schema.Int),
  sc2Mmr: Schema.NullOr(Schema.Int),
  vetoes: Schema.parseJson(Schema.Array(Schema.String)),
  region: Schema.NullOr(ResidentialRegionCode),
  joinedAt: Schema.Int,
  waitCycles: Schema.Int
})
export type QueuedPlayer = typeof QueuedPlayer.Type

export interface QueueCounts {
  readonly broodWar: number
  readonly starCraft2: number
  readonly both: number
  /** Players who joined or were matched within the activity window (15 minutes). */
  readonly activePlayers: number
  readonly ongoingMatches: number
}

export class QueueRepo extends Effect.Service<QueueRepo>()("QueueRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents
    const ratings = yield* RatingsRepo
    const preferences = yield* PreferencesRepo
    const { ladder } = yield* AppConfig

    /** Marks players as seen in the queue (joining, being matched) for the activity count. */
    const touch = (discordUids: ReadonlyArray<Snowflake>, now: number) =>
      Effect.forEach(
        discordUids,
        (discordUid) => sql`INSERT INTO queue_activity ${sql.insert({ discordUid, lastSeenAt: now })}
          ON CONFLICT (discord_uid) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
        { discard: true }
      )

    /**
     * Joins the queue from idle: the choice becomes the player's saved preference, each chosen race
     * gets a rating row if it had none. Fails with `CannotQueue` when already queueing or in a match.
     */
    const join = Effect.fn("QueueRepo.join")(function* (discordUid: Snowflake, choice: QueueChoice) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const moved = yield* sql<{ readonly region: string | null }>`UPDATE players
              SET state = 'queueing', updated_at = ${now}
            WHERE discord_uid = ${discordUid} AND state = 'idle' RETURNING region`
          const [player] = moved
          if (player === undefined) {
            const [current] = yield* sql<{
              readonly state: "queueing" | "in_match"
              readonly currentMatchId: number | null
            }>`
              SELECT state, current_match_id FROM players WHERE discord_uid = ${discordUid}`
            return yield* new CannotQueue({
              state: current?.state ?? "queueing",
              matchId: current?.currentMatchId ?? null
            })
          }
          for (const race of [choice.bwRace, choice.sc2Race]) {
            if (race !== null) yield* ratings.ensure(discordUid, race)
          }
          yield* sql`INSERT INTO queue_entries ${sql.insert({
            discordUid,
            bwRace: choice.bwRace,
            sc2Race: choice.sc2Race,
            vetoes: JSON.stringify([...choice.vetoes].sort()),
            region: player.region,
            joinedAt: now
          })}`
          yield* preferences.save(discordUid, {
            races: [choice.bwRace, choice.sc2Race].filter((race) => race !== null),
            vetoes: choice.vetoes
          })
          yield* touch([discordUid], now)
          yield* events.emit(DomainEvent.QueueJoined({ discordUid }))
        })
      )
    })

    /** Leaves the queue if still queueing (a match may have been found meanwhile: then false). */
    const leave = Effect.fn("QueueRepo.leave")(function* (
      discordUid: Snowflake,
      reason: "cancelled" | "timed_out" | "removed"
    ) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const left = yield* sql`UPDATE players SET state = 'idle', updated_at = ${now}
            WHERE discord_uid = ${discordUid} AND state = 'queueing' RETURNING id`
          if (left.length === 0) return false
          yield* sql`DELETE FROM queue_entries WHERE discord_uid = ${discordUid}`
          yield* events.emit(DomainEvent.QueueLeft({ discordUid, reason }))
          return true
        })
      )
    })

    /** Everyone queued, with their current MMR for each chosen race, oldest first. */
    const entries = Effect.fn("QueueRepo.entries")(function* () {
      return yield* sql`
        SELECT q.discord_uid, q.bw_race, q.sc2_race, bw.mmr AS bw_mmr, sc2.mmr AS sc2_mmr, q.vetoes, q.region,
               q.joined_at, q.wait_cycles
        FROM queue_entries q
        LEFT JOIN ratings bw ON bw.discord_uid = q.discord_uid AND bw.race = q.bw_race
        LEFT JOIN ratings sc2 ON sc2.discord_uid = q.discord_uid AND sc2.race = q.sc2_race
        ORDER BY q.joined_at, q.discord_uid`.pipe(decodeRows(QueuedPlayer))
    })

    /** One more wave waited, for everyone queued (inside the wave's transaction). */
    const countWave = sql`UPDATE queue_entries SET wait_cycles = wait_cycles + 1`

    const isEmpty = Effect.map(
      sql<{ readonly n: number }>`SELECT count(*) AS n FROM queue_entries`,
      ([row]) => (row?.n ?? 0) === 0
    )

    const counts = Effect.fn("QueueRepo.counts")(function* () {
      const now = yield* Clock.currentTimeMillis
      const since = now - Duration.toMillis(ladder.queueActivityWindow)
      const [row] = yield* sql<{
        readonly broodWar: number
        readonly starCraft2: number
        readonly both: number
        readonly activePlayers: number
        readonly ongoingMatches: number
      }>`SELECT
          (SELECT count(*) FROM queue_entries WHERE bw_race IS NOT NULL AND sc2_race IS NULL) AS brood_war,
          (SELECT count(*) FROM queue_entries WHERE sc2_race IS NOT NULL AND bw_race IS NULL) AS star_craft2,
          (SELECT count(*) FROM queue_entries WHERE bw_race IS NOT NULL AND sc2_race IS NOT NULL) AS both,
          (SELECT count(*) FROM queue_activity WHERE last_seen_at >= ${since}) AS active_players,
          (SELECT count(*) FROM matches WHERE status IN ('awaiting_confirmation', 'in_progress')) AS ongoing_matches`
      return Option.getOrElse(Option.fromNullable(row), () => ({
        broodWar: 0,
        starCraft2: 0,
        both: 0,
        activePlayers: 0,
        ongoingMatches: 0
      })) satisfies QueueCounts
    })

    /** Active players within the window, for queue pressure. */
    const activeCount = Effect.map(counts(), (c) => c.activePlayers)

    /** The searching message of a queued player, to refresh and replace it. */
    const setSearchMessage = Effect.fn("QueueRepo.setSearchMessage")(function* (
      discordUid: Snowflake,
      channelId: string,
      messageId: string
    ) {
      yield* sql`UPDATE queue_entries SET channel_id = ${channelId}, message_id = ${messageId}
        WHERE discord_uid = ${discordUid}`
    })

    return { join, leave, entries, countWave, isEmpty, counts, activeCount, touch, setSearchMessage }
  })
}) {}
