/**
 * The processor's turns, with a kind that has no commit step (its completions are written by the
 * loop, many to a statement): results and follow-ups, jobs claimed ahead of the free slots, and
 * how long an ended attempt may wait to be written. Under TestClock, handlers take no time, so the
 * processor claims ahead as much as EVOLADDER_JOB_CLAIM_AHEAD allows once one job has run.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Queue, Ref, Schema, TestClock } from "effect"
import * as JobKind from "../../src/jobs/JobKind.js"
import * as JobProcessor from "../../src/jobs/JobProcessor.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { Attempts, awaitJob, queueLayer } from "./support.js"

/** Lets the processor's fibers run for a while without moving the clock. */
const letRun = Effect.repeatN(Effect.yieldNow(), 200)

/** Completed jobs' `onCompleted` calls, by key. */
const followUps = Effect.runSync(Ref.make<ReadonlyArray<string>>([]))

const plainKind = JobKind.make({
  kind: "test.plain",
  payload: Schema.Struct({ hang: Schema.Boolean, value: Schema.Number }),
  result: Schema.Struct({ tripled: Schema.Number }),
  handler: (payload, context) =>
    Effect.gen(function* () {
      yield* Queue.offer(yield* Attempts, { key: context.idempotencyKey, attempt: context.attempt, at: 0 })
      if (payload.hang) yield* Effect.never
      return { tripled: payload.value * 3 }
    }),
  onCompleted: (_payload, _result, context) =>
    Ref.update(followUps, (keys) => [...keys, context.idempotencyKey])
})

const get = (jobId: number) =>
  Effect.flatMap(JobQueue, (queue) => Effect.map(queue.get(jobId), Option.getOrThrow))

const job = (key: string, hang = false) => ({ payload: { hang, value: key.length }, idempotencyKey: key })

/** Starts the processor and runs one job through it: it has timed a handler, so it claims ahead. */
const startTimed = Effect.gen(function* () {
  const queue = yield* JobQueue
  const first = yield* queue.enqueue(plainKind, job("first").payload, job("first"))
  yield* Layer.build(JobProcessor.layer([plainKind]))
  yield* awaitJob(first.job.id, (row) => row.status === "completed")
})

/**
 * After `startTimed` with one slot and EVOLADDER_JOB_CLAIM_AHEAD=4: "quick" has ended, "stuck"
 * holds the slot and three jobs claimed ahead wait (more than half of the four, so no claim is due
 * either). Returns "quick".
 */
const quickBehindStuck = Effect.gen(function* () {
  const queue = yield* JobQueue
  const attempts = yield* Attempts
  const [quick] = yield* queue.enqueueAll(plainKind, [
    job("quick"),
    job("stuck", true),
    ...["w1", "w2", "w3"].map((key) => job(key))
  ])
  if (quick === undefined) return yield* Effect.dieMessage("not enqueued")
  for (let seen = 0; seen < 3; seen++) yield* Queue.take(attempts)
  yield* letRun
  return quick.job
})

const oneSlotFourAhead = queueLayer({ EVOLADDER_JOB_CONCURRENCY: "1", EVOLADDER_JOB_CLAIM_AHEAD: "4" })

const oneSlot = queueLayer({ EVOLADDER_JOB_CONCURRENCY: "1" })

describe("JobProcessor turns", () => {
  it.effect("writes plain completions with their results and runs each follow-up once", () =>
    Effect.gen(function* () {
      yield* Ref.set(followUps, [])
      const queue = yield* JobQueue
      yield* Layer.build(JobProcessor.layer([plainKind]))
      const keys = Array.from({ length: 40 }, (_, n) => `job-${n}`)
      const added = yield* queue.enqueueAll(
        plainKind,
        keys.map((key) => job(key))
      )
      for (const { job: row } of added) {
        const done = yield* awaitJob(row.id, (found) => found.status === "completed")
        expect(done).toMatchObject({
          attempts: 1,
          leaseOwner: null,
          result: `{"tripled":${row.idempotencyKey.length * 3}}`
        })
      }
      yield* letRun
      expect([...(yield* Ref.get(followUps))].sort()).toEqual([...keys].sort())
    }).pipe(Effect.scoped, Effect.provide(queueLayer({ EVOLADDER_JOB_CONCURRENCY: "3" })))
  )

  it.effect(
    "jobs claimed ahead wait for the slot, and shutdown gives them back without counting an attempt",
    () =>
      Effect.gen(function* () {
        const queue = yield* JobQueue
        const attempts = yield* Attempts
        const rest = yield* Effect.scoped(
          Effect.gen(function* () {
            yield* startTimed
            const rest = yield* queue.enqueueAll(plainKind, [job("stuck", true), job("next"), job("last")])
            yield* Queue.take(attempts)
            expect((yield* Queue.take(attempts)).key).toBe("stuck")
            yield* letRun
            // The slot is taken by "stuck"; the others were claimed with it and wait.
            expect(yield* Queue.size(attempts)).toBe(0)
            for (const { job: row } of rest) {
              expect(yield* get(row.id)).toMatchObject({ status: "running", attempts: 1 })
            }
            return rest
          })
        )
        for (const { job: row } of rest) {
          expect(yield* get(row.id)).toMatchObject({ status: "pending", attempts: 0, leaseOwner: null })
        }
      }).pipe(Effect.provide(oneSlot))
  )

  it.effect("with EVOLADDER_JOB_CLAIM_AHEAD=0 only the free slots are claimed", () =>
    Effect.gen(function* () {
      const queue = yield* JobQueue
      yield* startTimed
      const rest = yield* queue.enqueueAll(plainKind, [job("stuck", true), job("next")])
      yield* awaitJob(rest[0]?.job.id ?? -1, (row) => row.status === "running")
      yield* letRun
      expect(yield* get(rest[1]?.job.id ?? -1)).toMatchObject({ status: "pending", attempts: 0 })
    }).pipe(
      Effect.scoped,
      Effect.provide(queueLayer({ EVOLADDER_JOB_CONCURRENCY: "1", EVOLADDER_JOB_CLAIM_AHEAD: "0" }))
    )
  )

  it.effect("an attempt that ended while jobs wait behind a busy slot is written within 5 ms", () =>
    Effect.gen(function* () {
      yield* startTimed
      const quick = yield* quickBehindStuck
      expect(yield* get(quick.id)).toMatchObject({ status: "running" })
      yield* TestClock.adjust("4 millis")
      yield* letRun
      expect(yield* get(quick.id)).toMatchObject({ status: "running" })
      yield* TestClock.adjust("1 millis")
      yield* awaitJob(quick.id, (row) => row.status === "completed")
    }).pipe(Effect.scoped, Effect.provide(oneSlotFourAhead))
  )

  it.effect("shutdown writes the attempts that ended and runs their follow-ups", () =>
    Effect.gen(function* () {
      yield* Ref.set(followUps, [])
      const quick = yield* Effect.scoped(
        Effect.gen(function* () {
          yield* startTimed
          const quick = yield* quickBehindStuck
          expect(yield* get(quick.id)).toMatchObject({ status: "running" })
          return quick
        })
      )
      expect(yield* get(quick.id)).toMatchObject({ status: "completed", result: '{"tripled":15}' })
      expect(yield* Ref.get(followUps)).toEqual(["first", "quick"])
    }).pipe(Effect.provide(oneSlotFourAhead))
  )
})
