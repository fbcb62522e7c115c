/**
 * The ranked snapshot behind `/leaderboard`, `/profile` ranks and match embeds, cached with
 * `Effect.cachedInvalidateWithTTL` and never served stale:
 *
 * - every rating-relevant domain event (published after its transaction commits) carries a sequence
 *   number, and a snapshot remembers the latest relevant number it saw *before* it started reading;
 * - a read compares that with the latest relevant number now, and recomputes when an event has
 *   happened since, so a computation that overlapped a commit is never served after it and a writer
 *   reads its own write without waiting for any fiber;
 * - a subscriber to the events drops the cached value as soon as one arrives (memory, not
 *   correctness), and the TTL (10 min) lets time-based rank changes (the 14-day activity window) in.
 *
 * Nothing is computed until someone reads: no work while idle.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Duration, Effect, Metric, Schema, Stream } from "effect"
import { AppConfig } from "../config.js"
import { decodeRows } from "../db/rows.js"
import { queryLeaderboard, type LeaderboardQuery, type LeaderboardRow } from "../domain/Leaderboard.js"
import { RaceCode } from "../domain/Race.js"
import { letterSequence, type RankLetter } from "../domain/Rank.js"
import { Snowflake } from "../domain/Snowflake.js"
import { DomainEvents, type DomainEventTag } from "./DomainEvents.js"
import { LadderData } from "./LadderData.js"

/** Events after which the snapshot may differ. */
export const LEADERBOARD_EVENTS: ReadonlyArray<DomainEventTag> = [
  "MmrChanged",
  "MmrAdjusted",
  "PlayerUpdated",
  "MatchAborted"
]

const RankedRow = Schema.Struct({
  discordUid: Snowflake,
  race: RaceCode,
  mmr: Schema.Int,
  lastPlayedAt: Schema.Int,
  playerName: Schema.NullOr(Schema.String),
  discordUsername: Schema.String,
  country: Schema.NullOr(Schema.String)
})

export interface Snapshot {
  /** The latest relevant event sequence number the computation had seen when it started. */
  readonly sequence: number
  readonly computedAt: number
  /** Ranked rows in global-rank order. */
  readonly rows: ReadonlyArray<LeaderboardRow>
  readonly byRating: ReadonlyMap<string, LeaderboardRow>
}

const ratingKey = (discordUid: string, race: RaceCode) => `${discordUid}:${race}`

export interface Rank {
  readonly letter: RankLetter
  readonly globalRank: number | null
}

/**
 * A rating's rank in a snapshot. Inside a transaction, take the snapshot before it begins: the
 * cached computation runs its query outside the transaction and would wait for it to end.
 */
export const rankIn = (snapshot: Snapshot, discordUid: string, race: RaceCode): Rank => {
  const row = snapshot.byRating.get(ratingKey(discordUid, race))
  return row === undefined
    ? { letter: "U", globalRank: null }
    : { letter: row.letter, globalRank: row.globalRank }
}

export const leaderboardComputations = Metric.counter("leaderboard_cache_recomputations")
export const leaderboardReads = Metric.counter("leaderboard_cache_reads")

export class Leaderboard extends Effect.Service<Leaderboard>()("Leaderboard", {
  scoped: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents
    const data = yield* LadderData
    const { leaderboard, rating } = yield* AppConfig
    const windowMs = Duration.toMillis(rating.activityWindow)
    const paging = { pageSize: leaderboard.pageSize, maxPages: leaderboard.maxPages }
    const uncommon = new Set<string>(data.countries.uncommonCodes())

    const compute = Effect.gen(function* () {
      const sequence = yield* events.latestOf(LEADERBOARD_EVENTS)
      const now = yield* Clock.currentTimeMillis
      const ranked = yield* sql`
        SELECT r.discord_uid, r.race, r.mmr, r.last_played_at, p.player_name, p.discord_username, p.country
        FROM ratings r JOIN players p ON p.discord_uid = r.discord_uid
        WHERE r.games_played > 0 AND r.last_played_at >= ${now - windowMs}
        ORDER BY r.mmr DESC, r.last_played_at DESC, r.id DESC`.pipe(decodeRows(RankedRow))
      const letters = letterSequence(ranked.length)
      const rows = ranked.map((row, index): LeaderboardRow => ({
        globalRank: index + 1,
        letter: letters[index] ?? "F",
        discordUid: row.discordUid,
        playerName: row.playerName ?? row.discordUsername,
        country: row.country,
        race: row.race,
        mmr: row.mmr,
        lastPlayedAt: row.lastPlayedAt
      }))
      yield* Metric.increment(leaderboardComputations)
      return {
        sequence,
        computedAt: now,
        rows,
        byRating: new Map(rows.map((row) => [ratingKey(row.discordUid, row.race), row]))
      } satisfies Snapshot
    }).pipe(Effect.withSpan("Leaderboard.compute"))

    const [cached, invalidate] = yield* Effect.cachedInvalidateWithTTL(compute, leaderboard.cacheTtl)

    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.filter(({ event }) => LEADERBOARD_EVENTS.includes(event._tag)),
      Stream.runForEach(() => invalidate),
      Effect.forkScoped
    )

    /** The current snapshot: recomputed when a relevant event committed after it started. */
    const snapshot: Effect.Effect<Snapshot, SqlError> = Effect.gen(function* () {
      yield* Metric.increment(leaderboardReads)
      for (;;) {
        const required = yield* events.latestOf(LEADERBOARD_EVENTS)
        const current = yield* cached
        if (current.sequence >= required) return current
        yield* invalidate
      }
    }).pipe(Effect.withSpan("Leaderboard.snapshot"))

    const query = Effect.fn("Leaderboard.query")(function* (filters: LeaderboardQuery) {
      const current = yield* snapshot
      return { ...queryLeaderboard(current.rows, filters, paging, uncommon), computedAt: current.computedAt }
    })

    /** A rating's letter rank and global rank; unranked (U, no number) when not on the ladder. */
    const rankOf = Effect.fn("Leaderboard.rankOf")(function* (discordUid: Snowflake, race: RaceCode) {
      const row = (yield* snapshot).byRating.get(ratingKey(discordUid, race))
      const rank: { readonly letter: RankLetter; readonly globalRank: number | null } =
        row === undefined
          ? { letter: "U", globalRank: null }
          : { letter: row.letter, globalRank: row.globalRank }
      return rank
    })

    return { snapshot, query, rankOf, invalidate }
  })
}) {}
