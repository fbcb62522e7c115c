/**
 * Worker processes sharing one PostgreSQL queue, for real (`fixtures/child.ts` processes; this test
 * process only enqueues and watches): two workers complete every job exactly once between them,
 * and a worker SIGKILLed in the middle of its jobs loses none of them — the other takes them over
 * once their leases lapse. Skipped without a test server (see support/backends.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Schedule } from "effect"
import { databaseLayer } from "../../src/db/Database.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { JobQueueLive } from "../../src/jobs/layers.js"
import { postgresAdminUrl, scratchPostgresDatabase } from "../support/backends.js"
import { configLayer } from "../support/layers.js"
import { CrashPoint, crashKind, createTestTables } from "./fixtures/crashKind.js"
import { awaitReady, type Child, kill, spawnChild, tell } from "./fixtures/processes.js"

/** The queue on `url`, as this test process sees it (no processor). */
const queueOn = (url: string) =>
  JobQueueLive.pipe(
    Layer.provideMerge(Layer.effectDiscard(createTestTables)),
    Layer.provideMerge(databaseLayer(url)),
    Layer.provideMerge(configLayer()),
    Layer.provideMerge(CrashPoint.none)
  )

const enqueue = (jobs: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const queue = yield* JobQueue
    yield* sql.withTransaction(
      Effect.forEach(
        Array.from({ length: jobs }, (_, n) => n),
        (n) => queue.enqueue(crashKind, { value: n, effectIn: "commit" }, { idempotencyKey: `job-${n}` }),
        { discard: true }
      )
    )
  })

const awaitAllCompleted = (jobs: number) =>
  Effect.flatMap(JobQueue, (queue) =>
    queue.stats().pipe(
      Effect.repeat({
        schedule: Schedule.spaced("100 millis"),
        until: (stats) => stats.completed === jobs
      }),
      Effect.timeout("60 seconds")
    )
  )

/** Effects and handler runs as the table has them: per process, and in all. */
const facts = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const [effects] = yield* sql<{ readonly n: number; readonly keys: number }>`
    SELECT count(*) AS n, count(DISTINCT idempotency_key) AS keys FROM job_test_effects`
  const runs = yield* sql<{ readonly pid: number; readonly n: number }>`
    SELECT pid, count(*) AS n FROM job_test_runs GROUP BY pid`
  return { stats: yield* (yield* JobQueue).stats(), effects, runs }
})

const worker = (url: string, env: Record<string, string> = {}) =>
  Effect.tap(
    spawnChild({ EVOLADDER_DB: url, CHILD_MODE: "worker", EVOLADDER_JOB_CONCURRENCY: "4", ...env }),
    awaitReady
  )

const runsOf = (runs: ReadonlyArray<{ readonly pid: number; readonly n: number }>, child: Child) =>
  runs.find((run) => run.pid === child.process.pid)?.n ?? 0

describe.skipIf(postgresAdminUrl === undefined)("worker processes sharing one PostgreSQL queue", () => {
  const adminUrl = postgresAdminUrl ?? ""

  it.live(
    "two workers complete 1,000 jobs, each exactly once, both doing part of the work",
    () =>
      Effect.gen(function* () {
        const url = yield* scratchPostgresDatabase(adminUrl)
        const result = yield* Effect.gen(function* () {
          yield* enqueue(1000)
          const first = yield* worker(url)
          const second = yield* worker(url)
          yield* tell(first, "GO")
          yield* tell(second, "GO")
          yield* awaitAllCompleted(1000)
          const found = yield* facts
          yield* Effect.all([kill(first, "SIGTERM"), kill(second, "SIGTERM")], { concurrency: 2 })
          return { ...found, first: runsOf(found.runs, first), second: runsOf(found.runs, second) }
        }).pipe(Effect.provide(queueOn(url)))

        expect(result.stats).toEqual({ pending: 0, running: 0, completed: 1000, failed: 0, dead: 0 })
        expect(result.effects).toEqual({ n: 1000, keys: 1000 })
        // Every handler start is recorded: 1,000 in all means no job was started twice.
        expect(result.first + result.second).toBe(1000)
        expect(result.first).toBeGreaterThan(0)
        expect(result.second).toBeGreaterThan(0)
      }).pipe(Effect.scoped),
    120_000
  )

  it.live(
    "a worker killed in the middle of its jobs loses none: the other finishes them once their leases lapse",
    () =>
      Effect.gen(function* () {
        const url = yield* scratchPostgresDatabase(adminUrl)
        const result = yield* Effect.gen(function* () {
          yield* enqueue(100)
          // Claims two jobs (its concurrency), starts both, and hangs in their handlers.
          const doomed = yield* spawnChild({
            EVOLADDER_DB: url,
            CHILD_MODE: "crash",
            CRASH_POINT: "handler",
            EVOLADDER_JOB_CONCURRENCY: "2",
            EVOLADDER_JOB_LEASE: "2 seconds"
          })
          yield* awaitReady(doomed)
          const survivor = yield* worker(url)
          yield* tell(survivor, "GO")
          yield* kill(doomed, "SIGKILL")
          yield* awaitAllCompleted(100)
          const found = yield* facts
          const sql = yield* SqlClient.SqlClient
          const retried = yield* sql<{ readonly attempts: number }>`
            SELECT attempts FROM jobs WHERE attempts > 1`
          yield* kill(survivor, "SIGTERM")
          return {
            ...found,
            retried: retried.map((job) => job.attempts),
            doomed: runsOf(found.runs, doomed),
            survivor: runsOf(found.runs, survivor)
          }
        }).pipe(Effect.provide(queueOn(url)))

        expect(result.stats).toEqual({ pending: 0, running: 0, completed: 100, failed: 0, dead: 0 })
        expect(result.effects).toEqual({ n: 100, keys: 100 })
        // The killed worker started two jobs; the survivor ran every job, those two again.
        expect(result.doomed).toBe(2)
        expect(result.survivor).toBe(100)
        expect(result.retried).toEqual([2, 2])
      }).pipe(Effect.scoped),
    120_000
  )
})
