/**
 * `ReplayParser`: replay bytes in, a `ParseOutcome` out, without blocking the bot. Layers:
 * - `ReplayParser.Pool`: worker threads (size `replays.parseWorkers`), inline fallback;
 * - `ReplayParser.Inline`: the main thread only, for hosts too small for workers;
 * - `ReplayParser.Default`: what deployments use: `Inline` when `EVOLADDER_PARSE_WORKERS=0`, else
 *   `Pool`, degrading to `Inline` (with an error logged) when no worker can start.
 * `pool(options)` and `inline(options)` build either without `AppConfig` (tests, benchmarks);
 * `Test` is the main thread with default budgets, for tests of the parser's callers.
 */
import { Context, Duration, Effect, Layer } from "effect"
import type { Worker } from "node:worker_threads"
import { AppConfig, type AppConfigShape } from "../../config.js"
import { defaultLimits } from "../limits.js"
import { decodeWithLimits, makeBoundedDecode, type Decode } from "./boundedDecode.js"
import type { ParserStartupFailed } from "./errors.js"
import { inlineParse, poolParse, type Parse, type ParserSettings } from "./orchestration.js"
import { referenceBudgets, type ShutdownBudgets } from "./shutdown.js"
import { spawnParserWorker } from "./spawn.js"
import { defaultTimeouts } from "./timeouts.js"
import { makeWorkerBackend } from "./workerBackend.js"

export interface ReplayParserShape {
  /** Which layer serves: worker threads, or the main thread only. */
  readonly mode: "pool" | "inline"
  /** Never fails: the outcome says which path answered and what it found. */
  readonly parse: Parse
}

export interface InlineOptions extends ParserSettings {
  /** The decoder; tests substitute one that hangs. */
  readonly decode?: Decode
}

export interface PoolOptions extends InlineOptions {
  readonly size: number
  readonly budgets: ShutdownBudgets
  readonly startupTimeout: Duration.Duration
  /** Starts one worker thread; tests substitute an entry that can hang or crash on demand. */
  readonly spawnThread: () => Worker
}

/**
 * A worker starts in about 1 s from `dist/` and 1.5–5 s under tsx on a loaded 2-core machine
 * (imports plus the bzip2 WebAssembly); a pool not ready after this long is broken, not slow.
 */
export const defaultStartupTimeout: Duration.Duration = Duration.seconds(20)

export const settingsFromConfig = (config: AppConfigShape): ParserSettings => ({
  timeouts: { ...defaultTimeouts, base: config.replays.parseTimeout, queue: config.replays.parseTimeout },
  limits: { ...defaultLimits, maxInputBytes: config.replays.maxBytes }
})

export const poolOptionsFromConfig = (config: AppConfigShape): PoolOptions => ({
  ...settingsFromConfig(config),
  size: Math.max(1, config.replays.parseWorkers),
  budgets: referenceBudgets,
  startupTimeout: defaultStartupTimeout,
  spawnThread: spawnParserWorker
})

export const makeInlineParser = (options: InlineOptions): ReplayParserShape => ({
  mode: "inline",
  parse: inlineParse(makeBoundedDecode(options.decode ?? decodeWithLimits), options)
})

export const makePoolParser = (options: PoolOptions) =>
  Effect.map(makeWorkerBackend(options), (backend): ReplayParserShape => ({
    mode: "pool",
    parse: poolParse(backend, makeBoundedDecode(options.decode ?? decodeWithLimits), options)
  }))

export class ReplayParser extends Context.Tag("ReplayParser")<ReplayParser, ReplayParserShape>() {
  static readonly inline = (options: InlineOptions) =>
    Layer.sync(ReplayParser, () => makeInlineParser(options))

  static readonly pool = (options: PoolOptions) => Layer.scoped(ReplayParser, makePoolParser(options))

  static readonly Inline = Layer.effect(
    ReplayParser,
    Effect.map(AppConfig, (config) => makeInlineParser(settingsFromConfig(config)))
  )

  static readonly Pool = Layer.scoped(
    ReplayParser,
    Effect.flatMap(AppConfig, (config) => makePoolParser(poolOptionsFromConfig(config)))
  )

  /** A pool that cannot start must not take replay parsing down with it: log, and parse inline. */
  static readonly orInline = <R1, R2>(
    pool: Layer.Layer<ReplayParser, ParserStartupFailed, R1>,
    inline: Layer.Layer<ReplayParser, never, R2>
  ): Layer.Layer<ReplayParser, never, R1 | R2> =>
    pool.pipe(
      Layer.catchAll((error) =>
        Layer.unwrapEffect(
          Effect.as(Effect.logError(`Replay parsing falls back to the main thread: ${error.message}`), inline)
        )
      )
    )

  static readonly Test = ReplayParser.inline({ timeouts: defaultTimeouts, limits: defaultLimits })

  static readonly Default = Layer.unwrapEffect(
    Effect.map(AppConfig, (config) =>
      config.replays.parseWorkers === 0
        ? ReplayParser.Inline
        : ReplayParser.orInline(ReplayParser.Pool, ReplayParser.Inline)
    )
  )
}
