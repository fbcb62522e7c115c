/**
 * Two processors in two processes on one SQLite file — this test's process and a child — share
 * 1,000 jobs: each is completed once, none is started twice (so none ran in both processes at
 * once), and both processes did part of the work.
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Schedule } from "effect"
import { sqliteLayer } from "../../src/db/Database.js"
import * as JobProcessor from "../../src/jobs/JobProcessor.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { JobQueueLive } from "../../src/jobs/layers.js"
import { configLayer } from "../support/layers.js"
import { CrashPoint, crashKind, createTestTables } from "./fixtures/crashKind.js"
import { awaitReady, kill, spawnChild, tell, tempDatabase } from "./fixtures/processes.js"

const JOBS = 1000
const CONCURRENCY = "4"

describe("two processor processes on one SQLite file", () => {
  it.live(
    "complete 1,000 jobs, each exactly once",
    () =>
      Effect.gen(function* () {
        const file = tempDatabase()
        const queue = JobQueueLive.pipe(
          Layer.provideMerge(Layer.effectDiscard(createTestTables)),
          Layer.provideMerge(sqliteLayer(file)),
          Layer.provideMerge(configLayer({ EVOLADDER_JOB_CONCURRENCY: CONCURRENCY })),
          Layer.provideMerge(CrashPoint.none)
        )
        const enqueueAll = Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const jobs = yield* JobQueue
          yield* sql.withTransaction(
            Effect.forEach(
              Array.from({ length: JOBS }, (_, n) => n),
              (n) =>
                jobs.enqueue(crashKind, { value: n, effectIn: "commit" }, { idempotencyKey: `job-${n}` }),
              { discard: true }
            )
          )
        })
        yield* Effect.provide(enqueueAll, queue)

        const child = yield* spawnChild({
          EVOLADDER_DB: file,
          CHILD_MODE: "worker",
          EVOLADDER_JOB_CONCURRENCY: CONCURRENCY
        })
        yield* awaitReady(child)

        const result = yield* Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const jobs = yield* JobQueue
          // Both processors start together, so that they compete for every job.
          yield* tell(child, "GO")
          yield* Layer.build(JobProcessor.layer([crashKind]))
          yield* jobs
            .stats()
            .pipe(
              Effect.repeat({ schedule: Schedule.spaced("50 millis"), until: (s) => s.completed === JOBS }),
              Effect.timeout("40 seconds")
            )
          const stats = yield* jobs.stats()
          const effects = yield* sql<{ readonly n: number; readonly keys: number }>`
            SELECT count(*) AS n, count(DISTINCT idempotency_key) AS keys FROM job_test_effects`
          const runs = yield* sql<{ readonly pid: number; readonly n: number; readonly keys: number }>`
            SELECT pid, count(*) AS n, count(DISTINCT idempotency_key) AS keys FROM job_test_runs GROUP BY pid`
          return { stats, effects: effects[0], runs }
        }).pipe(Effect.scoped, Effect.provide(queue))
        yield* kill(child, "SIGTERM")

        expect(result.stats).toEqual({ pending: 0, running: 0, completed: JOBS, failed: 0, dead: 0 })
        expect(result.effects).toEqual({ n: JOBS, keys: JOBS })
        // Every handler start is recorded: 1,000 starts in all means no job was started twice.
        expect(result.runs.reduce((sum, run) => sum + run.n, 0)).toBe(JOBS)
        expect(result.runs.map((run) => run.pid).sort()).toEqual([process.pid, child.process.pid].sort())
        for (const run of result.runs) expect(run.n).toBeGreaterThan(0)
      }).pipe(Effect.scoped),
    60_000
  )
})
