/**
 * The processor's side of the queue: claim jobs with a lease, keep the lease, and settle each
 * attempt (completed, failed and scheduled again, dead, or given back). Every change is one
 * guarded statement (which the processor runs in its turn's transaction, with the others of the
 * turn) or one transaction whose first statement is the guarded one: it applies only while the
 * row is still `running` under this lease (owner and attempt), so a processor that lost its lease
 * changes nothing.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import type { CompletionTransaction } from "./JobKind.js"
import { Clock, Duration, Effect, Option, Schema } from "effect"
import { AppConfig } from "../config.js"
import { truncateError } from "./errors.js"
import { JobEvents } from "./JobEvents.js"
import { type JobRow, JobRows, type Lease } from "./JobRow.js"
import { rowDecoder } from "../db/rows.js"
import { retryDelay, retrySchedule } from "./RetryPolicy.js"

export interface ClaimOptions {
  readonly kinds: ReadonlyArray<string>
  readonly owner: string
  readonly limit: number
  /**
   * Only jobs never attempted (`pending` with no attempt counted): what a processor claims ahead
   * of its free slots. A process that dies charges its claimed jobs an attempt; this way a job
   * pays for a neighbour's crash at most once (it is no longer fresh afterwards).
   */
  readonly freshOnly?: boolean
}

/** A handler's result, to be written by `completeAll`. */
export interface Completion {
  readonly lease: Lease
  readonly result: string
}

/** What a failed attempt led to; `lost` when the lease was no longer ours (nothing changed). */
export type FailOutcome = "retry" | "dead" | "lost"

export interface Sweep {
  readonly requeued: number
  readonly dead: number
}

export interface NextDue {
  /** The earliest `next_run_at` of a claimable job of these kinds. */
  readonly runAt: Option.Option<number>
  /** The earliest lease expiry of a running job (of any kind). */
  readonly leaseExpiresAt: Option.Option<number>
}

/**
 * Spans on the per-job path skip the call-site stack trace: capturing one costs about as much as
 * the statement the span wraps.
 */
const hotPath = { captureStackTrace: false } as const

const Ids = rowDecoder(Schema.Struct({ id: Schema.Number }))
const At = rowDecoder(Schema.Struct({ at: Schema.Number }))
const Renewed = rowDecoder(Schema.Struct({ id: Schema.Number, attempts: Schema.Number }))

