import { describe, expect, it } from "vitest"
import { expectedScore, rateElo, roundHalfEven, type Outcome } from "../../src/domain/Rating.js"

const reference = { kFactor: 40, divisor: 500 }

const deltas = (player1: number, player2: number, outcome: Outcome) => {
  const after = rateElo({ player1, player2 }, outcome, reference)
  return [after.player1 - player1, after.player2 - player2]
}

describe("Elo as the reference computes it (§7.1)", () => {
  it.each([
    // [player 1, player 2, outcome, Δ player 1, Δ player 2]
    [1500, 1500, "player1", 20, -20],
    [1500, 1500, "draw", 0, 0],
    [1600, 1500, "player1", 15, -15],
    [1600, 1500, "player2", -25, 25],
    [1600, 1500, "draw", -5, 5],
    [1800, 1500, "player1", 8, -8],
    [1800, 1500, "player2", -32, 32],
    [1800, 1500, "draw", -12, 12],
    [2000, 1500, "player1", 4, -4],
    [2000, 1500, "player2", -36, 36],
    [2000, 1500, "draw", -16, 16]
  ] as const)("%i v %i, %s → %i / %i", (p1, p2, outcome, d1, d2) => {
    expect(deltas(p1, p2, outcome)).toEqual([d1, d2])
  })

  it("uses divisor 500: a 100-point gap is about 62/38", () => {
    expect(expectedScore(1600, 1500, 500)).toBeCloseTo(0.613, 3)
  })

  it("rounds each side half-to-even like Python's round", () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3])
  })
})
