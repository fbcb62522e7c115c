/**
 * `queue.sqlite`: jobs per second through the durable job queue on a SQLite file (WAL), in one
 * process: enqueue → claim → complete with a no-op handler, at processor concurrency 1 and 8. The
 * clock runs from the first enqueue to the last completion, the processor working while jobs are
 * enqueued. Jobs are enqueued in transactions of 100 (the caller's-transaction API, as a bulk
 * producer would); each is still its own INSERT, claim and guarded completion.
 *
 * The database is opened exactly as `sqliteLayer` opens it: WAL with `synchronous = FULL`, so every
 * commit (each claim and each completion) is synced to disk, as the bot's are.
 */
import { SqlClient } from "@effect/sql"
import { Deferred, Effect, Layer, Ref, Schema } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sqliteLayer } from "../src/db/Database.js"
import * as JobKind from "../src/jobs/JobKind.js"
import * as JobProcessor from "../src/jobs/JobProcessor.js"
import { JobQueue } from "../src/jobs/JobQueue.js"
import { JobQueueLive } from "../src/jobs/layers.js"
import { configLayer } from "../test/support/layers.js"
import type { Bench } from "./Bench.js"

const JOBS = 5000
const WARM_UP_JOBS = 2000
const ENQUEUE_BATCH = 100

const tempDatabase = () => join(mkdtempSync(join(tmpdir(), "evoladder-bench-queue-")), "queue.sqlite")

/** Jobs per second for `jobs` no-op jobs at `concurrency`, on a fresh database file. */
const throughput = (concurrency: number, jobs: number) =>
  Effect.gen(function* () {
    const done = yield* Deferred.make<void>()
    const completed = yield* Ref.make(0)
    const noop = JobKind.make({
      kind: "bench.noop",
      payload: Schema.Struct({ n: Schema.Number }),
      result: Schema.Struct({}),
      handler: () => Effect.succeed({}),
      onCompleted: () =>
        Effect.flatMap(
          Ref.updateAndGet(completed, (n) => n + 1),
          (n) => (n === jobs ? Deferred.succeed(done, undefined) : Effect.void)
        )
    })
    const layer = JobProcessor.layer([noop]).pipe(
      Layer.provideMerge(JobQueueLive),
      Layer.provideMerge(sqliteLayer(tempDatabase())),
      Layer.provideMerge(configLayer({ EVOLADDER_JOB_CONCURRENCY: String(concurrency) }))
    )
    return yield* Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const queue = yield* JobQueue
      const enqueue = (n: number) => queue.enqueue(noop, { n }, { idempotencyKey: `job-${n}` })
      const started = performance.now()
      for (let first = 0; first < jobs; first += ENQUEUE_BATCH) {
        const batch = Array.from({ length: Math.min(ENQUEUE_BATCH, jobs - first) }, (_, i) => first + i)
        yield* sql.withTransaction(Effect.forEach(batch, enqueue, { discard: true }))
      }
      yield* Deferred.await(done)
      return Math.round(jobs / ((performance.now() - started) / 1000))
    }).pipe(Effect.provide(layer))
  })

const bench: Bench = {
  name: "queue.sqlite",
  run: Effect.gen(function* () {
    yield* throughput(1, WARM_UP_JOBS)
    const c1 = yield* throughput(1, JOBS)
    const c8 = yield* throughput(8, JOBS)
    return [
      { metric: "jobs_per_s_c1", value: c1, unit: "jobs/s" },
      { metric: "jobs_per_s_c8", value: c8, unit: "jobs/s" },
      { metric: "jobs", value: JOBS, unit: "jobs" }
    ]
  })
}

export default bench
