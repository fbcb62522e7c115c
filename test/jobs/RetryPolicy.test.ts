import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { retryBounds, retryDelay, retrySchedule } from "../../src/jobs/RetryPolicy.js"

const settings = { retryBase: Duration.seconds(2), retryCap: Duration.hours(1) }
const schedule = retrySchedule(settings)

describe("RetryPolicy", () => {
  it.effect("doubles from 2 s with ±20% jitter and never exceeds the 1 h cap", () =>
    Effect.gen(function* () {
      for (let failures = 1; failures <= 20; failures++) {
        const { min, max } = retryBounds(settings, failures)
        for (let sample = 0; sample < 20; sample++) {
          const delay = Duration.toMillis(yield* retryDelay(schedule, failures))
          expect(delay).toBeGreaterThanOrEqual(min)
          expect(delay).toBeLessThanOrEqual(max)
          expect(delay).toBeLessThanOrEqual(3_600_000)
        }
      }
      expect(retryBounds(settings, 1)).toEqual({ min: 1600, max: 2400 })
      expect(retryBounds(settings, 3)).toEqual({ min: 6400, max: 9600 })
      expect(retryBounds(settings, 15)).toEqual({ min: 3_600_000, max: 3_600_000 })
    })
  )

  it.effect("jitters: jobs that failed together come back at different times", () =>
    Effect.gen(function* () {
      const delays = yield* Effect.forEach(Array.from({ length: 30 }), () =>
        Effect.map(retryDelay(schedule, 4), Duration.toMillis)
      )
      expect(new Set(delays).size).toBeGreaterThan(20)
    })
  )
})
