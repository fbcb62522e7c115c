/**
 * Per-race Elo exactly as the reference bot computes it: expected score with divisor 500, K = 40,
 * each player's new rating rounded half-to-even on its own (as Python's `round`), draws worth 0.5.
 */

/** What happened to player 1. */
export type Outcome = "player1" | "player2" | "draw"

export interface EloParameters {
  readonly kFactor: number
  readonly divisor: number
}

export interface RatingPair {
  readonly player1: number
  readonly player2: number
}

/** Rounds to the nearest integer, ties to the even one (Python's `round`, IEEE's default). */
export const roundHalfEven = (x: number): number => {
  const floor = Math.floor(x)
  const fraction = x - floor
  if (fraction > 0.5) return floor + 1
  if (fraction < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

/** Player 1's expected score against player 2. */
export const expectedScore = (rating1: number, rating2: number, divisor: number): number =>
  1 / (1 + Math.pow(10, (rating2 - rating1) / divisor))

const score = (outcome: Outcome): number => (outcome === "player1" ? 1 : outcome === "player2" ? 0 : 0.5)

/** Both players' ratings after one game. Rounded separately, so the sum may drift by one point. */
export const rateElo = (before: RatingPair, outcome: Outcome, parameters: EloParameters): RatingPair => {
  const expected1 = expectedScore(before.player1, before.player2, parameters.divisor)
  const actual1 = score(outcome)
  return {
    player1: roundHalfEven(before.player1 + parameters.kFactor * (actual1 - expected1)),
    player2: roundHalfEven(before.player2 + parameters.kFactor * (1 - actual1 - (1 - expected1)))
  }
}
