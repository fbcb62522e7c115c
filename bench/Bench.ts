import type { Effect } from "effect"
import { percentile } from "../src/simulation/percentile.js"

export { percentile }

/** One figure a benchmark reports; printed as one JSON line. */
export interface BenchResult {
  readonly metric: string
  readonly value: number
  readonly unit: string
}

/**
 * A benchmark file (`bench/*.bench.ts`) default-exports one of these.
 * `name` is what `npm run bench -- NAME` matches by prefix, and the `bench` field of every line.
 */
export interface Bench {
  readonly name: string
  readonly run: Effect.Effect<ReadonlyArray<BenchResult>, unknown>
}

export const median = (samples: ReadonlyArray<number>): number => percentile(samples, 50)
