import type { Effect } from "effect"

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

/** Sorted-copy percentile (nearest rank), p in [0, 100]. */
export const percentile = (samples: ReadonlyArray<number>, p: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export const median = (samples: ReadonlyArray<number>): number => percentile(samples, 50)