export class JobLeases extends Effect.Service<JobLeases>()("JobLeases", {
  scoped: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* JobEvents
    const { jobs: settings } = yield* AppConfig
    const leaseMs = Duration.toMillis(settings.lease)
    const schedule = retrySchedule(settings)

    const held = (lease: Lease) =>
      sql`id = ${lease.jobId} AND status = 'running' AND lease_owner = ${lease.owner}
          AND attempts = ${lease.attempt}`

    /** Postgres must skip rows another transaction is claiming; SQLite has one writer at a time. */
    const skipLocked = sql.onDialectOrElse({ pg: () => sql`FOR UPDATE SKIP LOCKED`, orElse: () => sql`` })

    /**
     * Without statistics, SQLite prefers the UNIQUE (kind, idempotency_key) index for `kind IN …`
     * and then reads every job of the kind, finished ones included, and sorts them; pin the
     * partial index of claimable jobs, which is already in due order.
     */
    const claimableIndex = sql.onDialectOrElse({
      sqlite: () => sql`INDEXED BY jobs_claimable`,
      orElse: () => sql``
    })

    /**
     * Claims up to `limit` due jobs of `kinds`, oldest due first, in one statement: each becomes
     * `running` under `owner` with a lease of EVOLADDER_JOB_LEASE, and its attempt is counted.
     * The limit is written into the statement (a processor prepares at most
     * EVOLADDER_JOB_CONCURRENCY + EVOLADDER_JOB_CLAIM_AHEAD variants): SQLite runs `LIMIT ?` in the
     * subquery noticeably slower.
     */
    const claim = Effect.fn(
      "JobLeases.claim",
      hotPath
    )(function* (options: ClaimOptions) {
      if (options.limit <= 0 || options.kinds.length === 0) return []
      const now = yield* Clock.currentTimeMillis
      const fresh = options.freshOnly === true ? sql`AND status = 'pending' AND attempts = 0` : sql``
      return yield* sql`UPDATE jobs SET status = 'running', attempts = attempts + 1,
                          lease_owner = ${options.owner}, lease_expires_at = ${now + leaseMs},
                          updated_at = ${now}
                        WHERE id IN (
                          SELECT id FROM jobs ${claimableIndex}
                          WHERE status IN ('pending', 'failed') AND next_run_at <= ${now}
                            AND kind IN ${sql.in(options.kinds)} ${fresh}
                          ORDER BY next_run_at, id LIMIT ${sql.literal(String(Math.floor(options.limit)))} ${skipLocked}
                        ) AND status IN ('pending', 'failed')
                        RETURNING *`.pipe(JobRows.all)
    })

    /** Extends the lease; false if it is no longer ours. */
    const renew = Effect.fn("JobLeases.renew")(function* (lease: Lease) {
      const now = yield* Clock.currentTimeMillis
      const rows = yield* sql`UPDATE jobs SET lease_expires_at = ${now + leaseMs}
                              WHERE ${held(lease)} RETURNING id`.pipe(Ids.all)
      return rows.length > 0
    })

    /** Renews every lease `owner` holds, in one statement; returns the jobs renewed. */
    const renewAll = Effect.fn(
      "JobLeases.renewAll",
      hotPath
    )(function* (owner: string) {
      const now = yield* Clock.currentTimeMillis
      return yield* sql`UPDATE jobs SET lease_expires_at = ${now + leaseMs}
                        WHERE status = 'running' AND lease_owner = ${owner}
                        RETURNING id, attempts`.pipe(Renewed.all)
    })

    const markCompleted = (lease: Lease, result: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        sql`UPDATE jobs SET status = 'completed', result = ${result},
              lease_owner = NULL, lease_expires_at = NULL,
              completed_at = ${now}, updated_at = ${now}
            WHERE ${held(lease)} RETURNING id`.pipe(
          Ids.all,
          Effect.map((rows) => rows.length > 0)
        )
      )

    /** The completions of `completeAll` as rows (id, owner, attempt, result) from one JSON parameter. */
    const completionRows = (json: string) =>
      sql.onDialectOrElse({
        pg: () =>
          sql`jsonb_to_recordset(${json}::jsonb) AS done(id bigint, owner text, attempt integer, result text)`,
        orElse: () =>
          sql`(SELECT value ->> 'id' AS id, value ->> 'owner' AS owner, value ->> 'attempt' AS attempt,
                      value ->> 'result' AS result
               FROM json_each(${json})) AS done`
      })

    /**
     * Marks every job of `completions` completed with its result, in one statement, each guarded
     * like `complete`'s; returns the ids completed (the others' leases were no longer ours).
     */
    const completeAll = Effect.fn(
      "JobLeases.completeAll",
      hotPath
    )(function* (completions: ReadonlyArray<Completion>) {
      if (completions.length === 0) return new Set<number>()
      const now = yield* Clock.currentTimeMillis
      const json = JSON.stringify(
        completions.map(({ lease, result }) => ({
          id: lease.jobId,
          owner: lease.owner,
          attempt: lease.attempt,
          result
        }))
      )
      const rows = yield* sql`UPDATE jobs SET status = 'completed', result = done.result,
                                lease_owner = NULL, lease_expires_at = NULL,
                                completed_at = ${now}, updated_at = ${now}
                              FROM ${completionRows(json)}
                              WHERE jobs.id = done.id AND jobs.status = 'running'
                                AND jobs.lease_owner = done.owner AND jobs.attempts = done.attempt
                              RETURNING jobs.id`.pipe(Ids.all)
      if (rows.length > 0) yield* events.signalFinished
      return new Set(rows.map((row) => row.id))
    })

    /**
     * Marks the job completed with `result` and runs `commit` in the same transaction, so that the
     * job's effects and its completion are written together or not at all. False (and `commit`
     * not run) if the lease is no longer ours. The guarded UPDATE comes first: it takes SQLite's
     * write lock before anything is read. Without a commit step it is that one statement.
     */
    const complete = <E = never, R = never>(
      lease: Lease,
      result: string,
      commit?: Effect.Effect<void, E, R>,
      transaction: CompletionTransaction<R> = sql.withTransaction
    ): Effect.Effect<boolean, E | SqlError, R> =>
      Effect.gen(function* () {
        const done =
          commit === undefined
            ? yield* markCompleted(lease, result)
            : yield* transaction(
                Effect.flatMap(markCompleted(lease, result), (ours) =>
                  ours ? Effect.as(commit, true) : Effect.succeed(false)
                )
              )
        if (done) yield* events.signalFinished
        return done
      }).pipe(Effect.withSpan("JobLeases.complete", { ...hotPath, attributes: { jobId: lease.jobId } }))

    /**
     * Records a failed attempt: the job runs again at `now + delay` from the retry schedule, or is
     * dead if it has used its attempts or that time is past its retry deadline.
     */
    const fail = Effect.fn(
      "JobLeases.fail",
      hotPath
    )(function* (job: JobRow, lease: Lease, error: string) {
      const now = yield* Clock.currentTimeMillis
      // Whole milliseconds: jitter makes fractional delays, and the column is an INTEGER.
      const nextRunAt = now + Math.ceil(Duration.toMillis(yield* retryDelay(schedule, lease.attempt)))
      const dead = lease.attempt >= job.maxAttempts || nextRunAt > job.retryUntil
      const rows = yield* sql`UPDATE jobs SET ${sql.update({
        status: dead ? "dead" : "failed",
        nextRunAt: dead ? job.nextRunAt : nextRunAt,
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: truncateError(error),
        updatedAt: now
      })} WHERE ${held(lease)} RETURNING id`.pipe(Ids.all)
      if (rows.length === 0) return "lost" satisfies FailOutcome
      if (dead) yield* events.signalFinished
      return (dead ? "dead" : "retry") satisfies FailOutcome
    })

    /** A job that can never succeed (its payload does not decode) dies at once. */
    const bury = Effect.fn("JobLeases.bury")(function* (lease: Lease, error: string) {
      const now = yield* Clock.currentTimeMillis
      const rows = yield* sql`UPDATE jobs SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                                last_error = ${truncateError(error)}, updated_at = ${now}
                              WHERE ${held(lease)} RETURNING id`.pipe(Ids.all)
      if (rows.length > 0) yield* events.signalFinished
      return rows.length > 0
    })

    /**
     * Gives an interrupted attempt back (shutdown): `pending` again, due now, and the attempt is
     * not counted.
     */
    const release = Effect.fn("JobLeases.release")(function* (lease: Lease) {
      const now = yield* Clock.currentTimeMillis
      const rows = yield* sql`UPDATE jobs SET status = 'pending', attempts = attempts - 1,
                                lease_owner = NULL, lease_expires_at = NULL,
                                next_run_at = ${now}, updated_at = ${now}
                              WHERE ${held(lease)} RETURNING id`.pipe(Ids.all)
      return rows.length > 0
    })

    /**
     * Jobs whose lease expired (their processor died or stalled) go back to `pending`, due now —
     * or to `dead` if that attempt was their last or their retry deadline has passed. The
     * expired attempt counts: a job that kills its process every time must not loop forever.
     */
    const sweepExpired = Effect.fn("JobLeases.sweepExpired")(function* () {
      const now = yield* Clock.currentTimeMillis
      const sweep = Effect.gen(function* () {
        const dead = yield* sql`UPDATE jobs SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL,
                                  last_error = 'lease expired: the processor stopped or stalled during its last attempt',
                                  updated_at = ${now}
                                WHERE status = 'running' AND lease_expires_at <= ${now}
                                  AND (attempts >= max_attempts OR retry_until < ${now})
                                RETURNING id`.pipe(Ids.all)
        const requeued = yield* sql`UPDATE jobs SET status = 'pending', lease_owner = NULL,
                                      lease_expires_at = NULL, next_run_at = ${now},
                                      last_error = 'lease expired: the processor stopped or stalled',
                                      updated_at = ${now}
                                    WHERE status = 'running' AND lease_expires_at <= ${now}
                                    RETURNING id`.pipe(Ids.all)
        return { requeued: requeued.length, dead: dead.length } satisfies Sweep
      })
      const swept = yield* sql.withTransaction(sweep)
      if (swept.dead > 0) yield* events.signalFinished
      return swept
    })

    /** When a processor of `kinds` next has something to do, if ever (nothing pending or running). */
    const nextDue = Effect.fn(
      "JobLeases.nextDue",
      hotPath
    )(function* (kinds: ReadonlyArray<string>) {
      const first = (rows: Effect.Effect<ReadonlyArray<unknown>, SqlError>) =>
        Effect.map(
          At.first(rows),
          Option.map((row) => row.at)
        )
      const runAt = yield* first(sql`SELECT next_run_at AS at FROM jobs ${claimableIndex}
                                     WHERE status IN ('pending', 'failed') AND kind IN ${sql.in(kinds)}
                                     ORDER BY next_run_at LIMIT 1`)
      // Any kind: the sweep that follows the wake-up recovers expired leases of every kind.
      const leaseExpiresAt = yield* first(sql`SELECT lease_expires_at AS at FROM jobs
                                              WHERE status = 'running'
                                              ORDER BY lease_expires_at LIMIT 1`)
      return { runAt, leaseExpiresAt } satisfies NextDue
    })

    return {
      claim,
      renew,
      renewAll,
      complete,
      completeAll,
      fail,
      bury,
      release,
      sweepExpired,
      nextDue,
      /** Runs a processor's turn (its settlements and claims) as one transaction. */
      transaction: sql.withTransaction
    }
  })
}) {}
