/**
 * `queue.postgres`: jobs per second through the durable job queue on PostgreSQL with 1, 2 and 4
 * worker processes (`fixtures/queueWorker.ts`, concurrency 8 each) sharing one queue. 4,000 no-op
 * jobs are enqueued first; the clock runs from telling the ready workers to start until the last
 * job is completed, so the figure is claim (`FOR UPDATE SKIP LOCKED`) → handler → guarded
 * completion, one commit each, across processes.
 *
 * Needs a server: EVOLADDER_TEST_PG_URL (`.ci/with-postgres npm run bench -- queue.postgres`
 * starts a throw-away one); without it the bench prints why and reports nothing. Every run uses a
 * new database, dropped afterwards.
 */
import { SqlClient } from "@effect/sql"
import { Console, Effect, Layer, Option, Schedule, Schema } from "effect"
import { fileURLToPath } from "node:url"
import { databaseLayer } from "../src/db/Database.js"
import { rowDecoder } from "../src/db/rows.js"
import { JobQueue } from "../src/jobs/JobQueue.js"
import { JobQueueLive } from "../src/jobs/layers.js"
import { awaitReady, kill, spawnChild, tell } from "../test/jobs/fixtures/processes.js"
import { postgresAdminUrl, scratchPostgresDatabase } from "../test/support/backends.js"
import { configLayer } from "../test/support/layers.js"
import type { Bench, BenchResult } from "./Bench.js"
import { noopKind } from "./fixtures/noopKind.js"

const JOBS = 4000
const ENQUEUE_BATCH = 500
const CONCURRENCY = "8"
const workerScript = fileURLToPath(new URL("./fixtures/queueWorker.ts", import.meta.url))

const Completed = rowDecoder(Schema.Struct({ n: Schema.Number }))

const enqueueAll = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const queue = yield* JobQueue
  for (let first = 0; first < JOBS; first += ENQUEUE_BATCH) {
    const batch = Array.from({ length: Math.min(ENQUEUE_BATCH, JOBS - first) }, (_, i) => first + i)
    yield* sql.withTransaction(
      Effect.forEach(batch, (n) => queue.enqueue(noopKind, { n }, { idempotencyKey: `job-${n}` }), {
        discard: true
      })
    )
  }
})

const completed = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(
    Completed.first(sql`SELECT count(*) AS n FROM jobs WHERE status = 'completed'`),
    Option.match({ onNone: () => 0, onSome: (row) => row.n })
  )
)

/** Jobs per second with `workers` processes draining `JOBS` jobs from a fresh database. */
const throughput = (adminUrl: string, workers: number) =>
  Effect.gen(function* () {
    const url = yield* scratchPostgresDatabase(adminUrl)
    const queue = JobQueueLive.pipe(Layer.provideMerge(databaseLayer(url)), Layer.provideMerge(configLayer()))
    return yield* Effect.gen(function* () {
      yield* enqueueAll
      const children = yield* Effect.forEach(
        Array.from({ length: workers }),
        () =>
          Effect.tap(
            spawnChild({ EVOLADDER_DB: url, EVOLADDER_JOB_CONCURRENCY: CONCURRENCY }, workerScript),
            awaitReady
          ),
        { concurrency: "unbounded" }
      )
      const started = performance.now()
      yield* Effect.forEach(children, (child) => tell(child, "GO"), { discard: true })
      yield* completed.pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (n) => n >= JOBS })
      )
      const seconds = (performance.now() - started) / 1000
      yield* Effect.forEach(children, (child) => kill(child, "SIGTERM"), {
        discard: true,
        concurrency: "unbounded"
      })
      return Math.round(JOBS / seconds)
    }).pipe(Effect.provide(queue))
  }).pipe(Effect.scoped)

const bench: Bench = {
  name: "queue.postgres",
  run: Effect.gen(function* () {
    if (postgresAdminUrl === undefined) {
      yield* Console.error(
        "queue.postgres: no server (set EVOLADDER_TEST_PG_URL, or run under .ci/with-postgres)"
      )
      return []
    }
    const results: Array<BenchResult> = []
    for (const workers of [1, 2, 4]) {
      const perSecond = yield* throughput(postgresAdminUrl, workers)
      results.push({ metric: `jobs_per_s_${workers}_workers`, value: perSecond, unit: "jobs/s" })
    }
    results.push({ metric: "jobs", value: JOBS, unit: "jobs" })
    return results
  })
}

export default bench
