/** The parser's metrics, exported with the others (OpenTelemetry / Prometheus). */
import { Duration, Effect, Metric, MetricBoundaries } from "effect"
import type { ParseOutcome } from "./ParseOutcome.js"

/** Parses by path: worker, inline, inline-fallback, or failed (no decoder answer at all). */
export const parses = Metric.counter("evoladder_replay_parses_total", {
  description: "Replay parses by the path that answered",
  incremental: true
})

/** From the call to the answer, by path. */
export const parseDuration = Metric.histogram(
  "evoladder_replay_parse_duration_ms",
  MetricBoundaries.exponential({ start: 0.25, factor: 2, count: 16 }),
  "Duration of replay parses in milliseconds"
)

/** Budgets overrun, by stage: worker (thread terminated), queue (no free worker), inline. */
export const parseTimeouts = Metric.counter("evoladder_replay_parse_timeouts_total", {
  description: "Replay parse timeouts by stage",
  incremental: true
})

/** Worker threads replaced, by reason: timeout (terminated by us) or crash (died on its own). */
export const workerReplacements = Metric.counter("evoladder_replay_parse_worker_replacements_total", {
  description: "Parser worker threads replaced",
  incremental: true
})

/** Requests sent again after their worker died under them. */
export const parseRetries = Metric.counter("evoladder_replay_parse_retries_total", {
  description: "Replay parse requests retried after their worker died",
  incremental: true
})

/** Parser worker threads alive right now. */
export const workerThreads = Metric.gauge("evoladder_replay_parse_worker_threads", {
  description: "Live parser worker threads"
})

export type TimeoutStage = "worker" | "queue" | "inline"
export type ReplacementReason = "timeout" | "crash"

/** `failed` when no path produced a decoder answer; a decoder error (bad file) is still an answer. */
export const metricPath = (outcome: ParseOutcome): MetricPath =>
  outcome.result._tag === "Left" &&
  (outcome.result.left._tag === "ReplayParseTimedOut" || outcome.result.left._tag === "ReplayParserClosed")
    ? "failed"
    : outcome.path

export type MetricPath = ParseOutcome["path"] | "failed"

/** Tagged once: tagging builds a new metric key, and this runs on every parse. */
const byPath = (path: MetricPath) => ({
  count: parses.pipe(Metric.tagged("path", path)),
  duration: parseDuration.pipe(Metric.tagged("path", path))
})
const perPath = {
  worker: byPath("worker"),
  inline: byPath("inline"),
  "inline-fallback": byPath("inline-fallback"),
  failed: byPath("failed")
}

export const recordParse = (outcome: ParseOutcome) => {
  const metrics = perPath[metricPath(outcome)]
  return Effect.zipRight(
    Metric.update(metrics.count, 1),
    Metric.update(metrics.duration, Duration.toMillis(outcome.duration))
  )
}

export const recordTimeout = (stage: TimeoutStage) =>
  Metric.update(parseTimeouts.pipe(Metric.tagged("stage", stage)), 1)

export const recordReplacement = (reason: ReplacementReason) =>
  Metric.update(workerReplacements.pipe(Metric.tagged("reason", reason)), 1)
