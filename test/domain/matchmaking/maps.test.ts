/** Map eligibility (§5.3 step 9): the season pool minus both players' vetoes. */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { eligibleMaps } from "../../../src/domain/matchmaking/index.js"

const pool = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9"]

describe("eligibleMaps", () => {
  it("removes the union of both players' vetoes, keeping pool order", () => {
    expect(eligibleMaps(pool, ["M2", "M5"], ["M5", "M9"])).toEqual(["M1", "M3", "M4", "M6", "M7", "M8"])
    expect(eligibleMaps(pool, [], [])).toEqual(pool)
  })

  it("ignores vetoes of maps outside the pool", () => {
    expect(eligibleMaps(["M1", "M2"], ["Old map"], ["M2"])).toEqual(["M1"])
  })

  it("leaves at least one of 9 maps when each player vetoes at most 4", () => {
    const vetoes = fc.subarray(pool, { maxLength: 4 })
    fc.assert(
      fc.property(vetoes, vetoes, (a, b) => {
        const left = eligibleMaps(pool, a, b)
        expect(left.length).toBeGreaterThanOrEqual(1)
        expect(left.length).toBe(pool.filter((m) => !a.includes(m) && !b.includes(m)).length)
      })
    )
  })

  it("is empty when everything is vetoed (the caller skips the pair)", () => {
    expect(eligibleMaps(["M1", "M2"], ["M1"], ["M2"])).toEqual([])
  })
})
