/**
 * Step 7 of a wave (reference `_select_matches_from_candidates`): walk the candidates by ascending
 * score (ties in generation order) and keep every pair whose two players are both still free.
 *
 * The same selection without materialising the candidate list: each lead keeps one heap entry, its
 * best partner among the follow players free when the entry was computed. Follow players only ever
 * become unavailable, so an entry is a lower bound on that lead's current best. When the smallest
 * entry's partner is still free it is the smallest free candidate overall — exactly the next pair the
 * reference's scan accepts (every candidate it skips in between has a taken player); when the partner
 * was taken meanwhile, the lead's entry is recomputed and pushed back. The accepted pairs come out
 * in the reference's selection order, which the refinement passes depend on.
 */
import { CandidateHeap } from "./candidateHeap.js"
import type { Contestant } from "./contestant.js"
import type { FollowIndex } from "./followIndex.js"

/** (lead position, follow position) pairs in selection order. */
export type Selection = ReadonlyArray<readonly [number, number]>

export const selectGreedy = (
  lead: ReadonlyArray<Contestant>,
  follow: FollowIndex,
  coefficient: number
): Selection => {
  const heap = new CandidateHeap(lead.length)
  lead.forEach((player, position) => {
    const best = follow.best(player, coefficient)
    if (best !== undefined) heap.push(best.score, position, best.follow)
  })
  const selection: Array<readonly [number, number]> = []
  for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) {
    if (follow.isTaken(entry.follow)) {
      const player = lead[entry.lead]
      const best = player === undefined ? undefined : follow.best(player, coefficient)
      if (best !== undefined) heap.push(best.score, entry.lead, best.follow)
    } else {
      follow.take(entry.follow)
      selection.push([entry.lead, entry.follow])
    }
  }
  return selection
}
