/**
 * One attempt at one claimed job: run the kind's handler while the processor's lease keeper holds
 * the lease, then complete the job (with the kind's commit step) in one guarded transaction, or
 * record why not.
 */
import { Cause, Clock, Effect, Exit, Fiber, Option, Ref } from "effect"
import { describeError, InvalidJobPayload } from "./errors.js"
import type { AnyJobKind, JobContext, Prepared } from "./JobKind.js"
import type { JobLeases } from "./JobLeases.js"
import { type JobRow, type Lease, leaseOf } from "./JobRow.js"
import type { LeaseKeeper } from "./LeaseKeeper.js"
import { type AttemptOutcome, recordAttempt } from "./metrics.js"

const lostIfNotOurs = (outcome: "retry" | "dead" | "lost"): AttemptOutcome =>
  outcome === "lost" ? "lease_lost" : outcome

const settle = <R>(
  leases: JobLeases,
  job: JobRow,
  lease: Lease,
  exit: Exit.Exit<Option.Option<Prepared<R>>, unknown>,
  lost: boolean
): Effect.Effect<AttemptOutcome, unknown> => {
  if (Exit.isSuccess(exit)) return Effect.succeed(Option.isSome(exit.value) ? "completed" : "lease_lost")
  const cause = exit.cause
  if (Cause.isInterruptedOnly(cause)) {
    // Stopped by the lease keeper: the job is someone else's now, leave it alone.
    if (lost) return Effect.succeed("lease_lost")
    return Effect.map(leases.release(lease), (released): AttemptOutcome =>
      released ? "released" : "lease_lost"
    )
  }
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    if (error instanceof InvalidJobPayload) {
      return Effect.map(leases.bury(lease, describeError(error)), (buried): AttemptOutcome =>
        buried ? "dead" : "lease_lost"
      )
    }
    return Effect.map(leases.fail(job, lease, describeError(error)), lostIfNotOurs)
  }
  // A defect (a bug, a throw in the handler): recorded with its stack and retried like a failure.
  return Effect.map(leases.fail(job, lease, `defect: ${Cause.pretty(cause)}`), lostIfNotOurs)
}

/**
 * Runs `job`, claimed by `owner`, to a settled state. Only the handler is interruptible: by
 * shutdown, which gives the job back without counting the attempt, or by the lease keeper when
 * the job turned out to be someone else's. Completing and settling are never interrupted, and the
 * keeper lets go of the job before completion starts, so a completed job is never taken for lost.
 * `handlerDone` runs as soon as the handler has ended, before the completion is written: the
 * processor's slot is free again, and its next claim can share the completion's transaction.
 */
export const runAttempt = <R>(
  leases: JobLeases,
  keeper: LeaseKeeper,
  kind: AnyJobKind<R>,
  job: JobRow,
  owner: string,
  handlerDone: Effect.Effect<void>
): Effect.Effect<void, never, R> => {
  const lease = leaseOf(job, owner)
  const context: JobContext = {
    jobId: job.id,
    kind: job.kind,
    idempotencyKey: job.idempotencyKey,
    attempt: job.attempts,
    maxAttempts: job.maxAttempts
  }
  const complete = (prepared: Prepared<R>) =>
    Effect.map(leases.complete(lease, prepared.result, prepared.commit, prepared.transaction), (completed) =>
      completed ? Option.some(prepared) : Option.none()
    )
  return Effect.uninterruptibleMask((restore) =>
    Effect.gen(function* () {
      const started = yield* Clock.currentTimeMillis
      const lost = yield* Ref.make(false)
      const self = yield* Effect.withFiberRuntime<Fiber.RuntimeFiber<unknown, unknown>>((fiber) =>
        Effect.succeed(fiber)
      )
      yield* keeper.hold({ lease, onLost: Effect.zipRight(Ref.set(lost, true), Fiber.interruptFork(self)) })
      const executed = yield* Effect.exit(restore(kind.execute(job.payload, context)))
      yield* keeper.release(job.id)
      yield* handlerDone
      const exit: Exit.Exit<Option.Option<Prepared<R>>, unknown> = Exit.isSuccess(executed)
        ? yield* Effect.exit(complete(executed.value))
        : Exit.map(executed, Option.some)
      const outcome = yield* settle(leases, job, lease, exit, yield* Ref.get(lost)).pipe(
        Effect.tapErrorCause((cause) => Effect.logError("could not record the end of a job attempt", cause)),
        Effect.option
      )
      const finished = yield* Clock.currentTimeMillis
      if (Option.isSome(outcome)) yield* recordAttempt(job.kind, outcome.value, finished - started)
      if (Exit.isSuccess(exit) && Option.isSome(exit.value)) yield* exit.value.value.onCompleted
      if (Exit.isFailure(exit) && Option.isSome(outcome) && outcome.value !== "released") {
        yield* Effect.logWarning(`job attempt ended: ${outcome.value}`, exit.cause)
      }
    })
  ).pipe(
    Effect.annotateLogs({ jobId: job.id, jobKind: job.kind, attempt: job.attempts }),
    Effect.withSpan("JobProcessor.attempt", {
      captureStackTrace: false,
      attributes: { jobId: job.id, kind: job.kind, attempt: job.attempts }
    })
  )
}
