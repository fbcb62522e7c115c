/**
 * The ranked snapshot behind `/leaderboard`, `/profile` ranks and match embeds, cached with
 * `Effect.cachedInvalidateWithTTL` and never served stale:
 *
 * - every rating-relevant domain event (published after its transaction commits) carries a sequence
 *   number, and a snapshot remembers the latest relevant number it saw *before* it started reading;
 * - a read compares that with the latest relevant number now, and recomputes when an event has
 *   happened since, so a computation that overlapped a commit is never served after it and a writer
 *   reads its own write without waiting for any fiber;
 * - a subscriber to the events drops the cached value as soon as one arrives (so that the next read
 *   computes without asking), and the TTL (10 min) lets time-based rank changes (the 14-day
 *   activity window) in.
 *
 * A computation after a few changes patches the last snapshot instead of reading everyone: it reads
 * again the players the events since that snapshot name (see `patched`). Nothing is computed until
 * someone reads: no work while idle.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { Clock, Duration, Effect, Metric, Option, Ref, Stream } from "effect"
import { AppConfig } from "../config.js"
import { filterKey, filterLeaderboard, pageOf, type LeaderboardQuery } from "../domain/Leaderboard.js"
import type { RaceCode } from "../domain/Race.js"
import type { RankedLadder } from "../domain/RankedLadder.js"
import type { RankLetter } from "../domain/Rank.js"
import type { Snowflake } from "../domain/Snowflake.js"
import { DomainEvents, type DomainEvent, type DomainEventTag } from "./DomainEvents.js"
import { LadderData } from "./LadderData.js"
import { readRankedLadder, rereadPlayers } from "./readRankedLadder.js"

/** Filtered lists kept per snapshot (see `filteredIn`). */
const MAX_FILTERED_LISTS = 32

/**
 * Events after which the snapshot may differ. Not `MatchAborted`: an abort spends the player's
 * monthly abort and frees both players, and touches no rating or anything else the ladder shows.
 */
export const LEADERBOARD_EVENTS: ReadonlyArray<DomainEventTag> = [
  "MmrChanged",
  "MmrAdjusted",
  "PlayerUpdated"
]

export interface Snapshot {
  /** The latest relevant event sequence number the computation had seen when it started. */
  readonly sequence: number
  readonly computedAt: number
  /** The start of the activity window its ratings were read for (a patch keeps its base's). */
  readonly since: number
  readonly ladder: RankedLadder
}

/** Players changed since the previous snapshot that are read again rather than everyone. */
const MAX_PATCHED_PLAYERS = 256

/**
 * The players whose rows on the ladder `event` may have changed: none for an event that changes
 * nothing there, undefined for one that does not say whom it changed.
 */
const playersNamedBy = (event: DomainEvent): ReadonlyArray<string> | undefined => {
  switch (event._tag) {
    case "MmrChanged":
      return event.players
    case "MmrAdjusted":
    case "PlayerUpdated":
      return [event.discordUid]
    default:
      return LEADERBOARD_EVENTS.includes(event._tag) ? undefined : []
  }
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
  description: "Leaderboard snapshots computed (patched ones included)",
  incremental: true
})
export const leaderboardPatches = Metric.counter("leaderboard_cache_patches", {
  description:
    "Leaderboard snapshots computed by reading again only the players changed since the previous one",
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

    const ttlMs = Duration.toMillis(leaderboard.cacheTtl)

    /** The latest snapshot computed (by sequence), which the next computation may patch. */
    const latestComputed = yield* Ref.make(Option.none<Snapshot>())

    /**
     * `base` brought up to `sequence` by reading again only the players the events since it name,
     * when that is possible: every event since is known here and names its players, there are few
     * of them, and `base`'s activity window is less than a TTL old (so that time still moves in).
     */
    const patched = (base: Snapshot, sequence: number, now: number) =>
      Effect.gen(function* () {
        const none = Option.none<Snapshot>()
        if (now - windowMs - base.since >= ttlMs) return none
        const changes = yield* events.eventsBetween(base.sequence, sequence)
        if (Option.isNone(changes)) return none
        const named = new Set<string>()
        for (const event of changes.value) {
          const players = playersNamedBy(event)
          if (players === undefined) return none
          for (const uid of players) named.add(uid)
        }
        if (named.size > MAX_PATCHED_PLAYERS) return none
        const ladder = named.size === 0 ? base.ladder : yield* rereadPlayers(base.ladder, named, base.since)
        return Option.some<Snapshot>({ sequence, computedAt: now, since: base.since, ladder })
      })

    const compute = Effect.gen(function* () {
      const sequence = yield* events.latestOf(LEADERBOARD_EVENTS)
      const now = yield* Clock.currentTimeMillis
      const base = yield* Ref.get(latestComputed)
      const patch = Option.isSome(base) ? yield* patched(base.value, sequence, now) : Option.none<Snapshot>()
      const snapshot: Snapshot = Option.isSome(patch)
        ? patch.value
        : {
            sequence,
            computedAt: now,
            since: now - windowMs,
            ladder: yield* readRankedLadder(now - windowMs)
          }
      yield* Ref.update(latestComputed, (kept) =>
        Option.isSome(kept) && kept.value.sequence > snapshot.sequence ? kept : Option.some(snapshot)
      )
      yield* Metric.increment(leaderboardComputations)
      if (Option.isSome(patch)) yield* Metric.increment(leaderboardPatches)
      return snapshot
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
