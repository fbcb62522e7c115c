/** Queue pressure bands and windows (§5.3 step 5). */
import { describe, expect, it } from "vitest"
import {
  flatPressureBands,
  pressureBand,
  runWave,
  type PressureBands
} from "../../../src/domain/matchmaking/index.js"
import { referenceParameters } from "./arbitraries.js"
import { bwPlayer, sc2Player } from "./fixtures.js"

const bands: PressureBands = {
  ...flatPressureBands({ base: 100, growth: 50 }),
  high: { base: 75, growth: 25 },
  moderate: { base: 100, growth: 35 },
  low: { base: 125, growth: 45 },
  default: { base: 10, growth: 0 }
}

describe("pressure band", () => {
  it.each([
    // queue, active, band: p = min(1, scale·queue/active), scale 1.2 (≤10 active), 1.0 (≤25), 0.8
    [5, 0, "default"],
    [2, 10, "high"], // 1.2·2/10 = 0.24
    [1, 10, "moderate"], // 0.12
    [1, 20, "low"], // 0.05
    [2, 20, "moderate"], // exactly 0.10
    [4, 20, "high"], // exactly 0.20
    [15, 30, "high"], // 0.8·15/30 = 0.40 (the reference's worked example)
    [10, 100, "low"], // 0.08
    [13, 100, "moderate"], // 0.104
    [500, 10, "high"] // capped at 1
  ])("queue %i, active %i ⇒ %s", (queue, active, expected) => {
    expect(pressureBand(bands, queue, active)).toBe(expected)
  })

  it("by default every band is (windowBase, windowGrowth), as the reference at HEAD", () => {
    const flat = flatPressureBands({ base: 100, growth: 50 })
    for (const band of ["high", "moderate", "low", "default"] as const) {
      expect(flat[band]).toEqual({ base: 100, growth: 50 })
    }
  })

  it("the wave uses the band's window", () => {
    // 140 apart after one wave: inside the high band's 75 + 25 = 100? No. Inside the low band's 170: yes.
    const queue = [bwPlayer("a", 1500), sc2Player("b", 1640)]
    const parameters = { ...referenceParameters, pressureBands: bands }
    const high = runWave({ queue, recentActivityCount: 2, parameters })
    expect(high.explanation.band).toBe("high")
    expect(high.pairings).toEqual([])
    const low = runWave({ queue, recentActivityCount: 400, parameters })
    expect(low.explanation.band).toBe("low")
    expect(low.explanation.window).toEqual({ base: 125, growth: 45 })
    expect(low.pairings.map((p) => p.lead.discordUid)).toEqual(["a"])
    const idle = runWave({ queue, recentActivityCount: 0, parameters })
    expect(idle.explanation.band).toBe("default")
    expect(idle.pairings).toEqual([])
  })
})
