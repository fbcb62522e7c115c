/**
 * The invariants of the reference's suites (`test_matchmaking_invariants.py`,
 * `test_matchmaking_priority_filtering.py`) as properties of whole waves on random queues.
 */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import {
  orderQueue,
  ratingIn,
  runWave,
  windowOf,
  type QueueEntry,
  type WaveParameters,
  type WaveResult
} from "../../../src/domain/matchmaking/index.js"
import { gameOf } from "../../../src/domain/Race.js"
import { activeCounts, parameters, queues, referenceParameters } from "./arbitraries.js"

const waves = fc
  .tuple(queues(), activeCounts, fc.oneof(fc.constant(referenceParameters), parameters))
  .map(([queue, active, parameters]) => ({
    queue,
    parameters,
    result: runWave({ queue, recentActivityCount: active, parameters })
  }))

const byId = (queue: ReadonlyArray<QueueEntry>): Map<string, QueueEntry> =>
  new Map(orderQueue(queue).entries.map((entry) => [entry.discordUid, entry]))

const squaredSum = (pairs: ReadonlyArray<readonly [number, number]>): number =>
  pairs.reduce((sum, [a, b]) => sum + (a - b) * (a - b), 0)

/** What `|bw − sc2|` equalization reaches: the leftover imbalance, or the parity of the leftovers. */
const balanceBound = (result: WaveResult): number => {
  const { bwOnly, sc2Only, both } = result.explanation
  const delta = Math.abs(bwOnly.length - sc2Only.length)
  return delta >= both.length ? delta - both.length : (both.length - delta) % 2
}

