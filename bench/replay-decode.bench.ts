/**
 * `replay.decode`: the decoder over the whole replay corpus, in-process, decoding what verification
 * needs (header, details, initData, lobby attributes, and the replay hash). One warm-up pass, then
 * timed passes; each replay's decode is one sample.
 */
import { Effect, Either } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { decodeReplay } from "../src/replay/decodeReplay.js"
import { corpusAvailable, corpusDir } from "../test/support/corpus.js"
import { median, percentile, type Bench } from "./Bench.js"

const TIMED_PASSES = 20

const corpus = (): ReadonlyArray<Uint8Array> =>
  readdirSync(corpusDir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.sc2replay$/i.test(file))
    .sort()
    .map((file) => readFileSync(join(corpusDir, file)))

const bench: Bench = {
  name: "replay.decode",
  run: Effect.suspend(() => {
    if (!corpusAvailable) return Effect.fail(new Error(`no replay corpus at ${corpusDir}`))
    const files = corpus()
    let decoded = 0
    for (const bytes of files) if (Either.isRight(decodeReplay(bytes))) decoded++
    const samples: Array<number> = []
    const started = performance.now()
    for (let pass = 0; pass < TIMED_PASSES; pass++) {
      for (const bytes of files) {
        const t0 = performance.now()
        decodeReplay(bytes)
        samples.push(performance.now() - t0)
      }
    }
    const seconds = (performance.now() - started) / 1000
    return Effect.succeed([
      { metric: "median_ms", value: round(median(samples)), unit: "ms" },
      { metric: "p99_ms", value: round(percentile(samples, 99)), unit: "ms" },
      { metric: "replays_per_s", value: Math.round(samples.length / seconds), unit: "replays/s" },
      { metric: "files", value: files.length, unit: "files" },
      { metric: "decoded", value: decoded, unit: "files" }
    ])
  })
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000

export default bench
