/**
 * Crash recovery, for real: a child process works on a job in a SQLite file and is killed with
 * SIGKILL at a chosen point; a processor started afterwards on the same file finishes the job, and
 * the job's effect exists exactly once.
 */
import { describe, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer, Option, Schedule } from "effect"
import { sqliteLayer } from "../../src/db/Database.js"
import * as JobProcessor from "../../src/jobs/JobProcessor.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import type { JobRow } from "../../src/jobs/JobRow.js"
import { JobQueueLive } from "../../src/jobs/layers.js"
import { configLayer } from "../support/layers.js"
import { CrashPoint, type CrashPointName, crashKind, createTestTables } from "./fixtures/crashKind.js"
import { awaitReady, kill, spawnChild, tempDatabase } from "./fixtures/processes.js"

const LEASE = "1 second"

/** The queue on `file`, as this test process sees it (no processor). */
const queueOn = (file: string) =>
  JobQueueLive.pipe(
    Layer.provideMerge(Layer.effectDiscard(createTestTables)),
    Layer.provideMerge(sqliteLayer(file)),
    Layer.provideMerge(configLayer({ EVOLADDER_JOB_LEASE: LEASE })),
    Layer.provideMerge(CrashPoint.none)
  )

const facts = (jobId: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const job = Option.getOrThrow(yield* (yield* JobQueue).get(jobId))
    const effects = yield* sql<{ readonly value: number }>`SELECT value FROM job_test_effects`
    const runs = yield* sql<{ readonly pid: number }>`SELECT pid FROM job_test_runs ORDER BY id`
    return { job, effects: effects.length, runs: runs.map((run) => run.pid) }
  })

const awaitCompleted = (jobId: number) =>
  Effect.flatMap(JobQueue, (queue) =>
    queue.get(jobId).pipe(
      Effect.map(Option.getOrThrow),
      Effect.repeat({
        schedule: Schedule.spaced("20 millis"),
        until: (job: JobRow) => job.status === "completed"
      }),
      Effect.timeout("15 seconds")
    )
  )

interface Scenario {
  readonly point: CrashPointName
  readonly effectIn: "handler" | "commit"
  /** The job as the kill left it. */
  readonly leftBehind: {
    readonly status: JobRow["status"]
    readonly attempts: number
    readonly effects: number
  }
  /** Handler runs in the child before the kill. */
  readonly childRuns: number
}

const scenarios: ReadonlyArray<Scenario> = [
  // The claim's transaction never commits: the job was never taken.
  {
    point: "claim",
    effectIn: "commit",
    leftBehind: { status: "pending", attempts: 0, effects: 0 },
    childRuns: 0
  },
  // Killed in the handler: the job stays running under a lease nobody renews.
  {
    point: "handler",
    effectIn: "commit",
    leftBehind: { status: "running", attempts: 1, effects: 0 },
    childRuns: 1
  },
  // The handler's own check-and-write committed, the completion did not.
  {
    point: "effect",
    effectIn: "handler",
    leftBehind: { status: "running", attempts: 1, effects: 1 },
    childRuns: 1
  },
  // Killed inside the completion transaction after writing the effect: both roll back.
  {
    point: "commit",
    effectIn: "commit",
    leftBehind: { status: "running", attempts: 1, effects: 0 },
    childRuns: 1
  }
]

// Concurrent: each scenario has its own file, and most of their time is child processes starting.
describe.concurrent("crash recovery (child processes killed with SIGKILL)", () => {
  for (const scenario of scenarios) {
    it.live(
      `killed at ${scenario.point}: the job is completed by the next processor, its effect applied once`,
      ({ expect }) =>
        Effect.gen(function* () {
          const file = tempDatabase()
          const queue = queueOn(file)
          const { job } = yield* Effect.provide(
            Effect.flatMap(JobQueue, (q) =>
              q.enqueue(
                crashKind,
                { value: 7, effectIn: scenario.effectIn },
                { idempotencyKey: "match-1:replay-abc" }
              )
            ),
            queue
          )

          const child = yield* spawnChild({
            EVOLADDER_DB: file,
            EVOLADDER_JOB_LEASE: LEASE,
            CHILD_MODE: "crash",
            CRASH_POINT: scenario.point
          })
          yield* awaitReady(child)
          yield* kill(child, "SIGKILL")
          expect(child.process.signalCode).toBe("SIGKILL")

          const before = yield* Effect.provide(facts(job.id), queue)
          expect(before.job).toMatchObject({
            status: scenario.leftBehind.status,
            attempts: scenario.leftBehind.attempts
          })
          expect(before.effects).toBe(scenario.leftBehind.effects)
          expect(before.runs).toHaveLength(scenario.childRuns)

          const after = yield* Effect.gen(function* () {
            yield* awaitCompleted(job.id)
            return yield* facts(job.id)
          }).pipe(Effect.provide(JobProcessor.layer([crashKind]).pipe(Layer.provideMerge(queue))))
          expect(after.job).toMatchObject({ status: "completed", attempts: scenario.leftBehind.attempts + 1 })
          expect(after.job.result).toBe('{"value":7}')
          expect(after.effects).toBe(1)
          expect(after.runs).toHaveLength(scenario.childRuns + 1)
          expect(after.runs.at(-1)).toBe(process.pid)
        }).pipe(Effect.scoped),
      60_000
    )
  }
})
