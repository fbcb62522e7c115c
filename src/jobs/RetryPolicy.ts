/**
 * When a failed job runs again. The delays come from an Effect `Schedule` — exponential (factor 2)
 * from the base, jittered, capped — but the queue does not sleep on it in memory (a crash would
 * lose the retry): it asks the schedule for the delay after the n-th failure and stores
 * `now + delay` as the job's `next_run_at`.
 */
import { Chunk, Duration, Effect, Option, Schedule } from "effect"

export interface RetrySettings {
  readonly retryBase: Duration.Duration
  readonly retryCap: Duration.Duration
}

/**
 * base·2^(n-1) for the n-th failure, times a random factor in [0.8, 1.2] (so that jobs that
 * failed together do not all come back together), never more than the cap: `union` with
 * `spaced(cap)` keeps the smaller of the two delays.
 */
export const retrySchedule = (settings: RetrySettings): Schedule.Schedule<Duration.Duration> =>
  Schedule.exponential(settings.retryBase, 2).pipe(
    Schedule.jittered,
    Schedule.union(Schedule.spaced(settings.retryCap)),
    Schedule.delays
  )

/** The smallest and largest delay after the n-th failure (jitter bounds), for tests and docs. */
export const retryBounds = (
  settings: RetrySettings,
  failures: number
): { readonly min: number; readonly max: number } => {
  const exact = Duration.toMillis(settings.retryBase) * 2 ** (failures - 1)
  const cap = Duration.toMillis(settings.retryCap)
  return { min: Math.min(exact * 0.8, cap), max: Math.min(exact * 1.2, cap) }
}

/**
 * The delay after the `failures`-th failed attempt (1 for the first). Steps the schedule without
 * sleeping; the jitter draws from the `Random` service.
 */
export const retryDelay = (
  schedule: Schedule.Schedule<Duration.Duration>,
  failures: number
): Effect.Effect<Duration.Duration> =>
  Effect.map(
    Schedule.run(
      schedule,
      0,
      Array.from({ length: Math.max(1, failures) }, () => undefined)
    ),
    (delays) => Option.getOrElse(Chunk.last(delays), () => Duration.zero)
  )
