/**
 * The indexed wave equals the plain O(n²) reference (referenceWave.ts) on random queues: same sides,
 * same candidate count, same greedy selection in the same order, same refined pairings.
 */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { runWave, type WaveResult } from "../../../src/domain/matchmaking/index.js"
import { activeCounts, parameters, queues, referenceParameters } from "./arbitraries.js"
import { referenceWave } from "./referenceWave.js"

const comparable = (result: WaveResult) => ({
  bwSide: result.explanation.bwSide,
  sc2Side: result.explanation.sc2Side,
  isBwMatch: result.explanation.isBwMatch,
  leadSide: result.explanation.leadSide,
  followSide: result.explanation.followSide,
  candidateCount: result.explanation.candidateCount,
  greedy: result.explanation.greedy,
  pairs: result.pairings.map((pairing) => ({
    lead: pairing.lead.discordUid,
    follow: pairing.follow.discordUid,
    leadRace: pairing.leadRace,
    followRace: pairing.followRace,
    leadMmr: pairing.leadMmr,
    followMmr: pairing.followMmr,
    isBwMatch: pairing.isBwMatch
  }))
})

describe("the wave equals the O(n²) reference", () => {
  it("with the reference's parameters", () => {
    fc.assert(
      fc.property(queues(), activeCounts, (queue, active) => {
        const parameters = referenceParameters
        expect(comparable(runWave({ queue, recentActivityCount: active, parameters }))).toEqual(
          referenceWave(queue, active, parameters)
        )
      }),
      { numRuns: 1000 }
    )
  })

  it("with random parameters and pressure bands", () => {
    fc.assert(
      fc.property(queues(), activeCounts, parameters, (queue, active, parameters) => {
        expect(comparable(runWave({ queue, recentActivityCount: active, parameters }))).toEqual(
          referenceWave(queue, active, parameters)
        )
      }),
      { numRuns: 1000 }
    )
  })

  it("on larger queues with equal MMRs everywhere", () => {
    fc.assert(
      fc.property(queues(600), activeCounts, parameters, (queue, active, parameters) => {
        expect(comparable(runWave({ queue, recentActivityCount: active, parameters }))).toEqual(
          referenceWave(queue, active, parameters)
        )
      }),
      { numRuns: 40 }
    )
  })
})
