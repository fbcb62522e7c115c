/**
 * Random queues for the property tests: 0–200 players, several MMR shapes (wide, skewed, a narrow
 * band and a handful of values, so that equal scores are everywhere), mixes rich in players of both
 * games, equal join times and the odd duplicate Discord id.
 */
import { FastCheck as fc } from "effect"
import type { PressureBands, QueueEntry, WaveParameters } from "../../../src/domain/matchmaking/index.js"
import type { RaceCode } from "../../../src/domain/Race.js"

const bwRaces: ReadonlyArray<RaceCode> = ["bw_terran", "bw_zerg", "bw_protoss"]
const sc2Races: ReadonlyArray<RaceCode> = ["sc2_terran", "sc2_zerg", "sc2_protoss"]

type Kind = "bw" | "sc2" | "both"

const mixes: Record<string, ReadonlyArray<Kind>> = {
  balanced: ["bw", "sc2", "both"],
  bothHeavy: ["bw", "sc2", "both", "both", "both", "both"],
  allBoth: ["both"],
  bwHeavy: ["bw", "bw", "bw", "sc2", "both"],
  sc2Heavy: ["sc2", "sc2", "sc2", "bw", "both"],
  singlesOnly: ["bw", "sc2"]
}

const mmrShapes: Record<string, fc.Arbitrary<number>> = {
  wide: fc.integer({ min: 0, max: 3000 }),
  skewed: fc.integer({ min: 0, max: 60 }).map((x) => 900 + x * x),
  narrow: fc.integer({ min: 1480, max: 1520 }),
  few: fc.constantFrom(1400, 1500, 1500, 1600),
  identical: fc.constant(1500)
}

const waitShapes: Record<string, fc.Arbitrary<number>> = {
  fresh: fc.constant(1),
  short: fc.integer({ min: 1, max: 4 }),
  long: fc.integer({ min: 1, max: 40 })
}

const entry = (kinds: ReadonlyArray<Kind>, mmr: fc.Arbitrary<number>, wait: fc.Arbitrary<number>) =>
  fc
    .tuple(
      fc.constantFrom(...kinds),
      fc.constantFrom(...bwRaces),
      fc.constantFrom(...sc2Races),
      mmr,
      mmr,
      wait,
      fc.integer({ min: 0, max: 30 }),
      fc.subarray(["A", "B", "C", "D"], { maxLength: 2 }),
      fc.option(fc.nat(), { freq: 40 })
    )
    .map(
      ([kind, bwRace, sc2Race, bwMmr, sc2Mmr, waitCycles, joinedAt, vetoes, duplicateOf]) =>
        (index: number): QueueEntry => ({
          // An occasional entry reuses an earlier id: the wave keeps only the first in queue order.
          discordUid: duplicateOf !== null && index > 0 ? `u${duplicateOf % index}` : `u${index}`,
          bwRace: kind === "sc2" ? null : bwRace,
          sc2Race: kind === "bw" ? null : sc2Race,
          bwMmr: kind === "sc2" ? null : bwMmr,
          sc2Mmr: kind === "bw" ? null : sc2Mmr,
          waitCycles,
          region: "EUW",
          vetoes,
          joinedAt
        })
    )

/** A queue snapshot of 0..maxSize entries. */
export const queues = (maxSize = 200): fc.Arbitrary<ReadonlyArray<QueueEntry>> =>
  fc
    .record({
      size: fc.integer({ min: 0, max: maxSize }),
      mix: fc.constantFrom(...Object.keys(mixes)),
      mmr: fc.constantFrom(...Object.keys(mmrShapes)),
      wait: fc.constantFrom(...Object.keys(waitShapes))
    })
    .chain(({ size, mix, mmr, wait }) =>
      fc.array(
        entry(
          mixes[mix] ?? ["both"],
          mmrShapes[mmr] ?? fc.constant(1500),
          waitShapes[wait] ?? fc.constant(1)
        ),
        {
          minLength: size,
          maxLength: size
        }
      )
    )
    .map((makers) => makers.map((make, index) => make(index)))

const windowShape = fc.record({
  base: fc.integer({ min: 0, max: 300 }),
  growth: fc.integer({ min: 0, max: 120 })
})

const pressureBands: fc.Arbitrary<PressureBands> = fc.record({
  highThreshold: fc.constantFrom(0.2, 0.35, 0.5),
  moderateThreshold: fc.constantFrom(0.05, 0.1, 0.3),
  lowPopulationMax: fc.constantFrom(10, 5),
  lowPopulationScale: fc.constantFrom(1.2, 1.5),
  midPopulationMax: fc.constantFrom(25, 40),
  midPopulationScale: fc.constant(1.0),
  highPopulationScale: fc.constantFrom(0.8, 0.5),
  high: windowShape,
  moderate: windowShape,
  low: windowShape,
  default: windowShape
})

export const parameters: fc.Arbitrary<WaveParameters> = fc
  .record({
    windowBase: fc.oneof(fc.constant(100), fc.integer({ min: 0, max: 300 })),
    windowGrowth: fc.oneof(fc.constant(50), fc.integer({ min: 0, max: 120 })),
    waitPriorityCoefficient: fc.oneof(fc.constant(20), fc.integer({ min: 0, max: 2000 })),
    balanceThreshold: fc.oneof(fc.constant(50), fc.integer({ min: 0, max: 200 })),
    refinementPasses: fc.integer({ min: 0, max: 4 }),
    bands: fc.option(pressureBands, { freq: 3 })
  })
  .map(({ bands, ...rest }): WaveParameters => (bands === null ? rest : { ...rest, pressureBands: bands }))

export const activeCounts: fc.Arbitrary<number> = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 }))

export const referenceParameters: WaveParameters = {
  windowBase: 100,
  windowGrowth: 50,
  waitPriorityCoefficient: 20,
  balanceThreshold: 50,
  refinementPasses: 2
}
