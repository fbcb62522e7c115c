/**
 * Step 8 of a wave (reference `_refine_matches_least_squares`): up to `passes` passes over adjacent
 * pairs (i, i + 1) in selection order, in place, so a swapped pair takes part in the next comparison.
 * The two follow players swap when that lowers the pair's summed squared difference, creates no
 * self-match, and each new pair passes the either-window rule; a pass without a swap ends the
 * refinement. Every swap strictly lowers the total squared difference, so refinement never worsens it.
 */
import { withinEitherWindow, type Contestant } from "./contestant.js"

export interface Refined<C extends Contestant> {
  readonly pairs: ReadonlyArray<readonly [C, C]>
  readonly swaps: number
}

const squared = (lead: Contestant, follow: Contestant): number =>
  (lead.mmr - follow.mmr) * (lead.mmr - follow.mmr)

export const refine = <C extends Contestant>(
  pairs: ReadonlyArray<readonly [C, C]>,
  passes: number
): Refined<C> => {
  const list = [...pairs]
  let swaps = 0
  if (list.length < 2) return { pairs: list, swaps }
  for (let pass = 0; pass < passes; pass++) {
    let swapped = false
    for (let i = 0; i + 1 < list.length; i++) {
      const first = list[i]
      const second = list[i + 1]
      if (first === undefined || second === undefined) continue
      const [lead1, follow1] = first
      const [lead2, follow2] = second
      const before = squared(lead1, follow1) + squared(lead2, follow2)
      const after = squared(lead1, follow2) + squared(lead2, follow1)
      if (!(after < before)) continue
      if (lead1.id === follow2.id || lead2.id === follow1.id) continue
      if (!withinEitherWindow(lead1, follow2) || !withinEitherWindow(lead2, follow1)) continue
      list[i] = [lead1, follow2]
      list[i + 1] = [lead2, follow1]
      swaps++
      swapped = true
    }
    if (!swapped) break
  }
  return { pairs: list, swaps }
}
