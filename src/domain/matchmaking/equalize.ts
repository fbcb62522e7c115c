/**
 * Step 2 of a wave (reference `equalize_lists`): players of both games are spread over the Brood War
 * and StarCraft II sides by skill bias `b = bw − sc2`, population balance first.
 *
 * - No single-game players at all: sort by b ascending; the first ⌊n/2⌋ play StarCraft II, the rest
 *   Brood War. The reference returns here, so this case is never rebalanced.
 * - Otherwise, with Δ = |BW| − |SC2|: the short side takes the players leaning its way (BW from the
 *   end of the sorted list, SC2 from the start) until equal or none are left; the rest alternate —
 *   a smaller BW side takes from the end, a smaller SC2 side from the start, equal sides give one to
 *   SC2 (start) and then one to BW (end) — so the sizes end within one. Then `rebalance` runs.
 *
 * Appending keeps each side's order: single-game players by MMR first, then the assigned players in
 * the order they were taken. That order is what the lead/follow iteration and the ties follow later.
 */
import type { Categories } from "./categorize.js"
import { rebalance } from "./rebalance.js"
import { skillBias } from "./ratings.js"
import type { QueueEntry } from "./types.js"

export interface Sides {
  readonly bw: ReadonlyArray<QueueEntry>
  readonly sc2: ReadonlyArray<QueueEntry>
}

/** Stable: equal biases keep the order of `both` (larger MMR first, then queue order). */
const byBias = (both: ReadonlyArray<QueueEntry>): Array<QueueEntry> =>
  [...both].sort((a, b) => skillBias(a) - skillBias(b))

export const equalize = (categories: Categories, balanceThreshold: number): Sides => {
  const bw = [...categories.bwOnly]
  const sc2 = [...categories.sc2Only]
  const sorted = byBias(categories.both)

  if (bw.length === 0 && sc2.length === 0) {
    const mid = Math.floor(sorted.length / 2)
    return { bw: sorted.slice(mid), sc2: sorted.slice(0, mid) }
  }
  if (sorted.length === 0) return { bw, sc2 }

  // A deque over `sorted`: `first` is the most SC2-leaning player left, `last` the most BW-leaning.
  let first = 0
  let last = sorted.length - 1
  const takeBwLeaning = (): QueueEntry | undefined => (first <= last ? sorted[last--] : undefined)
  const takeSc2Leaning = (): QueueEntry | undefined => (first <= last ? sorted[first++] : undefined)
  const give = (side: Array<QueueEntry>, entry: QueueEntry | undefined): void => {
    if (entry !== undefined) side.push(entry)
  }

  const delta = bw.length - sc2.length
  for (let n = 0; n < -delta; n++) give(bw, takeBwLeaning())
  for (let n = 0; n < delta; n++) give(sc2, takeSc2Leaning())

  while (first <= last) {
    if (bw.length < sc2.length) give(bw, takeBwLeaning())
    else if (bw.length > sc2.length) give(sc2, takeSc2Leaning())
    else {
      give(sc2, takeSc2Leaning())
      give(bw, takeBwLeaning())
    }
  }

  return rebalance({ bw, sc2 }, balanceThreshold)
}
