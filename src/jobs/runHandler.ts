/**
 * One attempt's handler: runs the kind's handler while the processor's lease keeper holds the
 * lease, and says how it ended, for the processor's loop to write with everything else that ended
 * since its last turn. A kind with a commit step completes here instead, in its own transaction:
 * its commit must not share a fate with other jobs' writes.
 */
import { Clock, Effect, Exit } from "effect"
import type { AnyJobKind, JobContext, Prepared } from "./JobKind.js"
import type { JobLeases } from "./JobLeases.js"
import type { JobRow, Lease } from "./JobRow.js"
import type { LeaseKeeper } from "./LeaseKeeper.js"

/** A claimed job started under `lease`. */
export interface Attempt<R> {
  readonly job: JobRow
  readonly kind: AnyJobKind<R>
  readonly lease: Lease
  /** `Clock` time the handler started, in milliseconds. */
  readonly startedAt: number
}

/** How an attempt's handler ended, for the loop to write. */
export interface Ended<R> {
  readonly _tag: "Ended"
  readonly attempt: Attempt<R>
  /** The handler's exit (a failure may also be its own transaction's, or its commit step's). */
  readonly exit: Exit.Exit<Prepared<R>, unknown>
  /** How long the handler ran, in nanoseconds (what the loop sizes its claims ahead by). */
  readonly handlerNanos: bigint
}

/** An attempt that completed in its own transaction (`completed`), or found its lease gone. */
export interface CompletedAlone<R> {
  readonly _tag: "CompletedAlone"
  readonly attempt: Attempt<R>
  readonly completed: boolean
  readonly prepared: Prepared<R>
  readonly handlerNanos: bigint
}

export type Report<R> = Ended<R> | CompletedAlone<R>

/** A kind's completion transaction matters only around a commit step (see `JobLeases.complete`). */
const needsOwnTransaction = <R>(prepared: Prepared<R>) => prepared.commit !== undefined

/**
 * Runs `attempt`'s handler and returns how it ended. Only the handler is interruptible (by
 * shutdown, or by the loop when the lease turned out to be someone else's): a completion started
 * is always finished. The keeper lets go of the job as soon as the handler has ended, so a job
 * being completed is never taken for lost.
 */
export const runHandler = <R>(
  leases: JobLeases,
  keeper: LeaseKeeper,
  attempt: Attempt<R>
): Effect.Effect<Report<R>, never, R> => {
  const { job, kind, lease } = attempt
  const context: JobContext = {
    jobId: job.id,
    kind: job.kind,
    idempotencyKey: job.idempotencyKey,
    attempt: job.attempts,
    maxAttempts: job.maxAttempts
  }
  return Effect.gen(function* () {
    const started = yield* Clock.currentTimeNanos
    const executed = yield* Effect.exit(Effect.interruptible(kind.execute(job.payload, context)))
    const handlerNanos = (yield* Clock.currentTimeNanos) - started
    yield* keeper.release(job.id)
    if (Exit.isFailure(executed) || !needsOwnTransaction(executed.value)) {
      return { _tag: "Ended", attempt, exit: executed, handlerNanos } satisfies Report<R>
    }
    const prepared = executed.value
    const completed = yield* Effect.exit(
      leases.complete(lease, prepared.result, prepared.commit, prepared.transaction)
    )
    return Exit.isSuccess(completed)
      ? ({
          _tag: "CompletedAlone",
          attempt,
          completed: completed.value,
          prepared,
          handlerNanos
        } satisfies Report<R>)
      : ({ _tag: "Ended", attempt, exit: Exit.failCause(completed.cause), handlerNanos } satisfies Report<R>)
  }).pipe(
    Effect.uninterruptible,
    Effect.annotateLogs({ jobId: job.id, jobKind: job.kind, attempt: job.attempts }),
    Effect.withSpan("JobProcessor.attempt", {
      captureStackTrace: false,
      attributes: { jobId: job.id, kind: job.kind, attempt: job.attempts }
    })
  )
}
