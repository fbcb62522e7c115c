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
import {
  filterKey,
  filterLeaderboard,
  pageOf,
  type LeaderboardQuery,
  type LeaderboardRow
} from "../domain/Leaderboard.js"
import { RaceCode } from "../domain/Race.js"
import { letterSequence, type Letter, type RankLetter } from "../domain/Rank.js"
import { Snowflake } from "../domain/Snowflake.js"
import { DomainEvents, type DomainEventTag } from "./DomainEvents.js"
import { LadderData } from "./LadderData.js"

/** Filtered lists kept per snapshot (see `filteredIn`). */
const MAX_FILTERED_LISTS = 32

/** Events after which the snapshot may differ. */
export const LEADERBOARD_EVENTS: ReadonlyArray<DomainEventTag> = [
  "MmrChanged",
  "MmrAdjusted",
  "PlayerUpdated",
  "MatchAborted"
]

/**
 * One ranked rating as the snapshot query returns it: `[discord_uid, race, mmr, last_played_at,
 * player_name, discord_username, country]`. Rows come back as value arrays and are checked with the
 * schemas' type guards rather than decoded as objects: at 100k ratings, object decoding alone took
 * longer than the whole computation may.
 */
const isSnowflake = Schema.is(Snowflake)
const isRaceCode = Schema.is(RaceCode)
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === "string"

const rankedRating = (values: ReadonlyArray<unknown>, index: number, letters: ReadonlyArray<Letter>) => {
  const [discordUid, race, mmr, lastPlayedAt, playerName, discordUsername, country] = values
  if (
    isSnowflake(discordUid) &&
    isRaceCode(race) &&
    typeof mmr === "number" &&
    Number.isInteger(mmr) &&
    typeof lastPlayedAt === "number" &&
    isNullableString(playerName) &&
    typeof discordUsername === "string" &&
    isNullableString(country)
  ) {
    const row: LeaderboardRow = {
      globalRank: index + 1,
      letter: letters[index] ?? "F",
      discordUid,
      playerName: playerName ?? discordUsername,
      country,
      race,
      mmr,
      lastPlayedAt
    }
    return row
  }
  return undefined
}

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

export const leaderboardComputations = Metric.counter("leaderboard_cache_recomputations", {
  description: "Leaderboard snapshots computed",
  incremental: true
})
export const leaderboardReads = Metric.counter("leaderboard_cache_reads", {
  description: "Leaderboard snapshot reads",
  incremental: true
})

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
      const values = yield* sql`
        SELECT r.discord_uid, r.race, r.mmr, r.last_played_at, p.player_name, p.discord_username, p.country
        FROM ratings r JOIN players p ON p.discord_uid = r.discord_uid
        WHERE r.games_played > 0 AND r.last_played_at >= ${now - windowMs}
        ORDER BY r.mmr DESC, r.last_played_at DESC, r.id DESC`.values
      const letters = letterSequence(values.length)
      const rows: Array<LeaderboardRow> = []
      for (const [index, row] of values.entries()) {
        const ranked = rankedRating(row, index, letters)
        // A row that does not match is a corrupt database or a bug, as in `db/rows.ts`: a defect.
        if (ranked === undefined)
          return yield* Effect.dieMessage(`a ratings row does not match: ${JSON.stringify(row)}`)
        rows.push(ranked)
      }
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

    /**
     * Each snapshot's filtered lists, by filters: paging through a filtered view filters once. A
     * new snapshot starts empty (the old one's lists go with it); a few dozen filters are kept.
     */
    const filteredLists = new WeakMap<Snapshot, Map<string, ReadonlyArray<LeaderboardRow>>>()
    const filteredIn = (current: Snapshot, filters: LeaderboardQuery) => {
      const lists = filteredLists.get(current) ?? new Map<string, ReadonlyArray<LeaderboardRow>>()
      filteredLists.set(current, lists)
      const key = filterKey(filters)
      const known = lists.get(key)
      if (known !== undefined) return known
      if (lists.size >= MAX_FILTERED_LISTS) lists.clear()
      const filtered = filterLeaderboard(current.rows, filters, uncommon)
      lists.set(key, filtered)
      return filtered
    }

    const query = Effect.fn("Leaderboard.query")(function* (filters: LeaderboardQuery) {
      const current = yield* snapshot
      return { ...pageOf(filteredIn(current, filters), filters, paging), computedAt: current.computedAt }
    })

    /** A rating's letter rank and global rank; unranked (U, no number) when not on the ladder. */
    const rankOf = Effect.fn("Leaderboard.rankOf")(function* (discordUid: Snowflake, race: RaceCode) {
      return rankIn(yield* snapshot, discordUid, race)
    })

    return { snapshot, query, rankOf, invalidate }
  })
}) {}
