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
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Duration, Effect, Metric, Stream } from "effect"
import { AppConfig } from "../config.js"
import { filterKey, filterLeaderboard, pageOf, type LeaderboardQuery } from "../domain/Leaderboard.js"
import type { RaceCode } from "../domain/Race.js"
import type { RankedLadder } from "../domain/RankedLadder.js"
import type { RankLetter } from "../domain/Rank.js"
import type { Snowflake } from "../domain/Snowflake.js"
import { DomainEvents, type DomainEventTag } from "./DomainEvents.js"
import { LadderData } from "./LadderData.js"
import { readRankedLadder } from "./readRankedLadder.js"

/** Filtered lists kept per snapshot (see `filteredIn`). */
const MAX_FILTERED_LISTS = 32

/** Events after which the snapshot may differ. */
export const LEADERBOARD_EVENTS: ReadonlyArray<DomainEventTag> = [
  "MmrChanged",
  "MmrAdjusted",
  "PlayerUpdated",
  "MatchAborted"
]

export interface Snapshot {
  /** The latest relevant event sequence number the computation had seen when it started. */
  readonly sequence: number
  readonly computedAt: number
  readonly ladder: RankedLadder
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
  const position = snapshot.ladder.positionOf(discordUid, race)
  const row = position === undefined ? undefined : snapshot.ladder.rowAt(position)
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
    const events = yield* DomainEvents
    const data = yield* LadderData
    const { leaderboard, rating } = yield* AppConfig
    const windowMs = Duration.toMillis(rating.activityWindow)
    const paging = { pageSize: leaderboard.pageSize, maxPages: leaderboard.maxPages }
    const uncommon = new Set<string>(data.countries.uncommonCodes())

    const compute = Effect.gen(function* () {
      const sequence = yield* events.latestOf(LEADERBOARD_EVENTS)
      const now = yield* Clock.currentTimeMillis
      const ladder = yield* readRankedLadder(now - windowMs)
      yield* Metric.increment(leaderboardComputations)
      return { sequence, computedAt: now, ladder } satisfies Snapshot
    }).pipe(Effect.withSpan("Leaderboard.compute"))

    const [cached, invalidate] = yield* Effect.cachedInvalidateWithTTL(compute, leaderboard.cacheTtl)

    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.filter(({ event }) => LEADERBOARD_EVENTS.includes(event._tag)),
      Stream.runForEach(() => invalidate),
      Effect.forkScoped
    )

    /**
     * The current snapshot: recomputed when a relevant event committed after it started. A failed
     * computation is not kept: the cache would otherwise hand its failure to every read until the
     * next event or the TTL.
     */
    const snapshot: Effect.Effect<Snapshot, SqlError> = Effect.gen(function* () {
      yield* Metric.increment(leaderboardReads)
      for (;;) {
        const required = yield* events.latestOf(LEADERBOARD_EVENTS)
        const current = yield* Effect.tapErrorCause(cached, () => invalidate)
        if (current.sequence >= required) return current
        yield* invalidate
      }
    }).pipe(Effect.withSpan("Leaderboard.snapshot"))

    /**
     * Each snapshot's filtered lists, by filters: paging through a filtered view filters once. A
     * new snapshot starts empty (the old one's lists go with it); a few dozen filters are kept.
     */
    const filteredLists = new WeakMap<Snapshot, Map<string, Int32Array>>()
    const filteredIn = (current: Snapshot, filters: LeaderboardQuery) => {
      const lists = filteredLists.get(current) ?? new Map<string, Int32Array>()
      filteredLists.set(current, lists)
      const key = filterKey(filters)
      const known = lists.get(key)
      if (known !== undefined) return known
      if (lists.size >= MAX_FILTERED_LISTS) lists.clear()
      const filtered = filterLeaderboard(current.ladder, filters, uncommon)
      lists.set(key, filtered)
      return filtered
    }

    const query = Effect.fn("Leaderboard.query")(function* (filters: LeaderboardQuery) {
      const current = yield* snapshot
      return {
        ...pageOf(current.ladder, filteredIn(current, filters), filters, paging),
        computedAt: current.computedAt
      }
    })

    /** A rating's letter rank and global rank; unranked (U, no number) when not on the ladder. */
    const rankOf = Effect.fn("Leaderboard.rankOf")(function* (discordUid: Snowflake, race: RaceCode) {
      return rankIn(yield* snapshot, discordUid, race)
    })

    return { snapshot, query, rankOf, invalidate }
  })
}) {}
