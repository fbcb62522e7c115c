import { Cause, Console, Data, Effect, Exit, Option } from "effect"
import type { Teardown } from "@effect/platform/Runtime"

/**
 * A deliberate end of a command-line program with a status code and, optionally, one line for the
 * user. Programs fail with it instead of exiting the process themselves, so finalizers still run.
 */
export class ExitStatus extends Data.TaggedError("ExitStatus")<{
  readonly code: number
  readonly message?: string
}> {}

/** Prints, then exits with `code` once the line is written. */
const report = (effect: Effect.Effect<void>, code: number, onExit: (code: number) => void): void => {
  Effect.runFork(effect).addObserver(() => {
    onExit(code)
  })
}

/**
 * Teardown for `runMain` with error reporting disabled: an `ExitStatus` prints its one line (no stack
 * trace) and exits with its code; any other failure is logged in full and exits with 1.
 */
export const exitStatusTeardown: Teardown = (exit, onExit) => {
  if (Exit.isSuccess(exit)) {
    onExit(0)
  } else if (Cause.isInterruptedOnly(exit.cause)) {
    onExit(130)
  } else {
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure) && failure.value instanceof ExitStatus) {
      const { code, message } = failure.value
      if (message === undefined) onExit(code)
      else report(Console.error(message), code, onExit)
    } else {
      report(Effect.logError(exit.cause), 1, onExit)
    }
  }
}
