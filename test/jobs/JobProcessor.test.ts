/**
 * The processor under TestClock: when attempts happen, what failures, defects, shutdown and lost
 * leases lead to, and that an idle processor does nothing.
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Chunk, Duration, Effect, Fiber, Layer, Metric, Option, Queue, TestClock } from "effect"
import * as JobProcessor from "../../src/jobs/JobProcessor.js"
import { JobLeases } from "../../src/jobs/JobLeases.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import type { JobRow } from "../../src/jobs/JobRow.js"
import { jobAttempts, processorWakeups } from "../../src/jobs/metrics.js"
import { retryBounds } from "../../src/jobs/RetryPolicy.js"
import { Attempts, awaitJob, effectRows, queueLayer, testKind, workersLayer } from "./support.js"

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const settings = { retryBase: Duration.seconds(2), retryCap: Duration.hours(1) }

/** Lets the processor's fibers run for a while without moving the clock. */
const letRun = Effect.repeatN(Effect.yieldNow(), 200)

const get = (jobId: number) =>
  Effect.flatMap(JobQueue, (queue) => Effect.map(queue.get(jobId), Option.getOrThrow))

/**
 * After the attempt seen at `previousAt` failed: the retry is stored at a time within the
 * schedule's bounds, nothing runs a millisecond before it, and the next attempt runs exactly then.
 */
const expectRetryAt = (job: JobRow, previousAt: number, failures: number) =>
  Effect.gen(function* () {
    const attempts = yield* Attempts
    const { min, max } = retryBounds(settings, failures)
    const delay = job.nextRunAt - previousAt
    expect(delay).toBeGreaterThanOrEqual(Math.floor(min))
    expect(delay).toBeLessThanOrEqual(Math.ceil(max))
    yield* TestClock.setTime(job.nextRunAt - 1)
    yield* letRun
    expect(yield* Queue.size(attempts)).toBe(0)
    yield* TestClock.setTime(job.nextRunAt)
    return yield* Queue.take(attempts)
  })

const counter = Effect.map(Metric.value(processorWakeups), (state) => state.count)

const leaseLostCount = Effect.map(
  Metric.value(jobAttempts.pipe(Metric.tagged("kind", "test.job"), Metric.tagged("outcome", "lease_lost"))),
  (state) => state.count
)

const timers = Effect.map(TestClock.sleeps(), Chunk.toReadonlyArray)

