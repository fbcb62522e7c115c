/**
 * The mean-MMR correction at the end of equalization (reference `equalize_lists`, step 4): when the
 * Brood War side's mean BW MMR and the StarCraft II side's mean SC2 MMR differ by more than the
 * threshold (50), the single most neutral (smallest |bw − sc2|, first in side order on ties) player of
 * both games on the stronger side moves to the end of the other side — only if the population
 * difference does not grow. Moving one player changes the difference by two, so in practice this only
 * happens when the stronger side is the larger one.
 */
import type { Sides } from "./equalize.js"
import { bwRating, isBoth, sc2Rating, skillBias } from "./ratings.js"
import type { QueueEntry } from "./types.js"

const mean = (side: ReadonlyArray<QueueEntry>, rating: (entry: QueueEntry) => number): number => {
  let sum = 0
  for (const entry of side) sum += rating(entry)
  return sum / side.length
}

/** The first entry of smallest |bias| among the players of both games on this side. */
const mostNeutral = (side: ReadonlyArray<QueueEntry>): QueueEntry | undefined => {
  let best: QueueEntry | undefined
  for (const entry of side) {
    if (isBoth(entry) && (best === undefined || Math.abs(skillBias(entry)) < Math.abs(skillBias(best)))) {
      best = entry
    }
  }
  return best
}

const move = (
  from: ReadonlyArray<QueueEntry>,
  to: ReadonlyArray<QueueEntry>,
  entry: QueueEntry
): [Array<QueueEntry>, Array<QueueEntry>] => [from.filter((other) => other !== entry), [...to, entry]]

export const rebalance = (sides: Sides, threshold: number): Sides => {
  const { bw, sc2 } = sides
  if (bw.length === 0 || sc2.length === 0) return sides
  const delta = mean(bw, bwRating) - mean(sc2, sc2Rating)
  if (Math.abs(delta) <= threshold) return sides
  const difference = Math.abs(bw.length - sc2.length)

  if (delta > threshold) {
    const neutral = mostNeutral(bw)
    // The reference's `elif` is not reached when the stronger side has no such player.
    if (neutral === undefined) return sides
    if (Math.abs(bw.length - 1 - (sc2.length + 1)) > difference) return sides
    const [newBw, newSc2] = move(bw, sc2, neutral)
    return { bw: newBw, sc2: newSc2 }
  }
  if (delta < -threshold) {
    const neutral = mostNeutral(sc2)
    if (neutral === undefined) return sides
    if (Math.abs(bw.length + 1 - (sc2.length - 1)) > difference) return sides
    const [newSc2, newBw] = move(sc2, bw, neutral)
    return { bw: newBw, sc2: newSc2 }
  }
  return sides
}
