/**
 * `replay.pool`: what the worker pool costs and what it buys, on this machine.
 * - start-up: building the pool (size from the default config, cores − 1) until it has answered a
 *   first request; from `dist/` (production: `npm run build` first) and through tsx (tests, this
 *   runner). The other figures use the `dist/` worker when it is built, the tsx one otherwise;
 * - `roundtrip_us`: median of `parse` of a 0-byte file (the decoder rejects it at once) through the
 *   pool, sequentially, after warm-up; `inline_tiny_us` is the same through the main thread;
 * - throughput over the whole corpus, several passes, 2 × workers parses in flight: the pool at the
 *   default size and at 2 workers, against the main thread alone.
 */
import { Effect, Exit, Scope } from "effect"
import { existsSync } from "node:fs"
import { availableParallelism } from "node:os"
import { fileURLToPath } from "node:url"
import { defaultLimits } from "../src/replay/limits.js"
import {
  defaultStartupTimeout,
  makeInlineParser,
  makePoolParser,
  type PoolOptions,
  type ReplayParserShape
} from "../src/replay/parser/ReplayParser.js"
import { referenceBudgets } from "../src/replay/parser/shutdown.js"
import { parserWorkerEntry, spawnEntry } from "../src/replay/parser/spawn.js"
import { defaultTimeouts } from "../src/replay/parser/timeouts.js"
import { corpus } from "../test/replay/parser/harness.js"
import { corpusAvailable, corpusDir } from "../test/support/corpus.js"
import { median, percentile, type Bench, type BenchResult } from "./Bench.js"

const ROUNDTRIPS = 2000
const PASSES = 5
const defaultSize = Math.max(1, availableParallelism() - 1)
const distEntry = new URL("../dist/replay/parserWorker.js", import.meta.url)

const poolOptions = (size: number, entry: URL): PoolOptions => ({
  size,
  timeouts: defaultTimeouts,
  limits: defaultLimits,
  budgets: referenceBudgets,
  startupTimeout: defaultStartupTimeout,
  spawnThread: () => spawnEntry(entry)
})

const now = Effect.sync(() => performance.now())

/** Runs `use` with a pool of `size` workers on `entry`; returns its start-up (to a first answer) too. */
const withPool = <A>(size: number, entry: URL, use: (parser: ReplayParserShape) => Effect.Effect<A>) =>
  Effect.gen(function* () {
    const scope = yield* Scope.make()
    const started = yield* now
    const parser = yield* Scope.extend(makePoolParser(poolOptions(size, entry)), scope)
    yield* parser.parse(new Uint8Array(0))
    const startupMs = (yield* now) - started
    const result = yield* use(parser)
    const closing = yield* now
    yield* Scope.close(scope, Exit.void)
    return { startupMs, shutdownMs: (yield* now) - closing, result }
  })

const roundtrips = (parser: ReplayParserShape) =>
  Effect.gen(function* () {
    const empty = new Uint8Array(0)
    for (let i = 0; i < 200; i++) yield* parser.parse(empty)
    const samples: Array<number> = []
    for (let i = 0; i < ROUNDTRIPS; i++) {
      const t0 = yield* now
      yield* parser.parse(empty)
      samples.push(((yield* now) - t0) * 1000)
    }
    return samples
  })

const throughput = (parser: ReplayParserShape, files: ReadonlyArray<Uint8Array>, inFlight: number) =>
  Effect.gen(function* () {
    yield* Effect.forEach(files, (bytes) => parser.parse(bytes), { concurrency: inFlight, discard: true })
    const t0 = yield* now
    for (let pass = 0; pass < PASSES; pass++) {
      yield* Effect.forEach(files, (bytes) => parser.parse(bytes), { concurrency: inFlight, discard: true })
    }
    return Math.round((files.length * PASSES) / (((yield* now) - t0) / 1000))
  })

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits

const bench: Bench = {
  name: "replay.pool",
  run: Effect.gen(function* () {
    if (!corpusAvailable) return yield* Effect.fail(new Error(`no replay corpus at ${corpusDir}`))
    const files = corpus().map(({ bytes }) => bytes)
    const hasDist = existsSync(fileURLToPath(distEntry))
    const entry = hasDist ? distEntry : parserWorkerEntry
    const results: Array<BenchResult> = [{ metric: "pool_workers", value: defaultSize, unit: "workers" }]

    if (hasDist) {
      const dist = yield* withPool(defaultSize, distEntry, () => Effect.void)
      results.push({ metric: "pool_startup_dist_ms", value: Math.round(dist.startupMs), unit: "ms" })
      results.push({ metric: "pool_shutdown_idle_ms", value: Math.round(dist.shutdownMs), unit: "ms" })
    }
    const tsx = yield* withPool(defaultSize, parserWorkerEntry, () => Effect.void)
    results.push({ metric: "pool_startup_tsx_ms", value: Math.round(tsx.startupMs), unit: "ms" })

    const pooled = yield* withPool(defaultSize, entry, (parser) =>
      Effect.all([roundtrips(parser), throughput(parser, files, 2 * defaultSize)])
    )
    const [samples, poolRate] = pooled.result
    const inline = makeInlineParser({ timeouts: defaultTimeouts, limits: defaultLimits })
    const inlineTiny = yield* roundtrips(inline)
    results.push(
      { metric: "roundtrip_us", value: round(median(samples)), unit: "µs" },
      { metric: "roundtrip_p99_us", value: round(percentile(samples, 99)), unit: "µs" },
      { metric: "inline_tiny_us", value: round(median(inlineTiny)), unit: "µs" },
      { metric: "pool_replays_per_s", value: poolRate, unit: "replays/s" }
    )
    if (defaultSize !== 2) {
      const two = yield* withPool(2, entry, (parser) => throughput(parser, files, 4))
      results.push({ metric: "pool2_replays_per_s", value: two.result, unit: "replays/s" })
    }
    results.push({
      metric: "inline_replays_per_s",
      value: yield* throughput(inline, files, 1),
      unit: "replays/s"
    })
    results.push({ metric: "files", value: files.length, unit: "files" })
    return results
  })
}

export default bench
