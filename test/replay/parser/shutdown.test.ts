/** The two shutdown budgets on `TestClock`: graceful first, forceful only when graceful overruns. */
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Duration, Effect, Fiber, Option, TestClock } from "effect"
import { referenceBudgets, shutdownWithin } from "../../../src/replay/parser/shutdown.js"

describe("shutdownWithin", () => {
  it("has the reference's budgets: 1.0 s graceful, then 0.5 s forceful", () => {
    expect(Duration.toMillis(referenceBudgets.graceful)).toBe(1000)
    expect(Duration.toMillis(referenceBudgets.forceful)).toBe(500)
  })

  it.effect("ends gracefully when in-flight work finishes within the graceful budget", () =>
    Effect.gen(function* () {
      let forced = false
      const fiber = yield* Effect.fork(
        shutdownWithin(referenceBudgets, {
          graceful: Effect.sleep("300 millis"),
          forceful: Effect.sync(() => void (forced = true))
        })
      )
      yield* TestClock.adjust("300 millis")
      expect(yield* Fiber.join(fiber)).toBe("graceful")
      expect(forced).toBe(false)
    })
  )

  it.effect("terminates at exactly the graceful budget, and counts as forced once everything stopped", () =>
    Effect.gen(function* () {
      // As with threads: the graceful close can only finish once the stuck work is terminated.
      const terminated = yield* Deferred.make<void>()
      let forcedAt = Option.none<number>()
      const fiber = yield* Effect.fork(
        shutdownWithin(referenceBudgets, {
          graceful: Deferred.await(terminated),
          forceful: Effect.gen(function* () {
            forcedAt = Option.some(yield* TestClock.currentTimeMillis)
            yield* Deferred.succeed(terminated, undefined)
          })
        })
      )
      yield* TestClock.adjust("999 millis")
      expect(Option.isNone(forcedAt)).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe("forced")
      expect(forcedAt).toEqual(Option.some(1000))
    })
  )

  it.effect("keeps its budgets where it runs: in a finalizer, which is uninterruptible", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        Effect.uninterruptible(
          shutdownWithin(referenceBudgets, { graceful: Effect.never, forceful: Effect.void })
        )
      )
      yield* TestClock.adjust("1500 millis")
      expect(yield* Fiber.join(fiber)).toBe("incomplete")
    })
  )

  it.effect("gives up after the forceful budget too, so the bot's scope still closes", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        shutdownWithin(referenceBudgets, { graceful: Effect.never, forceful: Effect.never })
      )
      yield* TestClock.adjust("1499 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe("incomplete")
    })
  )
})