describe("every wave", () => {
  it("puts each categorized player on exactly one side, single-game players on their game's", () => {
    fc.assert(
      fc.property(waves, ({ result }) => {
        const { bwOnly, sc2Only, both, bwSide, sc2Side } = result.explanation
        if (result.explanation.queueSize < 2) return
        expect(bwSide.filter((id) => sc2Side.includes(id))).toEqual([])
        expect([...bwSide, ...sc2Side].sort()).toEqual([...bwOnly, ...sc2Only, ...both].sort())
        for (const id of bwOnly) expect(bwSide).toContain(id)
        for (const id of sc2Only) expect(sc2Side).toContain(id)
        expect(Math.abs(bwSide.length - sc2Side.length)).toBeLessThanOrEqual(balanceBound(result))
      }),
      { numRuns: 200 }
    )
  })

  it("pairs each player at most once, never with themself, always BW against SC2, within either window", () => {
    fc.assert(
      fc.property(waves, ({ queue, result }) => {
        const entries = byId(queue)
        const seen = new Set<string>()
        const shape = result.explanation.window
        for (const pairing of result.pairings) {
          const lead = pairing.lead.discordUid
          const follow = pairing.follow.discordUid
          expect(lead).not.toBe(follow)
          expect(seen.has(lead) || seen.has(follow)).toBe(false)
          seen.add(lead).add(follow)
          expect(entries.get(lead)).toBe(pairing.lead)
          expect(result.explanation.leadSide).toContain(lead)
          expect(result.explanation.followSide).toContain(follow)
          expect(gameOf(pairing.leadRace)).toBe(pairing.isBwMatch ? "bw" : "sc2")
          expect(gameOf(pairing.followRace)).toBe(pairing.isBwMatch ? "sc2" : "bw")
          expect(pairing.leadMmr).toBe(ratingIn(pairing.lead, pairing.isBwMatch))
          expect(pairing.followMmr).toBe(ratingIn(pairing.follow, !pairing.isBwMatch))
          const diff = Math.abs(pairing.leadMmr - pairing.followMmr)
          expect(
            diff <= windowOf(shape, pairing.lead.waitCycles) ||
              diff <= windowOf(shape, pairing.follow.waitCycles)
          ).toBe(true)
        }
        expect(result.pairings.length).toBeLessThanOrEqual(result.explanation.leadSide.length)
        expect(result.pairings.length).toBeLessThanOrEqual(result.explanation.candidateCount)
      }),
      { numRuns: 200 }
    )
  })

  it("refinement keeps the players and never increases the sum of squared differences", () => {
    fc.assert(
      fc.property(waves, ({ queue, result }) => {
        const entries = byId(queue)
        const isBw = result.explanation.isBwMatch ?? true
        const mmrs = (lead: string, follow: string): readonly [number, number] => {
          const l = entries.get(lead)
          const f = entries.get(follow)
          if (l === undefined || f === undefined) throw new Error("unknown id")
          return [ratingIn(l, isBw), ratingIn(f, !isBw)]
        }
        const before = result.explanation.greedy.map(([l, f]) => mmrs(l, f))
        const after = result.pairings.map((p): readonly [number, number] => [p.leadMmr, p.followMmr])
        expect(squaredSum(after)).toBeLessThanOrEqual(squaredSum(before))
        if (result.explanation.swaps > 0) expect(squaredSum(after)).toBeLessThan(squaredSum(before))
        expect(result.pairings.map((p) => p.lead.discordUid)).toEqual(
          result.explanation.greedy.map(([l]) => l)
        )
        expect(result.pairings.map((p) => p.follow.discordUid).sort()).toEqual(
          result.explanation.greedy.map(([, f]) => f).sort()
        )
      }),
      { numRuns: 200 }
    )
  })

  it("keeps the longest-waiting players of the larger side, side order breaking ties", () => {
    fc.assert(
      fc.property(waves, ({ queue, result }) => {
        const { isBwMatch, bwSide, sc2Side, leadSide, followSide } = result.explanation
        if (isBwMatch === null) return
        const entries = byId(queue)
        const wait = (id: string) => entries.get(id)?.waitCycles ?? -1
        const [lead, follow] = isBwMatch ? [bwSide, sc2Side] : [sc2Side, bwSide]
        expect(lead.length).toBeLessThanOrEqual(follow.length)
        expect(leadSide).toEqual(lead)
        expect(followSide.length).toBe(lead.length)
        const dropped = follow.filter((id) => !followSide.includes(id))
        for (const kept of followSide) {
          for (const gone of dropped) {
            expect(wait(kept)).toBeGreaterThanOrEqual(wait(gone))
            if (wait(kept) === wait(gone)) expect(follow.indexOf(kept)).toBeLessThan(follow.indexOf(gone))
          }
        }
        // A filtered side comes in wait order (stable), the order candidates are generated in.
        const waits = followSide.map(wait)
        if (follow.length > lead.length) expect(waits).toEqual([...waits].sort((a, b) => b - a))
        else expect(followSide).toEqual(follow)
      }),
      { numRuns: 200 }
    )
  })
})

describe("tiny queues", () => {
  const one: QueueEntry = {
    discordUid: "1",
    bwRace: "bw_zerg",
    sc2Race: "sc2_zerg",
    bwMmr: 1500,
    sc2Mmr: 1500,
    waitCycles: 1,
    region: "EUW",
    vetoes: [],
    joinedAt: 0
  }
  const wave = (queue: ReadonlyArray<QueueEntry>, parameters: WaveParameters = referenceParameters) =>
    runWave({ queue, recentActivityCount: 5, parameters })

  it("an empty queue produces nothing", () => {
    expect(wave([]).pairings).toEqual([])
    expect(wave([]).explanation.queueSize).toBe(0)
  })

  it("one player, even of both games, is never matched with themself", () => {
    expect(wave([one]).pairings).toEqual([])
    expect(wave([one, { ...one, joinedAt: 1 }]).pairings).toEqual([])
    expect(wave([one, { ...one, joinedAt: 1 }]).explanation.duplicates).toEqual(["1"])
  })

  it("two players of the same single game produce nothing", () => {
    const bw = { ...one, sc2Race: null, sc2Mmr: null }
    expect(wave([bw, { ...bw, discordUid: "2" }]).pairings).toEqual([])
  })
})
