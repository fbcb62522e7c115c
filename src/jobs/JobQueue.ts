/**
 * The durable job queue as producers and operators see it: enqueue (inside the caller's
 * transaction, if there is one), look up, count, list and redrive dead jobs, delete old ones.
 * Processors use `JobLeases`; the table is `jobs` (migrations 0001 and 0003).
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Array as Arr, Clock, Duration, Effect, Option, Schema } from "effect"
import { AppConfig } from "../config.js"
import { JobNotDead, JobNotFound } from "./errors.js"
import { JobEvents } from "./JobEvents.js"
import type { JobKind } from "./JobKind.js"
import { type JobRow, JobRows, JobStatus } from "./JobRow.js"
import { rowDecoder } from "../db/rows.js"

export interface EnqueueOptions {
  /**
   * Unique per kind: enqueueing a key that exists returns the existing job (whatever its payload
   * and status) instead of adding one. For replays: the match id and the replay hash.
   */
  readonly idempotencyKey: string
  /** Defaults to the kind's, then EVOLADDER_JOB_MAX_ATTEMPTS. */
  readonly maxAttempts?: number
  /** Not before this long from now. */
  readonly delay?: Duration.DurationInput
}

/** One job for `enqueueAll`. */
export interface NewJob<P> extends EnqueueOptions {
  readonly payload: P
}

export interface Enqueued {
  readonly job: JobRow
  /** False when the idempotency key already had a job (the one returned). */
  readonly created: boolean
}

export type JobStats = Readonly<Record<JobStatus, number>>

export interface CleanupResult {
  readonly completed: number
  readonly dead: number
}

const StatusCounts = rowDecoder(Schema.Struct({ status: JobStatus, count: Schema.Number }))
const Ids = rowDecoder(Schema.Struct({ id: Schema.Number }))
/**
 * Rows per INSERT of `enqueueAll`: ten parameters a row stays far below both databases' limit on
 * parameters in one statement.
 */
const ENQUEUE_CHUNK = 500

const Oldest = rowDecoder(Schema.Struct({ oldest: Schema.NullOr(Schema.Number) }))

