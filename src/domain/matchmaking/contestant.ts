/**
 * A player on the lead or follow side, reduced to what pairing needs: the MMR of the game they play
 * in this wave, their waits and their window.
 *
 * Precondition for the exactness claims of this module: MMRs and waits are integers of magnitude
 * below 2^25 (ratings are rounded to integers, §7.1), so every difference, square and score below is
 * computed exactly and equals the reference's Python arithmetic.
 */
export interface Contestant {
  readonly id: string
  readonly mmr: number
  readonly wait: number
  /** `windowOf(band, wait)`: the largest MMR difference this player accepts. */
  readonly window: number
}

/** Reference §5.3 step 6: `diff² − coefficient · (w_lead + w_follow)`; lower is better. */
export const pairScore = (diff: number, leadWait: number, followWait: number, coefficient: number): number =>
  diff * diff - (leadWait + followWait) * coefficient

/** The either-window rule: a pair is acceptable when either player's window covers the difference. */
export const withinEitherWindow = (lead: Contestant, follow: Contestant): boolean => {
  const diff = Math.abs(lead.mmr - follow.mmr)
  return diff <= lead.window || diff <= follow.window
}
