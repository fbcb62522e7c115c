/**
 * `matchmaking.wave`: one wave over a realistic queue of 1k and of 10k players (target < 200 ms at
 * 10k), median of timed runs after warm-up. Queues come from a seeded PRNG, so every run measures the
 * same queues: 45 % BW-only, 35 % SC2-only, 20 % both games; MMR ~ N(1500, 300), a second game's MMR
 * within ~N(0, 150) of the first; waits geometric from 1 (most players matched within a few waves).
 * For scale, the plain O(n²) reference of the tests is timed at 1k too.
 */
import { Effect } from "effect"
import type { RaceCode } from "../src/domain/Race.js"
import { runWave, type QueueEntry, type WaveParameters } from "../src/domain/matchmaking/index.js"
import { referenceWave } from "../test/domain/matchmaking/referenceWave.js"
import { median, type Bench, type BenchResult } from "./Bench.js"

const parameters: WaveParameters = {
  windowBase: 100,
  windowGrowth: 50,
  waitPriorityCoefficient: 20,
  balanceThreshold: 50,
  refinementPasses: 2
}

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
const mulberry32 = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const bwRaces: ReadonlyArray<RaceCode> = ["bw_terran", "bw_zerg", "bw_protoss"]
const sc2Races: ReadonlyArray<RaceCode> = ["sc2_terran", "sc2_zerg", "sc2_protoss"]

const makeQueue = (size: number, seed: number): ReadonlyArray<QueueEntry> => {
  const random = mulberry32(seed)
  const normal = (mean: number, sd: number) =>
    mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const rating = (mean: number, sd: number) => Math.max(0, Math.min(3500, Math.round(normal(mean, sd))))
  const pick = (races: ReadonlyArray<RaceCode>): RaceCode =>
    races[Math.floor(random() * races.length)] ?? "bw_zerg"
  return Array.from({ length: size }, (_, i): QueueEntry => {
    const kind = random()
    const first = rating(1500, 300)
    const second = rating(first, 150)
    const bw = kind < 0.45 || kind >= 0.8
    const sc2 = kind >= 0.45
    return {
      discordUid: String(100_000_000_000_000_000n + BigInt(i)),
      bwRace: bw ? pick(bwRaces) : null,
      sc2Race: sc2 ? pick(sc2Races) : null,
      bwMmr: bw ? first : null,
      sc2Mmr: sc2 ? (bw ? second : first) : null,
      waitCycles: Math.min(200, 1 + Math.floor(-Math.log(1 - random()) / 0.5)),
      region: "EUW",
      vetoes: [],
      joinedAt: i
    }
  })
}

const timeRuns = (runs: number, warmUp: number, run: () => void): number => {
  for (let i = 0; i < warmUp; i++) run()
  const samples: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    run()
    samples.push(performance.now() - t0)
  }
  return Math.round(median(samples) * 1000) / 1000
}

const measure = (size: number, runs: number, label: string): ReadonlyArray<BenchResult> => {
  const queue = makeQueue(size, size)
  const input = { queue, recentActivityCount: 3 * size, parameters }
  const result = runWave(input)
  return [
    { metric: `wave_ms_${label}`, value: timeRuns(runs, 3, () => runWave(input)), unit: "ms" },
    { metric: `pairs_${label}`, value: result.pairings.length, unit: "pairs" },
    { metric: `candidates_${label}`, value: result.explanation.candidateCount, unit: "pairs" }
  ]
}

const bench: Bench = {
  name: "matchmaking.wave",
  run: Effect.sync(() => {
    const small = measure(1_000, 30, "1k")
    const large = measure(10_000, 15, "10k")
    const queue = makeQueue(1_000, 1_000)
    const reference = timeRuns(5, 1, () => referenceWave(queue, 3_000, parameters))
    return [...small, ...large, { metric: "reference_wave_ms_1k", value: reference, unit: "ms" }]
  })
}

export default bench
