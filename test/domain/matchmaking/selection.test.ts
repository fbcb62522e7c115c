/**
 * The indexed greedy selection against the plain definition on contestants whose windows are not a
 * function of their waits (so groups of equal waits but different windows are exercised), and the
 * refinement's monotonicity on arbitrary pair lists.
 */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import {
  FollowIndex,
  pairScore,
  refine,
  selectGreedy,
  withinEitherWindow,
  type Contestant
} from "../../../src/domain/matchmaking/index.js"

const contestant = (prefix: string) =>
  fc
    .tuple(
      fc.integer({ min: 1450, max: 1550 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: -5, max: 60 })
    )
    .map(([mmr, wait, window]) => ({ mmr, wait, window }))
    .map((c) => (i: number): Contestant => ({ id: `${prefix}${i}`, ...c }))

const side = (prefix: string) =>
  fc.array(contestant(prefix), { maxLength: 60 }).map((makers) => makers.map((make, i) => make(i)))

const plainGreedy = (
  lead: ReadonlyArray<Contestant>,
  follow: ReadonlyArray<Contestant>,
  coefficient: number
) => {
  const candidates: Array<{ score: number; l: number; f: number }> = []
  lead.forEach((a, l) => {
    follow.forEach((b, f) => {
      const score = pairScore(Math.abs(a.mmr - b.mmr), a.wait, b.wait, coefficient)
      if (withinEitherWindow(a, b)) candidates.push({ score, l, f })
    })
  })
  // Stable by score over generation order, as Python's sort.
  candidates.sort((x, y) => x.score - y.score || x.l - y.l || x.f - y.f)
  const usedL = new Set<number>()
  const usedF = new Set<number>()
  const chosen: Array<readonly [number, number]> = []
  for (const c of candidates) {
    if (!usedL.has(c.l) && !usedF.has(c.f)) {
      usedL.add(c.l)
      usedF.add(c.f)
      chosen.push([c.l, c.f])
    }
  }
  return { chosen, count: candidates.length }
}

describe("indexed greedy selection", () => {
  it("selects the same pairs in the same order as scanning every candidate", () => {
    fc.assert(
      fc.property(side("l"), side("f"), fc.integer({ min: 0, max: 200 }), (lead, follow, coefficient) => {
        const index = new FollowIndex(follow)
        const count = lead.reduce((n, player) => n + index.countCandidates(player), 0)
        const expected = plainGreedy(lead, follow, coefficient)
        expect(count).toBe(expected.count)
        expect(selectGreedy(lead, index, coefficient)).toEqual(expected.chosen)
      }),
      { numRuns: 500 }
    )
  })
})

describe("refinement", () => {
  it("never raises the squared error, keeps every lead in place and every follow once", () => {
    const pairs = fc
      .array(fc.tuple(contestant("l"), contestant("f")), { maxLength: 30 })
      .map((list) => list.map(([l, f], i) => [l(i), f(i)] as const))
    fc.assert(
      fc.property(pairs, fc.integer({ min: 0, max: 4 }), (list, passes) => {
        const error = (ps: ReadonlyArray<readonly [Contestant, Contestant]>) =>
          ps.reduce((sum, [l, f]) => sum + (l.mmr - f.mmr) ** 2, 0)
        const refined = refine(list, passes)
        expect(error(refined.pairs)).toBeLessThanOrEqual(error(list))
        expect(refined.pairs.map(([l]) => l)).toEqual(list.map(([l]) => l))
        expect(new Set(refined.pairs.map(([, f]) => f)).size).toBe(list.length)
        if (passes === 0) expect(refined.swaps).toBe(0)
        // A swap only ever produces pairs the either-window rule accepts.
        refined.pairs.forEach(([l, f], i) => {
          const original = list[i]
          if (original !== undefined && original[1] !== f) expect(withinEitherWindow(l, f)).toBe(true)
        })
      }),
      { numRuns: 300 }
    )
  })
})
