/**
 * Shutdown in two bounded steps, as the reference's Phase 2 defined them: in-flight work gets a
 * graceful budget, then threads are terminated within a forceful budget. Neither step may keep the
 * bot's scope from closing.
 */
import { Deferred, Duration, Effect, Fiber } from "effect"

export interface ShutdownBudgets {
  readonly graceful: Duration.Duration
  readonly forceful: Duration.Duration
}

/** The reference's `GRACEFUL_SHUTDOWN_TIMEOUT = 1.0` and `FORCE_SHUTDOWN_TIMEOUT = 0.5` seconds. */
export const referenceBudgets: ShutdownBudgets = {
  graceful: Duration.millis(1000),
  forceful: Duration.millis(500)
}

/** graceful: everything finished in time; forced: threads had to be terminated; incomplete: even that overran. */
export type ShutdownResult = "graceful" | "forced" | "incomplete"

/**
 * Whether `effect` completes within `budget`. Built without interrupting anything, because shutdown
 * runs in a finalizer, where everything is uninterruptible: there `Effect.timeout` cannot stop its
 * loser and waits for it, budget or not. An overrunning effect is left to finish in the background.
 */
const finishesWithin = (effect: Effect.Effect<unknown>, budget: Duration.Duration): Effect.Effect<boolean> =>
  Effect.gen(function* () {
    const first = yield* Deferred.make<boolean>()
    const work = yield* Effect.forkDaemon(
      Effect.interruptible(Effect.zipRight(effect, Deferred.succeed(first, true)))
    )
    const timer = yield* Effect.forkDaemon(
      Effect.interruptible(Effect.zipRight(Effect.sleep(budget), Deferred.succeed(first, false)))
    )
    const inTime = yield* Deferred.await(first)
    yield* Fiber.interruptFork(timer)
    yield* Fiber.interruptFork(work)
    return inTime
  })

/**
 * Runs `graceful` (let in-flight work finish, close idle workers); if it overruns its budget, runs
 * `forceful` (terminate the threads) and waits for both within the forceful budget.
 */
export const shutdownWithin = (
  budgets: ShutdownBudgets,
  steps: { readonly graceful: Effect.Effect<void>; readonly forceful: Effect.Effect<void> }
): Effect.Effect<ShutdownResult> =>
  Effect.gen(function* () {
    const graceful = yield* Effect.forkDaemon(steps.graceful)
    if (yield* finishesWithin(Fiber.await(graceful), budgets.graceful)) return "graceful"
    const forced = yield* finishesWithin(
      Effect.zipRight(steps.forceful, Fiber.await(graceful)),
      budgets.forceful
    )
    return forced ? "forced" : "incomplete"
  })
