/**
 * `queue.sqlite`: jobs per second through the durable job queue on a SQLite file (WAL), in one
 * process: enqueue → claim → complete with a no-op handler, at processor concurrency 1 and 8. The
 * clock runs from the first enqueue to the last completion, the processor working while jobs are
 * enqueued. Jobs are enqueued 100 at a time with `enqueueAll`, as a bulk producer would (River's
 * benchmark, the anchor, inserts in bulk too); `jobs_per_s_c8_one_by_one` is the same at
 * concurrency 8 with each job its own `enqueue`, 100 to a transaction, as the bot's uploads are.
 *
 * The database is opened exactly as `sqliteLayer` opens it: WAL with `synchronous = FULL`, so every
 * commit (each enqueue, each turn of the processor) is synced to disk, as the bot's are.
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

/** How the bench's producer adds a batch of jobs: one statement, or one `enqueue` each. */
type Producer = "bulk" | "one_by_one"

/** Jobs per second for `jobs` no-op jobs at `concurrency`, on a fresh database file. */
const throughput = (concurrency: number, jobs: number, producer: Producer = "bulk") =>
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
      const job = (n: number) => ({ payload: { n }, idempotencyKey: `job-${n}` })
      const enqueueBatch = (batch: ReadonlyArray<number>) =>
        producer === "bulk"
          ? queue.enqueueAll(noop, batch.map(job))
          : sql.withTransaction(
              Effect.forEach(batch, (n) => queue.enqueue(noop, { n }, job(n)), { discard: true })
            )
      const started = performance.now()
      for (let first = 0; first < jobs; first += ENQUEUE_BATCH) {
        yield* enqueueBatch(
          Array.from({ length: Math.min(ENQUEUE_BATCH, jobs - first) }, (_, i) => first + i)
        )
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
    const oneByOne = yield* throughput(8, JOBS, "one_by_one")
    return [
      { metric: "jobs_per_s_c1", value: c1, unit: "jobs/s" },
      { metric: "jobs_per_s_c8", value: c8, unit: "jobs/s" },
      { metric: "jobs_per_s_c8_one_by_one", value: oneByOne, unit: "jobs/s" },
      { metric: "jobs", value: JOBS, unit: "jobs" }
    ]
  })
}

export default bench
