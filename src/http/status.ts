/**
 * Facts about the running process that `/healthz`, `/metrics` and `/admin snapshot` share: the
 * replay parser's worker threads (as its own gauge reports them) and the process's memory.
 */
import { Effect, Metric } from "effect"
import { AppConfig } from "../config.js"
import { workerReplacements, workerThreads } from "../replay/parser/metrics.js"

export interface ParserStatus {
  /** `inline` when EVOLADDER_PARSE_WORKERS is 0. */
  readonly mode: "pool" | "inline"
  readonly configured: number
  readonly live: number
  readonly replacements: number
}

export const parserStatus: Effect.Effect<ParserStatus, never, AppConfig> = Effect.gen(function* () {
  const { replays } = yield* AppConfig
  const live = (yield* Metric.value(workerThreads)).value
  const replaced = yield* Effect.forEach(["timeout", "crash"], (reason) =>
    Metric.value(workerReplacements.pipe(Metric.tagged("reason", reason)))
  )
  return {
    mode: replays.parseWorkers === 0 ? "inline" : "pool",
    configured: replays.parseWorkers,
    live,
    replacements: replaced.reduce((sum, state) => sum + state.count, 0)
  }
})

export interface ProcessStatus {
  readonly rssBytes: number
  readonly heapUsedBytes: number
  readonly heapTotalBytes: number
  readonly uptimeSeconds: number
}

export const processStatus: Effect.Effect<ProcessStatus> = Effect.sync(() => {
  const memory = process.memoryUsage()
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    uptimeSeconds: Math.round(process.uptime())
  }
})
