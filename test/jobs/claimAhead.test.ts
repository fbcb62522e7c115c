import { describe, expect, it } from "vitest"
import { aheadFor, nextPace } from "../../src/jobs/claimAhead.js"

describe("claiming ahead", () => {
  it("claims nothing ahead before a handler has been timed", () => {
    expect(aheadFor(undefined, 8, 64)).toBe(0)
  })

  it("claims about 5 ms of handler time per slot ahead, at most the setting", () => {
    expect(aheadFor(20_000, 1, 64)).toBe(64)
    expect(aheadFor(1_000_000, 1, 64)).toBe(5)
    expect(aheadFor(1_000_000, 2, 64)).toBe(10)
    expect(aheadFor(100_000_000, 8, 64)).toBe(0)
    expect(aheadFor(0, 1, 64)).toBe(64)
    expect(aheadFor(0, 1, 0)).toBe(0)
  })

  it("follows the handler times as a running average, the first setting it", () => {
    expect(nextPace(undefined, 800n)).toBe(800)
    expect(nextPace(800, 1600n)).toBe(900)
    let pace = nextPace(undefined, 20_000n)
    for (let n = 0; n < 40; n++) pace = nextPace(pace, 200_000_000n)
    expect(aheadFor(pace, 2, 64)).toBe(0)
  })
})
