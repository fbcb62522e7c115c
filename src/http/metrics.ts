/**
 * What `/metrics` exposes besides the metrics the services keep themselves (parser, jobs,
 * leaderboard cache, Discord REST): the queue's length, matches and jobs by status — read from the
 * database at scrape time, not polled — and matchmaking waves, counted from the ladder's events.
 */
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Metric, Ref, Schema, Stream } from "effect"
import { decodeRows } from "../db/rows.js"
import { MatchStatus } from "../domain/Match.js"
import { JobQueue } from "../jobs/JobQueue.js"
import { DomainEvents } from "../ladder/DomainEvents.js"
import { leaderboardComputations, leaderboardReads } from "../ladder/Leaderboard.js"
import { QueueRepo } from "../ladder/queue/QueueRepo.js"
import { FrontDoorStatus } from "./FrontDoorStatus.js"
import { PrometheusMetrics } from "./prometheus.js"

export const queueLength = Metric.gauge("evoladder_queue_length", {
  description: "Players in the matchmaking queue"
})

export const queuePlayers = Metric.gauge("evoladder_queue_players", {
  description: "Queued players by the games they chose: bw, sc2 or both"
})

export const matchesByStatus = Metric.gauge("evoladder_matches", { description: "Matches by status" })

export const jobsByStatus = Metric.gauge("evoladder_jobs", { description: "Jobs by status" })

export const wavesRun = Metric.counter("evoladder_matchmaking_waves_total", {
  description: "Matchmaking waves run",
  incremental: true
})

export const nextWaveAt = Metric.gauge("evoladder_matchmaking_next_wave_timestamp_seconds", {
  description: "When the next matchmaking wave runs (Unix seconds); 0 while nobody queues"
})

export const matchesFound = Metric.counter("evoladder_matches_found_total", {
  description: "Matches created by matchmaking waves",
  incremental: true
})

export const leaderboardCacheHits = Metric.counter("evoladder_leaderboard_cache_hits_total", {
  description: "Leaderboard reads served from the cache (reads minus recomputations)",
  incremental: true
})

export const leaderboardCacheMisses = Metric.counter("evoladder_leaderboard_cache_misses_total", {
  description: "Leaderboard reads that recomputed the snapshot (stale, invalidated or expired)",
  incremental: true
})

export const frontDoorReady = Metric.gauge("evoladder_front_door_ready", {
  description: "1 when the gateway has a session or the webhook is ready, else 0"
})

/**
 * Counts waves and matches from the ladder's events. The matchmaker announces each wave before it
 * sleeps until it and announces the next state right after running it, so every announcement that
 * follows a scheduled one means a wave ran.
 */
const LadderEventCountsLive = Layer.scopedDiscard(
  Effect.gen(function* () {
    const events = yield* DomainEvents
    const scheduled = yield* Ref.make(false)
    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.runForEach(({ event }) => {
        switch (event._tag) {
          case "WaveScheduled":
            return Effect.gen(function* () {
              if (yield* Ref.getAndSet(scheduled, event.at !== null)) yield* Metric.increment(wavesRun)
              yield* Metric.set(nextWaveAt, event.at === null ? 0 : Math.floor(event.at / 1000))
            })
          case "MatchFound":
            return Metric.increment(matchesFound)
          default:
            return Effect.void
        }
      }),
      Effect.forkScoped
    )
  })
)

/** The ladder's event counts and the Prometheus exporter that `/metrics` renders with. */
export const LadderMetricsLive = Layer.merge(LadderEventCountsLive, PrometheusMetrics.Default)

const StatusCount = Schema.Struct({ status: MatchStatus, count: Schema.Int })

/** Brings a counter derived from others up to `total` (they only grow, so it does too). */
const catchUp = (counter: Metric.Metric.Counter<number>, total: number) =>
  Effect.flatMap(Metric.value(counter), ({ count }) =>
    total > count ? Metric.incrementBy(counter, total - count) : Effect.void
  )

/** Sets the scrape-time gauges and derived counters, then renders every metric of the process. */
export const scrapeMetrics = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const counts = yield* (yield* QueueRepo).counts()
  yield* Metric.set(queueLength, counts.broodWar + counts.starCraft2 + counts.both)
  for (const [games, count] of [
    ["bw", counts.broodWar],
    ["sc2", counts.starCraft2],
    ["both", counts.both]
  ] as const) {
    yield* Metric.set(queuePlayers.pipe(Metric.tagged("games", games)), count)
  }
  const byStatus = yield* sql`SELECT status, count(*) AS count FROM matches GROUP BY status`.pipe(
    decodeRows(StatusCount)
  )
  for (const status of MatchStatus.literals) {
    const row = byStatus.find((candidate) => candidate.status === status)
    yield* Metric.set(matchesByStatus.pipe(Metric.tagged("status", status)), row?.count ?? 0)
  }
  const jobs = yield* (yield* JobQueue).stats()
  for (const [status, count] of Object.entries(jobs)) {
    yield* Metric.set(jobsByStatus.pipe(Metric.tagged("status", status)), count)
  }
  const door = yield* (yield* FrontDoorStatus).current
  yield* Metric.set(frontDoorReady.pipe(Metric.tagged("kind", door.kind)), door.ready ? 1 : 0)

  const reads = (yield* Metric.value(leaderboardReads)).count
  const computed = (yield* Metric.value(leaderboardComputations)).count
  yield* catchUp(leaderboardCacheHits, reads - computed)
  yield* catchUp(leaderboardCacheMisses, computed)
  return yield* (yield* PrometheusMetrics).render
}).pipe(Effect.withSpan("Metrics.scrape"))
