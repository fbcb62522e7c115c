/** `_filter_by_priority` as `test_matchmaking_priority_filtering.py` describes it, plus a property. */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { priorityFilter } from "../../../src/domain/matchmaking/index.js"

const p = (name: string, waitCycles: number) => ({ name, waitCycles })
const names = (side: ReadonlyArray<{ readonly name: string }>) => side.map((x) => x.name)

describe("priority filter (test_matchmaking_priority_filtering.py)", () => {
  it("equal sides pass through untouched", () => {
    const lead = [p("Lead1", 0), p("Lead2", 2)]
    const follow = [p("Follow1", 5), p("Follow2", 1)]
    const [l, f] = priorityFilter(lead, follow)
    expect(l).toBe(lead)
    expect(f).toBe(follow)
  })

  it("a larger follow side keeps its veteran", () => {
    const [l, f] = priorityFilter([p("Lead1", 0)], [p("Veteran", 10), p("MidPriority", 5), p("Fresh", 0)])
    expect(names(l)).toEqual(["Lead1"])
    expect(names(f)).toEqual(["Veteran"])
  })

  it("a larger lead side keeps its veteran", () => {
    const [l, f] = priorityFilter(
      [p("LeadVeteran", 8), p("LeadMid", 3), p("LeadFresh", 0)],
      [p("Follow1", 0)]
    )
    expect(names(l)).toEqual(["LeadVeteran"])
    expect(names(f)).toEqual(["Follow1"])
  })

  it("keeps the top players in wait order", () => {
    const follow = [p("Follow1", 10), p("Follow2", 7), p("Follow3", 3), p("Follow4", 1), p("Follow5", 0)]
    expect(names(priorityFilter([p("Lead1", 0), p("Lead2", 2)], follow)[1])).toEqual(["Follow1", "Follow2"])
    const shuffled = [p("a", 1), p("b", 7), p("c", 3), p("d", 10)]
    expect(names(priorityFilter([p("x", 0), p("y", 0)], shuffled)[1])).toEqual(["d", "b"])
  })

  it("ties keep side order (stable)", () => {
    expect(
      names(priorityFilter([p("Lead1", 0)], [p("Follow1", 5), p("Follow2", 5), p("Follow3", 0)])[1])
    ).toEqual(["Follow1"])
    expect(names(priorityFilter([p("Lead1", 0)], [p("F1", 5), p("F2", 5), p("F3", 5)])[1])).toEqual(["F1"])
    expect(
      names(priorityFilter([p("Lead1", 0)], [p("Veteran", 1), p("Fresh1", 0), p("Fresh2", 0)])[1])
    ).toEqual(["Veteran"])
  })

  it("returns the same objects, not copies", () => {
    const veteran = p("Veteran", 10)
    const lead = p("Lead1", 0)
    const [l, f] = priorityFilter([lead], [veteran, p("Fresh", 0)])
    expect(f[0]).toBe(veteran)
    expect(l[0]).toBe(lead)
  })

  it("an empty side empties both", () => {
    expect(priorityFilter([], [p("Follow1", 5)])).toEqual([[], []])
    expect(priorityFilter([p("Lead1", 0)], [])).toEqual([[], []])
    expect(priorityFilter([], [])).toEqual([[], []])
  })

  it("a large excess keeps the single longest waiter", () => {
    const follow = Array.from({ length: 10 }, (_, i) => p(`Follow${i}`, 10 - i))
    expect(names(priorityFilter([p("Lead1", 0)], follow)[1])).toEqual(["Follow0"])
  })

  it("always keeps the highest waits, side order among equals", () => {
    const side = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 })
    fc.assert(
      fc.property(side, side, (leadWaits, followWaits) => {
        const lead = leadWaits.map((w, i) => p(`l${i}`, w))
        const follow = followWaits.map((w, i) => p(`f${i}`, w))
        const [l, f] = priorityFilter(lead, follow)
        const size = Math.min(lead.length, follow.length)
        expect(l.length).toBe(size)
        expect(f.length).toBe(size)
        for (const [kept, all] of [
          [l, lead],
          [f, follow]
        ] as const) {
          const dropped = all.filter((x) => !kept.includes(x))
          for (const k of kept) {
            for (const d of dropped) {
              expect(k.waitCycles).toBeGreaterThanOrEqual(d.waitCycles)
              if (k.waitCycles === d.waitCycles) expect(all.indexOf(k)).toBeLessThan(all.indexOf(d))
            }
          }
        }
      }),
      { numRuns: 300 }
    )
  })
})
