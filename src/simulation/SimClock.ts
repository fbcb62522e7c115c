/**
 * Time as the simulation drives it. In virtual time the bot, the fake Discord and the simulation share
 * one `TestClock` and time moves only when the simulation lets it pass (a season of hours in
 * seconds); in real time the bot runs on its own clock (a child process that can be killed) and
 * passing time means waiting. Either way, waits for the bot's answers use real time.
 */
import { Clock, Duration, Effect, TestClock, TestServices } from "effect"

export type Speed = "virtual" | "real"

export interface SimClock {
  readonly speed: Speed
  /** Lets `duration` of the bot's time pass. */
  readonly pass: (duration: Duration.DurationInput) => Effect.Effect<void>
  /** A short real pause (polling), whatever clock the bot follows. */
  readonly pause: (duration: Duration.DurationInput) => Effect.Effect<void>
  /** Real milliseconds on a monotonic clock, for figures. */
  readonly wallMs: Effect.Effect<number>
}

const pause = (duration: Duration.DurationInput) => TestServices.provideLive(Effect.sleep(duration))

const wallMs = TestServices.provideLive(
  Effect.map(Clock.currentTimeNanos, (nanos) => Number(nanos / 1000n) / 1000)
)

/** The `TestClock` of the current context: call inside `TestContext`. */
export const virtualClock: SimClock = {
  speed: "virtual",
  pass: (duration) => TestClock.adjust(duration),
  pause,
  wallMs
}

export const realClock: SimClock = {
  speed: "real",
  pass: (duration) => Effect.sleep(duration),
  pause,
  wallMs
}