describe("JobProcessor", () => {
  it.effect("retries at 2 s, 4 s, 8 s, 16 s (jittered) after each failure, then the job is dead", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const attempts = yield* Attempts
      const { job } = yield* queue.enqueue(testKind, { mode: "fail", value: 1 }, { idempotencyKey: "k" })
      let seen = yield* Queue.take(attempts)
      expect(seen).toEqual({ key: "k", attempt: 1, at: 0 })
      for (let failures = 1; failures < 5; failures++) {
        const failed = yield* awaitJob(job.id, (row) => row.status === "failed" && row.attempts === failures)
        expect(failed.lastError).toBe(`JobHandlerFailed: Boom: attempt ${failures} failed`)
        const next = yield* expectRetryAt(failed, seen.at, failures)
        expect(next).toEqual({ key: "k", attempt: failures + 1, at: failed.nextRunAt })
        seen = next
      }
      const dead = yield* awaitJob(job.id, (row) => row.status === "dead")
      expect(dead).toMatchObject({ attempts: 5, lastError: "JobHandlerFailed: Boom: attempt 5 failed" })
      yield* TestClock.adjust("2 days")
      yield* letRun
      expect(yield* Queue.size(attempts)).toBe(0)
      expect(yield* effectRows("k")).toEqual([])
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("with attempts to spare, retries are capped at 1 h and stop once the job is 24 h old", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const attempts = yield* Attempts
      const { job } = yield* queue.enqueue(testKind, { mode: "fail", value: 1 }, { idempotencyKey: "old" })
      let seen = yield* Queue.take(attempts)
      let failures = 1
      for (;;) {
        const row = yield* awaitJob(job.id, (r) => r.status !== "running" && r.attempts === failures)
        if (row.status === "dead") break
        seen = yield* expectRetryAt(row, seen.at, failures)
        failures++
      }
      expect(seen.at).toBeLessThanOrEqual(DAY)
      // The next retry would have come at most 1 h later, past the 24 h limit.
      expect(seen.at).toBeGreaterThan(DAY - HOUR)
      expect(failures).toBeGreaterThan(25)
      expect(failures).toBeLessThan(40)
    }).pipe(Effect.provide(workersLayer({ EVOLADDER_JOB_MAX_ATTEMPTS: "1000" })))
  )

  it.effect("a defect in the handler is recorded and retried like a failure", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const attempts = yield* Attempts
      const { job } = yield* queue.enqueue(testKind, { mode: "die", value: 1 }, { idempotencyKey: "d" })
      expect((yield* Queue.take(attempts)).attempt).toBe(1)
      const failed = yield* awaitJob(job.id, (row) => row.status === "failed")
      expect(failed.lastError).toMatch(/^defect: /)
      expect(failed.lastError).toContain("attempt 1 crashed")
      yield* TestClock.setTime(failed.nextRunAt)
      const again = yield* Queue.take(attempts)
      expect(again.attempt).toBe(2)
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("a commit step that fails rolls back the job's effects with it, and the job is retried", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const { job } = yield* queue.enqueue(
        testKind,
        { mode: "badCommit", value: 1 },
        { idempotencyKey: "bc" }
      )
      const failed = yield* awaitJob(job.id, (row) => row.status === "failed")
      expect(failed).toMatchObject({ attempts: 1, result: null })
      expect(failed.lastError).toBe("JobHandlerFailed: Boom: the commit step failed")
      expect(yield* effectRows("bc")).toEqual([])
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("runs at most EVOLADDER_JOB_CONCURRENCY jobs at once, and the next as soon as one finishes", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const ids: Array<number> = []
      for (let n = 0; n < 5; n++) {
        const mode = n < 2 ? "slow" : "ok"
        ids.push((yield* queue.enqueue(testKind, { mode, value: n }, { idempotencyKey: `c${n}` })).job.id)
      }
      yield* letRun
      expect(yield* queue.stats()).toMatchObject({ running: 2, pending: 3 })
      yield* TestClock.adjust("100 seconds")
      for (const id of ids) yield* awaitJob(id, (row) => row.status === "completed")
      expect(yield* Queue.size(yield* Attempts)).toBe(5)
    }).pipe(Effect.provide(workersLayer({ EVOLADDER_JOB_CONCURRENCY: "2" })))
  )

  it.effect("shutdown gives a running job back to pending without counting the attempt", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const { job } = yield* queue.enqueue(testKind, { mode: "hang", value: 1 }, { idempotencyKey: "h" })
      yield* Effect.scoped(
        Effect.gen(function* () {
          yield* Layer.build(JobProcessor.layer([testKind]))
          yield* Queue.take(yield* Attempts)
          expect(yield* get(job.id)).toMatchObject({ status: "running", attempts: 1 })
        })
      )
      expect(yield* get(job.id)).toMatchObject({
        status: "pending",
        attempts: 0,
        leaseOwner: null,
        leaseExpiresAt: null
      })
    }).pipe(Effect.provide(queueLayer()))
  )

  it.effect("a job whose processor died is claimed again when its lease expires, not before", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const leases = yield* JobLeases
      const { job } = yield* queue.enqueue(testKind, { mode: "ok", value: 4 }, { idempotencyKey: "orphan" })
      yield* leases.claim({ kinds: ["test.job"], owner: "killed-process", limit: 1 })
      yield* Layer.build(JobProcessor.layer([testKind]))
      yield* TestClock.setTime(29_999)
      yield* letRun
      expect(yield* Queue.size(yield* Attempts)).toBe(0)
      yield* TestClock.setTime(30_000)
      expect(yield* Queue.take(yield* Attempts)).toEqual({ key: "orphan", attempt: 2, at: 30_000 })
      yield* awaitJob(job.id, (row) => row.status === "completed")
      expect(yield* effectRows("orphan")).toEqual([{ value: 8 }])
    }).pipe(Effect.scoped, Effect.provide(queueLayer()))
  )

  it.effect("a handler that outlives the lease keeps it by renewing every lease/3", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const leases = yield* JobLeases
      const { job } = yield* queue.enqueue(testKind, { mode: "slow", value: 1 }, { idempotencyKey: "long" })
      yield* Queue.take(yield* Attempts)
      yield* TestClock.adjust("95 seconds")
      yield* letRun
      const running = yield* get(job.id)
      expect(running.status).toBe("running")
      expect(running.leaseExpiresAt).toBeGreaterThan(95_000)
      expect(yield* leases.sweepExpired()).toEqual({ requeued: 0, dead: 0 })
      expect(yield* leases.claim({ kinds: ["test.job"], owner: "other", limit: 1 })).toEqual([])
      yield* TestClock.adjust("5 seconds")
      expect(yield* awaitJob(job.id, (row) => row.status === "completed")).toMatchObject({ attempts: 1 })
      expect(yield* effectRows("long")).toHaveLength(1)
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("a processor that lost its lease stops and applies nothing; the job's effect happens once", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const queue = yield* JobQueue
      const attempts = yield* Attempts
      const { job } = yield* queue.enqueue(testKind, { mode: "slow", value: 1 }, { idempotencyKey: "stolen" })
      yield* Queue.take(attempts)
      // Another process takes the job over (as if our lease had lapsed while we stalled).
      yield* TestClock.adjust("5 seconds")
      yield* sql`UPDATE jobs SET lease_owner = 'thief', attempts = attempts + 1 WHERE id = ${job.id}`
      // Our next renewal (at 10 s) finds the job gone and interrupts the handler. The thief never
      // finishes either, so its lease (still the one from 0 s) expires at 30 s and we take it back.
      const lost = yield* leaseLostCount
      yield* TestClock.adjust("5 seconds")
      yield* letRun
      expect(yield* leaseLostCount).toBe(lost + 1)
      yield* TestClock.adjust("20 seconds")
      expect(yield* Queue.take(attempts)).toEqual({ key: "stolen", attempt: 3, at: 30_000 })
      yield* TestClock.adjust("100 seconds")
      expect(yield* awaitJob(job.id, (row) => row.status === "completed")).toMatchObject({ attempts: 3 })
      expect(yield* effectRows("stolen")).toHaveLength(1)
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("a payload that no longer decodes makes the job dead at once", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`INSERT INTO jobs ${sql.insert({
        kind: "test.job",
        payload: '{"mode":"explode"}',
        idempotencyKey: "corrupt",
        maxAttempts: 5,
        nextRunAt: 0,
        retryUntil: DAY,
        createdAt: 0,
        updatedAt: 0
      })}`
      const [row] = yield* sql<{ readonly id: number }>`SELECT id FROM jobs`
      yield* Layer.build(JobProcessor.layer([testKind]))
      const dead = yield* awaitJob(row?.id ?? 0, (job) => job.status === "dead")
      expect(dead.attempts).toBe(1)
      expect(dead.lastError).toMatch(/^InvalidJobPayload: /)
      expect(yield* Queue.size(yield* Attempts)).toBe(0)
    }).pipe(Effect.scoped, Effect.provide(queueLayer()))
  )

  it.effect("a job enqueued inside a transaction runs after COMMIT; after ROLLBACK nothing runs", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const queue = yield* JobQueue
      const attempts = yield* Attempts
      const upload = sql.withTransaction(
        Effect.zipRight(
          queue.enqueue(testKind, { mode: "ok", value: 1 }, { idempotencyKey: "tx" }),
          Effect.sleep("5 seconds")
        )
      )
      const fiber = yield* Effect.fork(upload)
      yield* letRun
      // Woken by the enqueue, the processor waits for the connection the transaction holds.
      expect(yield* Queue.size(attempts)).toBe(0)
      yield* TestClock.adjust("5 seconds")
      yield* Fiber.join(fiber)
      expect(yield* Queue.take(attempts)).toMatchObject({ key: "tx", at: 5000 })

      const failed = yield* sql
        .withTransaction(
          Effect.zipRight(
            queue.enqueue(testKind, { mode: "ok", value: 2 }, { idempotencyKey: "rolled-back" }),
            Effect.fail("upload rejected" as const)
          )
        )
        .pipe(Effect.flip)
      expect(failed).toBe("upload rejected")
      yield* TestClock.adjust("1 hour")
      yield* letRun
      expect(yield* Queue.size(attempts)).toBe(0)
      expect(yield* sql`SELECT id FROM jobs WHERE idempotency_key = 'rolled-back'`).toEqual([])
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("while the queue is empty nothing runs and no timer is set, however long the clock stands", () =>
    Effect.gen(function* () {
      yield* letRun
      const before = yield* counter
      expect(yield* timers).toEqual([])
      yield* TestClock.adjust("30 days")
      yield* letRun
      expect(yield* counter).toBe(before)
      expect(yield* timers).toEqual([])
      expect(yield* Queue.size(yield* Attempts)).toBe(0)
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("once drained, the processor wakes no more", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const { job } = yield* queue.enqueue(testKind, { mode: "ok", value: 1 }, { idempotencyKey: "one" })
      yield* awaitJob(job.id, (row) => row.status === "completed")
      yield* letRun
      const before = yield* counter
      yield* TestClock.adjust("6 days")
      yield* letRun
      expect(yield* counter).toBe(before)
    }).pipe(Effect.provide(workersLayer()))
  )

  it.effect("the scheduled cleanup deletes completed jobs after 7 days and dead ones after 30", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      const done = yield* queue.enqueue(testKind, { mode: "ok", value: 1 }, { idempotencyKey: "done" })
      const dead = yield* queue.enqueue(
        testKind,
        { mode: "fail", value: 1 },
        { idempotencyKey: "dead", maxAttempts: 1 }
      )
      yield* awaitJob(done.job.id, (row) => row.status === "completed")
      yield* awaitJob(dead.job.id, (row) => row.status === "dead")
      const exists = (id: number) => Effect.map(queue.get(id), Option.isSome)

      yield* TestClock.setTime(7 * DAY - 1)
      yield* letRun
      expect(yield* exists(done.job.id)).toBe(true)
      yield* TestClock.setTime(7 * DAY)
      yield* letRun
      expect(yield* exists(done.job.id)).toBe(false)
      expect(yield* exists(dead.job.id)).toBe(true)
      yield* TestClock.setTime(30 * DAY - 1)
      yield* letRun
      expect(yield* exists(dead.job.id)).toBe(true)
      yield* TestClock.setTime(30 * DAY)
      yield* letRun
      expect(yield* exists(dead.job.id)).toBe(false)
    }).pipe(Effect.provide(workersLayer()))
  )
})
