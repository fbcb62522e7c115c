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
import { Clock, Duration, Effect, Metric, Stream } from "effect"
import { AppConfig } from "../config.js"
import {
  filterKey,
  filterLeaderboard,
  pageOf,
  type LeaderboardQuery,
  type LeaderboardRow
} from "../domain/Leaderboard.js"
import { raceCodes, type RaceCode } from "../domain/Race.js"
import { letterSequence, type Letter, type RankLetter } from "../domain/Rank.js"
import { isSnowflake, type Snowflake } from "../domain/Snowflake.js"
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
 * Rows come back as value arrays and are checked by hand rather than decoded as objects: at 100k
 * ratings, object decoding alone took longer than the whole computation may. Each player's id is
 * checked once, with the `Snowflake` schema's pattern; a rating takes its player's checked id, and
 * its race the canonical code found by lookup.
 */
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === "string"
const raceByCode = new Map<unknown, RaceCode>(raceCodes.map((code) => [code, code]))

interface Named {
  readonly discordUid: Snowflake
  readonly playerName: string
  readonly country: string | null
}

/**
 * `[discord_uid, player_name, discord_username, country]` → the id, name and country a row shows.
 * Indexed reads, not destructuring: this runs for every row of a cold snapshot, before the JIT has
 * optimised anything, where destructuring goes through the iterator protocol.
 */
const namedPlayer = (values: ReadonlyArray<unknown>): Named | undefined => {
  const discordUid = values[0]
  const playerName = values[1]
  const discordUsername = values[2]
  const country = values[3]
  return isSnowflake(discordUid) &&
    isNullableString(playerName) &&
    typeof discordUsername === "string" &&
    isNullableString(country)
    ? { discordUid, playerName: playerName ?? discordUsername, country }
    : undefined
}

/** `[discord_uid, race, mmr, last_played_at]` in ladder order, with its player, as a ranked row. */
const rankedRating = (
  values: ReadonlyArray<unknown>,
  index: number,
  letters: ReadonlyArray<Letter>,
  players: ReadonlyMap<unknown, Named>
): LeaderboardRow | undefined => {
  const player = players.get(values[0])
  const race = raceByCode.get(values[1])
  const mmr = values[2]
  const lastPlayedAt = values[3]
  return player !== undefined &&
    race !== undefined &&
    typeof mmr === "number" &&
    Number.isInteger(mmr) &&
    typeof lastPlayedAt === "number"
    ? {
        globalRank: index + 1,
        letter: letters[index] ?? "F",
        discordUid: player.discordUid,
        playerName: player.playerName,
        country: player.country,
        race,
        mmr,
        lastPlayedAt
      }
    : undefined
}

/** A row that does not match is a corrupt database or a bug, as in `db/rows.ts`: a defect. */
const corruptRow = (table: string, values: ReadonlyArray<unknown>) =>
  Effect.dieMessage(`a ${table} row does not match: ${JSON.stringify(values)}`)

export interface Snapshot {
  /** The latest relevant event sequence number the computation had seen when it started. */
  readonly sequence: number
  readonly computedAt: number
  /** Ranked rows in global-rank order. */
  readonly rows: ReadonlyArray<LeaderboardRow>
  /** Each player's ranked rows (a few at most): keyed by the id strings the rows already hold. */
  readonly byPlayer: ReadonlyMap<string, ReadonlyArray<LeaderboardRow>>
}

const indexByPlayer = (rows: ReadonlyArray<LeaderboardRow>) => {
  const byPlayer = new Map<string, Array<LeaderboardRow>>()
  for (const row of rows) {
    const own = byPlayer.get(row.discordUid)
    if (own === undefined) byPlayer.set(row.discordUid, [row])
    else own.push(row)
  }
  return byPlayer
}

export interface Rank {
  readonly letter: RankLetter
  readonly globalRank: number | null
}

/**
 * A rating's rank in a snapshot. Inside a transaction, take the snapshot before it begins: the
 * cached computation runs its query outside the transaction and would wait for it to end.
 */
export const rankIn = (snapshot: Snapshot, discordUid: string, race: RaceCode): Rank => {
  const row = snapshot.byPlayer.get(discordUid)?.find((ranked) => ranked.race === race)
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
      // Ratings from the covering index alone, then every player in one scan, joined here: a join
      // in SQL looks each rating's player up in two b-trees, which took most of the time at 100k.
      // Ratings first: a player is created before any of their ratings, so every one is found.
      const ratings = yield* sql`
        SELECT discord_uid, race, mmr, last_played_at FROM ratings
        WHERE games_played > 0 AND last_played_at >= ${now - windowMs}
        ORDER BY mmr DESC, last_played_at DESC, id DESC`.values
      const everyone = yield* sql`SELECT discord_uid, player_name, discord_username, country FROM players`
        .values
      const players = new Map<unknown, Named>()
      for (const values of everyone) {
        const named = namedPlayer(values)
        if (named === undefined) return yield* corruptRow("players", values)
        players.set(named.discordUid, named)
      }
      const letters = letterSequence(ratings.length)
      const rows: Array<LeaderboardRow> = []
      for (let index = 0; index < ratings.length; index++) {
        const values = ratings[index] ?? []
        const ranked = rankedRating(values, index, letters, players)
        if (ranked === undefined) return yield* corruptRow("ratings", values)
        rows.push(ranked)
      }
      yield* Metric.increment(leaderboardComputations)
      return {
        sequence,
        computedAt: now,
        rows,
        byPlayer: indexByPlayer(rows)
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
