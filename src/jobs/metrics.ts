/** The queue's metrics, exported with the others (OpenTelemetry / Prometheus). */
import { Effect, Metric, MetricBoundaries } from "effect"

/** How each attempt ended, by kind: completed, retry, dead, released, lease_lost. */
export const jobAttempts = Metric.counter("evoladder_job_attempts_total", {
  description: "Job attempts by kind and outcome",
  incremental: true
})

/** From claim to settled, per attempt. */
export const jobAttemptDuration = Metric.histogram(
  "evoladder_job_attempt_duration_ms",
  MetricBoundaries.exponential({ start: 1, factor: 2, count: 20 }),
  "Duration of job attempts in milliseconds"
)

/** Times a processor woke up and looked at the table; flat while idle. */
export const processorWakeups = Metric.counter("evoladder_job_processor_wakeups_total", {
  description: "Job processor loop iterations",
  incremental: true
})

export type AttemptOutcome = "completed" | "retry" | "dead" | "released" | "lease_lost"

/** Tagged metrics are built once per kind and outcome: tagging allocates and hashes a new key. */
const tagged = <A>(build: (kind: string, outcome: AttemptOutcome) => A) => {
  const cache = new Map<string, A>()
  return (kind: string, outcome: AttemptOutcome): A => {
    const key = `${kind}\u0000${outcome}`
    const found = cache.get(key)
    if (found !== undefined) return found
    const made = build(kind, outcome)
    cache.set(key, made)
    return made
  }
}

const attemptsBy = tagged((kind, outcome) =>
  jobAttempts.pipe(Metric.tagged("kind", kind), Metric.tagged("outcome", outcome))
)
const durationBy = tagged((kind) => jobAttemptDuration.pipe(Metric.tagged("kind", kind)))

export const recordAttempt = (kind: string, outcome: AttemptOutcome, durationMs: number) =>
  Effect.zipRight(
    Metric.update(attemptsBy(kind, outcome), 1),
    Metric.update(durationBy(kind, "completed"), durationMs)
  )
