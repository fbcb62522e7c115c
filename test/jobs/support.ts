/**
 * A test-only job kind and layers for the queue's in-process tests. The kind's `commit` step writes
 * one row to `job_test_effects` (no unique constraint, so a second application would show as a
 * second row); its handler reports each attempt on the `Attempts` queue.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Context, Data, Effect, Layer, Option, Queue, Schema } from "effect"
import { DatabaseTest } from "../../src/db/Database.js"
import * as JobKind from "../../src/jobs/JobKind.js"
import { JobQueueLive, jobWorkersLive } from "../../src/jobs/layers.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import type { JobRow } from "../../src/jobs/JobRow.js"
import type { DatabaseLayer } from "../support/backends.js"
import { configLayer } from "../support/layers.js"
import { createTestTables } from "./fixtures/crashKind.js"

export interface AttemptSeen {
  readonly key: string
  readonly attempt: number
  readonly at: number
}

/** Every attempt of `testKind`, in order, as it starts. */
export class Attempts extends Context.Tag("test/Attempts")<Attempts, Queue.Queue<AttemptSeen>>() {
  static readonly layer = Layer.effect(Attempts, Queue.unbounded<AttemptSeen>())
}

export class Boom extends Data.TaggedError("Boom")<{ readonly message: string }> {}

export const TestPayload = Schema.Struct({
  /**
   * ok: succeed; slow: succeed after 100 s; fail: typed failure; die: defect; hang: never finish;
   * badCommit: succeed, but the commit step fails after writing its effect.
   */
  mode: Schema.Literal("ok", "slow", "fail", "die", "hang", "badCommit"),
  value: Schema.Number
})

export const testKind = JobKind.make({
  kind: "test.job",
  payload: TestPayload,
  result: Schema.Struct({ doubled: Schema.Number }),
  handler: (payload, context) =>
    Effect.gen(function* () {
      const attempts = yield* Attempts
      const at = yield* Clock.currentTimeMillis
      yield* Queue.offer(attempts, { key: context.idempotencyKey, attempt: context.attempt, at })
      switch (payload.mode) {
        case "ok":
        case "badCommit":
          return { doubled: payload.value * 2 }
        case "slow":
          return yield* Effect.as(Effect.sleep("100 seconds"), { doubled: payload.value * 2 })
        case "fail":
          return yield* new Boom({ message: `attempt ${context.attempt} failed` })
        case "die":
          return yield* Effect.die(new Error(`attempt ${context.attempt} crashed`))
        case "hang":
          return yield* Effect.never
      }
    }),
  commit: (payload, result, context) =>
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.zipRight(
        sql`INSERT INTO job_test_effects ${sql.insert({ idempotencyKey: context.idempotencyKey, value: result.doubled })}`,
        payload.mode === "badCommit" ? new Boom({ message: "the commit step failed" }) : Effect.void
      )
    )
})

/**
 * Settings, a fresh database (in memory unless another backend's is given) with the effects table,
 * and the queue (no processor).
 */
export const queueLayer = (env: Record<string, string> = {}, database: DatabaseLayer = DatabaseTest) =>
  JobQueueLive.pipe(
    Layer.provideMerge(Layer.effectDiscard(createTestTables)),
    Layer.provideMerge(database),
    Layer.provideMerge(configLayer(env)),
    Layer.provideMerge(Attempts.layer)
  )

/** `queueLayer` plus a processor and cleanup for `testKind`. */
export const workersLayer = (env: Record<string, string> = {}, database: DatabaseLayer = DatabaseTest) =>
  jobWorkersLive([testKind]).pipe(Layer.provideMerge(queueLayer(env, database)))

export const effectRows = (key: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<{ readonly value: number }>`SELECT value FROM job_test_effects WHERE idempotency_key = ${key}`
  )

/**
 * Lets the other fibers run until `job` satisfies `done`, without moving the TestClock: the
 * processor works on its own fibers, which TestClock.adjust does not wait for.
 */
export const awaitJob = (jobId: number, done: (job: JobRow) => boolean, rounds = 10_000) =>
  Effect.gen(function* () {
    const queue = yield* JobQueue
    for (let round = 0; round < rounds; round++) {
      const job = yield* queue.get(jobId)
      if (Option.isSome(job) && done(job.value)) return job.value
      yield* Effect.yieldNow()
    }
    return yield* Effect.dieMessage(`job ${jobId} did not reach the expected state`)
  })
