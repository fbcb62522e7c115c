import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Either, Option, Schema, TestClock } from "effect"
import { JobLeases } from "../../src/jobs/JobLeases.js"
import * as JobKind from "../../src/jobs/JobKind.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { leaseOf } from "../../src/jobs/JobRow.js"
import { backends } from "../support/backends.js"
import { effectRows, queueLayer, testKind } from "./support.js"

const DAY = 24 * 60 * 60 * 1000

const otherKind = JobKind.make({
  kind: "test.other",
  payload: Schema.Struct({ n: Schema.Number.pipe(Schema.positive()) }),
  result: Schema.Struct({}),
  handler: () => Effect.succeed({})
})

const ok = { mode: "ok", value: 1 } as const

/** Claims the job and records a failure: with max attempts 1, it is dead. */
const killJob = (jobId: number) =>
  Effect.gen(function* () {
    const leases = yield* JobLeases
    const queue = yield* JobQueue
    const [job] = yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 1 })
    expect(job?.id).toBe(jobId)
    if (job === undefined) return
    const outcome = yield* leases.fail(job, { jobId, owner: "me", attempt: job.attempts }, "it broke")
    expect(outcome).toBe("dead")
    return yield* queue.get(jobId)
  })

/** The same suite on every backend: SQLite, and PostgreSQL when a test server is configured. */
for (const backend of backends)
  describe(`JobQueue (${backend.name})`, () => {
    it.effect("enqueues a pending job due now, with the settings' attempts and a 24 h retry window", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(1000)
        const queue = yield* JobQueue
        const { job, created } = yield* queue.enqueue(testKind, ok, { idempotencyKey: "m1:abc" })
        expect(created).toBe(true)
        expect(job).toMatchObject({
          kind: "test.job",
          payload: '{"mode":"ok","value":1}',
          idempotencyKey: "m1:abc",
          status: "pending",
          attempts: 0,
          maxAttempts: 5,
          nextRunAt: 1000,
          leaseOwner: null,
          retryUntil: 1000 + DAY,
          createdAt: 1000
        })
        const delayed = yield* queue.enqueue(testKind, ok, {
          idempotencyKey: "later",
          delay: "1 minute",
          maxAttempts: 2
        })
        expect(delayed.job).toMatchObject({ nextRunAt: 61_000, maxAttempts: 2 })
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("enqueueing an existing idempotency key returns the existing job (per kind)", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const first = yield* queue.enqueue(testKind, ok, { idempotencyKey: "same" })
        const again = yield* queue.enqueue(testKind, { mode: "fail", value: 9 }, { idempotencyKey: "same" })
        expect(again.created).toBe(false)
        expect(again.job).toEqual(first.job)
        const other = yield* queue.enqueue(otherKind, { n: 1 }, { idempotencyKey: "same" })
        expect(other.created).toBe(true)
        expect(yield* queue.stats()).toMatchObject({ pending: 2 })
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("a payload the kind's schema rejects is not enqueued", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const error = yield* Effect.flip(queue.enqueue(otherKind, { n: -1 }, { idempotencyKey: "bad" }))
        expect(error._tag).toBe("InvalidJobPayload")
        expect(yield* queue.stats()).toMatchObject({ pending: 0 })
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("enqueue joins the caller's transaction: committed together, rolled back together", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const queue = yield* JobQueue
        const upload = (key: string) =>
          Effect.zipRight(
            sql`INSERT INTO job_test_effects ${sql.insert({ idempotencyKey: key, value: 1 })}`,
            queue.enqueue(testKind, ok, { idempotencyKey: key })
          )
        yield* sql.withTransaction(upload("kept"))
        const rolledBack = yield* sql
          .withTransaction(Effect.zipRight(upload("lost"), Effect.fail("verification failed" as const)))
          .pipe(Effect.either)
        expect(Either.isLeft(rolledBack)).toBe(true)
        expect(yield* effectRows("kept")).toHaveLength(1)
        expect(yield* effectRows("lost")).toHaveLength(0)
        const jobs = yield* sql<{ readonly idempotencyKey: string }>`SELECT idempotency_key FROM jobs`
        expect(jobs).toEqual([{ idempotencyKey: "kept" }])
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("enqueueAll adds many jobs in order; a key that exists or repeats returns the one job", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(1000)
        const queue = yield* JobQueue
        const before = yield* queue.enqueue(testKind, ok, { idempotencyKey: "old" })
        const added = yield* queue.enqueueAll(testKind, [
          { payload: ok, idempotencyKey: "n1" },
          { payload: { mode: "fail", value: 2 }, idempotencyKey: "old" },
          { payload: ok, idempotencyKey: "n2", delay: "1 minute", maxAttempts: 2 },
          { payload: { mode: "fail", value: 3 }, idempotencyKey: "n1" }
        ])
        expect(added.map(({ job, created }) => [job.idempotencyKey, created])).toEqual([
          ["n1", true],
          ["old", false],
          ["n2", true],
          ["n1", false]
        ])
        expect(added[1]?.job).toEqual(before.job)
        expect(added[3]?.job).toEqual(added[0]?.job)
        expect(added[0]?.job).toMatchObject({
          payload: '{"mode":"ok","value":1}',
          status: "pending",
          nextRunAt: 1000
        })
        expect(added[2]?.job).toMatchObject({ nextRunAt: 61_000, maxAttempts: 2 })
        expect(yield* queue.stats()).toMatchObject({ pending: 3 })
        // More than one statement's worth.
        const many = Array.from({ length: 1200 }, (_, n) => ({ payload: ok, idempotencyKey: `many-${n}` }))
        const all = yield* queue.enqueueAll(testKind, many)
        expect(all.map(({ job }) => job.idempotencyKey)).toEqual(many.map((job) => job.idempotencyKey))
        expect(new Set(all.map(({ job }) => job.id)).size).toBe(1200)
        expect(yield* queue.stats()).toMatchObject({ pending: 1203 })
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect(
      "enqueueAll adds nothing when one payload is rejected, and joins the caller's transaction",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const queue = yield* JobQueue
          const error = yield* Effect.flip(
            queue.enqueueAll(otherKind, [
              { payload: { n: 1 }, idempotencyKey: "good" },
              { payload: { n: -1 }, idempotencyKey: "bad" }
            ])
          )
          expect(error._tag).toBe("InvalidJobPayload")
          const rolledBack = yield* sql
            .withTransaction(
              Effect.zipRight(
                queue.enqueueAll(otherKind, [{ payload: { n: 1 }, idempotencyKey: "lost" }]),
                Effect.fail("upload rejected" as const)
              )
            )
            .pipe(Effect.either)
          expect(Either.isLeft(rolledBack)).toBe(true)
          expect(yield* queue.stats()).toMatchObject({ pending: 0 })
        }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("a claim ahead takes only jobs never attempted", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const leases = yield* JobLeases
        for (const key of ["tried", "fresh"]) yield* queue.enqueue(testKind, ok, { idempotencyKey: key })
        const [tried] = yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 1 })
        if (tried === undefined) return expect.fail("not claimed")
        expect(yield* leases.fail(tried, { jobId: tried.id, owner: "me", attempt: 1 }, "again")).toBe("retry")
        yield* TestClock.setTime(DAY - 1)
        const ahead = yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 5, freshOnly: true })
        expect(ahead.map((job) => job.idempotencyKey)).toEqual(["fresh"])
        const forSlot = yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 5 })
        expect(forSlot.map((job) => job.idempotencyKey)).toEqual(["tried"])
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("completeAll completes, in one statement, only the jobs whose lease is still ours", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const leases = yield* JobLeases
        for (const key of ["a", "b", "c"]) yield* queue.enqueue(testKind, ok, { idempotencyKey: key })
        const claimed = yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 3 })
        const [a, b, c] = claimed.map((job) => leaseOf(job, "me"))
        if (a === undefined || b === undefined || c === undefined) return expect.fail("not claimed")
        yield* TestClock.setTime(1000)
        expect(yield* leases.release(c)).toBe(true)
        const done = yield* leases.completeAll([
          { lease: a, result: '{"doubled":2}' },
          { lease: { ...b, attempt: 7 }, result: "{}" },
          { lease: c, result: "{}" }
        ])
        expect([...done]).toEqual([a.jobId])
        expect(Option.getOrThrow(yield* queue.get(a.jobId))).toMatchObject({
          status: "completed",
          result: '{"doubled":2}',
          leaseOwner: null,
          completedAt: 1000
        })
        expect(Option.getOrThrow(yield* queue.get(b.jobId)).status).toBe("running")
        expect(Option.getOrThrow(yield* queue.get(c.jobId)).status).toBe("pending")
        expect(yield* leases.completeAll([{ lease: { ...b, owner: "other" }, result: "{}" }])).toEqual(
          new Set()
        )
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("claims atomically: due jobs of the given kinds, oldest due first, each once", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const leases = yield* JobLeases
        for (const key of ["a", "b", "c"]) yield* queue.enqueue(testKind, ok, { idempotencyKey: key })
        yield* queue.enqueue(testKind, ok, { idempotencyKey: "later", delay: "10 seconds" })
        yield* queue.enqueue(otherKind, { n: 1 }, { idempotencyKey: "other" })
        const first = yield* leases.claim({ kinds: ["test.job"], owner: "p1", limit: 2 })
        const second = yield* leases.claim({ kinds: ["test.job"], owner: "p2", limit: 5 })
        expect(first.map((job) => job.idempotencyKey).sort()).toEqual(["a", "b"])
        expect(second.map((job) => job.idempotencyKey)).toEqual(["c"])
        expect(first[0]).toMatchObject({
          status: "running",
          attempts: 1,
          leaseOwner: "p1",
          leaseExpiresAt: 30_000
        })
        yield* TestClock.setTime(10_000)
        const third = yield* leases.claim({ kinds: ["test.job"], owner: "p2", limit: 5 })
        expect(third.map((job) => job.idempotencyKey)).toEqual(["later"])
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect(
      "an expired lease is swept back to pending (its attempt counted) or to dead when it was the last",
      () =>
        Effect.gen(function* () {
          const queue = yield* JobQueue
          const leases = yield* JobLeases
          const retried = yield* queue.enqueue(testKind, ok, { idempotencyKey: "again" })
          const last = yield* queue.enqueue(testKind, ok, { idempotencyKey: "last", maxAttempts: 1 })
          yield* leases.claim({ kinds: ["test.job"], owner: "dead-process", limit: 2 })
          yield* TestClock.setTime(29_999)
          expect(yield* leases.sweepExpired()).toEqual({ requeued: 0, dead: 0 })
          yield* TestClock.setTime(30_000)
          expect(yield* leases.sweepExpired()).toEqual({ requeued: 1, dead: 1 })
          const again = Option.getOrThrow(yield* queue.get(retried.job.id))
          expect(again).toMatchObject({ status: "pending", attempts: 1, leaseOwner: null, nextRunAt: 30_000 })
          expect(again.lastError).toContain("lease expired")
          expect(Option.getOrThrow(yield* queue.get(last.job.id))).toMatchObject({
            status: "dead",
            attempts: 1
          })
        }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("a processor that lost its lease can neither renew, complete, fail nor release the job", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const leases = yield* JobLeases
        const { job } = yield* queue.enqueue(testKind, ok, { idempotencyKey: "x" })
        const [mine] = yield* leases.claim({ kinds: ["test.job"], owner: "slow", limit: 1 })
        if (mine === undefined) return expect.fail("not claimed")
        const lease = { jobId: job.id, owner: "slow", attempt: 1 }
        yield* TestClock.setTime(30_000)
        yield* leases.sweepExpired()
        yield* leases.claim({ kinds: ["test.job"], owner: "fast", limit: 1 })
        expect(yield* leases.renew(lease)).toBe(false)
        expect(yield* leases.complete(lease, "{}", Effect.die("must not run"))).toBe(false)
        expect(yield* leases.fail(mine, lease, "late")).toBe("lost")
        expect(yield* leases.release(lease)).toBe(false)
        expect(Option.getOrThrow(yield* queue.get(job.id))).toMatchObject({
          status: "running",
          leaseOwner: "fast",
          attempts: 2
        })
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("counts jobs per status", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const leases = yield* JobLeases
        expect(yield* queue.stats()).toEqual({ pending: 0, running: 0, completed: 0, failed: 0, dead: 0 })
        for (const key of ["a", "b", "c"]) yield* queue.enqueue(testKind, ok, { idempotencyKey: key })
        yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 1 })
        expect(yield* queue.stats()).toEqual({ pending: 2, running: 1, completed: 0, failed: 0, dead: 0 })
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("lists dead jobs with their last error and redrives one with its attempts reset", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const { job } = yield* queue.enqueue(testKind, ok, { idempotencyKey: "doomed", maxAttempts: 1 })
        yield* killJob(job.id)
        const dead = yield* queue.listDead()
        expect(dead.map((row) => [row.id, row.lastError])).toEqual([[job.id, "it broke"]])
        expect(yield* queue.listDead({ kind: "test.other" })).toEqual([])

        yield* TestClock.setTime(2 * DAY)
        const revived = yield* queue.redrive(job.id)
        expect(revived).toMatchObject({
          status: "pending",
          attempts: 0,
          nextRunAt: 2 * DAY,
          retryUntil: 3 * DAY
        })
        expect(yield* queue.listDead()).toEqual([])

        expect((yield* Effect.flip(queue.redrive(job.id)))._tag).toBe("JobNotDead")
        expect((yield* Effect.flip(queue.redrive(999)))._tag).toBe("JobNotFound")
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )

    it.effect("cleanup deletes completed jobs after 7 days and dead ones after 30, nothing younger", () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const leases = yield* JobLeases
        const done = yield* queue.enqueue(testKind, ok, { idempotencyKey: "done" })
        const [claimed] = yield* leases.claim({ kinds: ["test.job"], owner: "me", limit: 1 })
        expect(claimed?.id).toBe(done.job.id)
        yield* leases.complete({ jobId: done.job.id, owner: "me", attempt: 1 }, "{}", Effect.void)
        const dead = yield* queue.enqueue(testKind, ok, { idempotencyKey: "dead", maxAttempts: 1 })
        yield* killJob(dead.job.id)
        const young = yield* queue.enqueue(testKind, ok, { idempotencyKey: "young" })

        expect(yield* queue.nextCleanupAt()).toEqual(Option.some(7 * DAY))
        yield* TestClock.setTime(7 * DAY - 1)
        expect(yield* queue.cleanup()).toEqual({ completed: 0, dead: 0 })
        yield* TestClock.setTime(7 * DAY)
        expect(yield* queue.cleanup()).toEqual({ completed: 1, dead: 0 })
        expect(yield* queue.nextCleanupAt()).toEqual(Option.some(30 * DAY))
        yield* TestClock.setTime(30 * DAY - 1)
        expect(yield* queue.cleanup()).toEqual({ completed: 0, dead: 0 })
        yield* TestClock.setTime(30 * DAY)
        expect(yield* queue.cleanup()).toEqual({ completed: 0, dead: 1 })
        expect(yield* queue.nextCleanupAt()).toEqual(Option.none())
        expect(Option.isSome(yield* queue.get(young.job.id))).toBe(true)
      }).pipe(Effect.provide(queueLayer({}, backend.database)))
    )
  })