export class JobQueue extends Effect.Service<JobQueue>()("JobQueue", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* JobEvents
    const { jobs: settings } = yield* AppConfig
    const maxAgeMs = Duration.toMillis(settings.maxAge)

    /**
     * Repeats the condition of the partial index jobs_finished word for word: SQLite uses a partial
     * index only for queries whose WHERE contains its condition, and does not infer it from
     * `status = 'dead'`.
     */
    const finished = sql.literal(`status IN ('completed', 'dead')`)

    /**
     * Adds jobs of one kind, at most ENQUEUE_CHUNK rows a statement, or for a key that already has
     * a job returns that one; in the order given (a key given twice makes one job). Called inside
     * `sql.withTransaction`, it joins that transaction: the jobs commit or roll back with the
     * caller's rows. The processors are signalled at once, which may be before that commit; this
     * is harmless because a processor's claim goes through the same connection, which the open
     * transaction holds, so it runs after COMMIT (or, after ROLLBACK, finds nothing and sleeps).
     * The body of `enqueue` and `enqueueAll`, whose spans skip the call-site stack trace (it costs
     * about as much as a one-row INSERT).
     */
    const addJobs = <P>(kind: JobKind<string, P, unknown, unknown>, jobs: ReadonlyArray<NewJob<P>>) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const rows = yield* Effect.forEach(jobs, (job) =>
          Effect.map(kind.encodePayload(job.payload), (payload) => {
            const delay = job.delay === undefined ? 0 : Duration.toMillis(job.delay)
            return {
              kind: kind.kind,
              payload,
              idempotencyKey: job.idempotencyKey,
              status: "pending",
              attempts: 0,
              maxAttempts: job.maxAttempts ?? kind.maxAttempts ?? settings.maxAttempts,
              nextRunAt: now + delay,
              retryUntil: now + maxAgeMs,
              createdAt: now,
              updatedAt: now
            }
          })
        )
        const inserted = new Map<string, JobRow>()
        for (const chunk of Arr.chunksOf(rows, ENQUEUE_CHUNK)) {
          const added = yield* sql`INSERT INTO jobs ${sql.insert(chunk)}
                                 ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING *`.pipe(JobRows.all)
          for (const job of added) inserted.set(job.idempotencyKey, job)
        }
        const conflicted = [...new Set(jobs.map((job) => job.idempotencyKey))].filter(
          (key) => !inserted.has(key)
        )
        const existing = new Map<string, JobRow>()
        for (const keys of Arr.chunksOf(conflicted, ENQUEUE_CHUNK)) {
          const found = yield* sql`SELECT * FROM jobs WHERE kind = ${kind.kind}
                                 AND idempotency_key IN ${sql.in(keys)}`.pipe(JobRows.all)
          for (const job of found) existing.set(job.idempotencyKey, job)
        }
        if (inserted.size > 0) yield* events.signalEnqueued
        const firstOfKey = new Set<string>()
        return yield* Effect.forEach(jobs, ({ idempotencyKey }) => {
          const created = inserted.get(idempotencyKey)
          if (created !== undefined && !firstOfKey.has(idempotencyKey)) {
            firstOfKey.add(idempotencyKey)
            return Effect.succeed<Enqueued>({ job: created, created: true })
          }
          const job = created ?? existing.get(idempotencyKey)
          return job === undefined
            ? Effect.dieMessage(`job ${kind.kind}/${idempotencyKey} conflicted but is not there`)
            : Effect.succeed<Enqueued>({ job, created: false })
        })
      })

    const enqueueAll = Effect.fn("JobQueue.enqueueAll", { captureStackTrace: false })(addJobs)

    /** Adds a job, or returns the one its idempotency key already has (see `enqueueAll`). */
    const enqueue = Effect.fn("JobQueue.enqueue", { captureStackTrace: false })(function* <P>(
      kind: JobKind<string, P, unknown, unknown>,
      payload: P,
      options: EnqueueOptions
    ) {
      const [enqueued] = yield* addJobs(kind, [{ ...options, payload }])
      if (enqueued === undefined) return yield* Effect.dieMessage("enqueueing one job returned nothing")
      return enqueued
    })

    const get = Effect.fn("JobQueue.get")(function* (jobId: number) {
      return yield* sql`SELECT * FROM jobs WHERE id = ${jobId}`.pipe(JobRows.first)
    })

    /** How many jobs are in each state (every state present, zero included). */
    const stats = Effect.fn("JobQueue.stats")(function* () {
      const rows = yield* sql`SELECT status, count(*) AS count FROM jobs GROUP BY status`.pipe(
        StatusCounts.all
      )
      const counts: Record<JobStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0, dead: 0 }
      for (const row of rows) counts[row.status] = row.count
      return counts satisfies JobStats
    })

    /** Dead jobs, most recently died first. */
    const listDead = Effect.fn("JobQueue.listDead")(function* (
      options: { readonly kind?: string; readonly limit?: number } = {}
    ) {
      const limit = options.limit ?? 50
      const byKind = options.kind === undefined ? sql`` : sql`AND kind = ${options.kind}`
      return yield* sql`SELECT * FROM jobs WHERE ${finished} AND status = 'dead' ${byKind}
                        ORDER BY updated_at DESC, id DESC LIMIT ${limit}`.pipe(JobRows.all)
    })

    /**
     * Puts a dead job back to `pending` with its attempts reset and a fresh retry window
     * (EVOLADDER_JOB_MAX_AGE from now); its last error stays until the next attempt.
     */
    const redrive = Effect.fn("JobQueue.redrive")(function* (jobId: number) {
      const now = yield* Clock.currentTimeMillis
      const revived = yield* sql`UPDATE jobs SET ${sql.update({
        status: "pending",
        attempts: 0,
        nextRunAt: now,
        retryUntil: now + maxAgeMs,
        updatedAt: now,
        completedAt: null
      })} WHERE id = ${jobId} AND status = 'dead' RETURNING *`.pipe(JobRows.first)
      if (Option.isSome(revived)) {
        yield* events.signalEnqueued
        return revived.value
      }
      const current = yield* get(jobId)
      if (Option.isNone(current)) return yield* new JobNotFound({ jobId })
      return yield* new JobNotDead({ jobId, status: current.value.status })
    })

    const retentionMs = {
      completed: Duration.toMillis(settings.completedRetention),
      dead: Duration.toMillis(settings.deadRetention)
    }

    /**
     * Deletes completed jobs finished more than EVOLADDER_JOB_COMPLETED_RETENTION ago and dead
     * ones that died more than EVOLADDER_JOB_DEAD_RETENTION ago.
     */
    const cleanup = Effect.fn("JobQueue.cleanup")(function* () {
      const now = yield* Clock.currentTimeMillis
      const completed = sql`DELETE FROM jobs WHERE ${finished} AND status = 'completed'
                            AND updated_at <= ${now - retentionMs.completed} RETURNING id`
      const dead = sql`DELETE FROM jobs WHERE ${finished} AND status = 'dead'
                       AND updated_at <= ${now - retentionMs.dead} RETURNING id`
      return yield* sql.withTransaction(
        Effect.map(
          Effect.all([Ids.all(completed), Ids.all(dead)]),
          ([completed, dead]) => ({ completed: completed.length, dead: dead.length }) satisfies CleanupResult
        )
      )
    })

    /** When the oldest finished job becomes old enough for `cleanup`; none if nothing finished. */
    const nextCleanupAt = Effect.fn("JobQueue.nextCleanupAt")(function* () {
      const expiry = (retention: number) => (rows: Effect.Effect<ReadonlyArray<unknown>, SqlError>) =>
        rows.pipe(
          Oldest.first,
          Effect.map((row) =>
            Option.flatMap(row, ({ oldest }) => Option.fromNullable(oldest)).pipe(
              Option.map((at) => at + retention)
            )
          )
        )
      const completed = yield* expiry(retentionMs.completed)(
        sql`SELECT min(updated_at) AS oldest FROM jobs WHERE ${finished} AND status = 'completed'`
      )
      const dead = yield* expiry(retentionMs.dead)(
        sql`SELECT min(updated_at) AS oldest FROM jobs WHERE ${finished} AND status = 'dead'`
      )
      const earliest = Option.reduceCompact([completed, dead], Infinity, Math.min)
      return earliest === Infinity ? Option.none<number>() : Option.some(earliest)
    })

    return { enqueue, enqueueAll, get, stats, listDead, redrive, cleanup, nextCleanupAt }
  })
}) {}
