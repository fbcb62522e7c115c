/**
 * Work that outlives an interaction's 3-second answer (a deferred reply's real answer, deleting a
 * message after a click). It runs in the deployment's scope, so shutdown interrupts it instead of
 * leaving it dangling, and its failures are logged rather than lost.
 */
import { Cause, Effect, FiberSet } from "effect"

export class Background extends Effect.Service<Background>()("Background", {
  scoped: Effect.gen(function* () {
    const fibers = yield* FiberSet.make()
    /** Starts `work` now; returns once it is started. */
    const detach = <E>(name: string, work: Effect.Effect<void, E>) =>
      FiberSet.run(
        fibers,
        work.pipe(
          Effect.catchAllCause((cause) =>
            Cause.isInterruptedOnly(cause) ? Effect.void : Effect.logError(`${name} failed`, cause)
          ),
          Effect.withSpan(`Background.${name}`)
        )
      ).pipe(Effect.asVoid)
    /** Completes when no background work is running (tests use it to wait for answers). */
    const idle = FiberSet.awaitEmpty(fibers)
    return { detach, idle }
  })
}) {}
