/**
 * Writes how attempts ended, as part of a processor's turn: every plain completion in one
 * statement, each other ending in its own (failures are few). Each write is guarded by the lease,
 * so an attempt whose job is someone else's now changes nothing and ends as `lease_lost`.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { Cause, Effect, Exit, Option } from "effect"
import { describeError, InvalidJobPayload } from "./errors.js"
import type { JobLeases } from "./JobLeases.js"
import type { AttemptOutcome } from "./metrics.js"
import type { Attempt, Ended } from "./runHandler.js"

/** An ended attempt to write; `lost` if the lease keeper found the job was no longer ours. */
export interface Ending<R> {
  readonly ended: Ended<R>
  readonly lost: boolean
}

/** An attempt whose ending is written: what it led to. */
export interface Settled<R> {
  readonly attempt: Attempt<R>
  readonly exit: Ended<R>["exit"]
  readonly outcome: AttemptOutcome
}

const lostIfNotOurs = (outcome: "retry" | "dead" | "lost"): AttemptOutcome =>
  outcome === "lost" ? "lease_lost" : outcome

/** What a failed (or interrupted) attempt leads to, written. */
const settleFailure = <R>(
  leases: JobLeases,
  { ended, lost }: Ending<R>,
  cause: Cause.Cause<unknown>
): Effect.Effect<AttemptOutcome, SqlError> => {
  const { job, lease } = ended.attempt
  if (Cause.isInterruptedOnly(cause)) {
    // Interrupted because the job is someone else's now: leave it alone. Otherwise by shutdown:
    // the job goes back without counting the attempt.
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

/** Writes `endings` (to be run inside the turn's transaction); returns each one's outcome. */
export const settleAttempts = <R>(
  leases: JobLeases,
  endings: ReadonlyArray<Ending<R>>
): Effect.Effect<ReadonlyArray<Settled<R>>, SqlError> =>
  Effect.gen(function* () {
    const completions = endings.flatMap(({ ended }) =>
      Exit.isSuccess(ended.exit) ? [{ lease: ended.attempt.lease, result: ended.exit.value.result }] : []
    )
    const completed = yield* leases.completeAll(completions)
    return yield* Effect.forEach(endings, (ending): Effect.Effect<Settled<R>, SqlError> => {
      const { attempt, exit } = ending.ended
      return Exit.isSuccess(exit)
        ? Effect.succeed({
            attempt,
            exit,
            outcome: completed.has(attempt.job.id) ? "completed" : "lease_lost"
          })
        : Effect.map(settleFailure(leases, ending, exit.cause), (outcome) => ({ attempt, exit, outcome }))
    })
  })
