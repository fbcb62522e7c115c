/**
 * Letter ranks exactly as the reference bot assigns them: among the ranked rating rows (at least one
 * game, played within the activity window), ordered by MMR, then most recent game, then newest row,
 * fixed shares of 1/7/21/21/21/21/8 % go to S…F, with a deterministic rule for the remainder.
 */
import { Array as Arr, Order } from "effect"

export type Letter = "S" | "A" | "B" | "C" | "D" | "E" | "F"
/** A rank as shown: a letter, or U (unranked: no games, or inactive). */
export type RankLetter = Letter | "U"

export const letters: ReadonlyArray<Letter> = ["S", "A", "B", "C", "D", "E", "F"]

/** Percent of the ranked population per letter, in `letters` order. */
const SHARES_PERCENT: Readonly<Record<Letter, number>> = { S: 1, A: 7, B: 21, C: 21, D: 21, E: 21, F: 8 }

export type BucketSizes = Readonly<Record<Letter, number>>

/** How many of `n` ranked rows get each letter. */
export const bucketSizes = (n: number): BucketSizes => {
  const sizes: Record<Letter, number> = { S: 0, A: 0, B: 0, C: 0, D: 0, E: 0, F: 0 }
  for (const letter of letters) sizes[letter] = Math.floor((n * SHARES_PERCENT[letter]) / 100)
  const tail: ReadonlyArray<Letter> = sizes.F > sizes.S + sizes.A ? ["A", "F", "S"] : ["F", "A", "S"]
  const remainderOrder: ReadonlyArray<Letter> = ["D", "C", "E", "B", ...tail]
  let left = n - letters.reduce((sum, letter) => sum + sizes[letter], 0)
  for (const letter of remainderOrder) {
    if (left === 0) break
    sizes[letter] += 1
    left -= 1
  }
  return sizes
}

/**
 * The letter of each 0-based position among `n` ranked rows, top first. The letters are laid out
 * once, a byte per position, so that a lookup costs the same at any position.
 */
export const letterLookup = (n: number): ((position: number) => Letter) => {
  const sizes = bucketSizes(n)
  const letterIndexAt = new Uint8Array(n).fill(letters.length - 1)
  let start = 0
  letters.forEach((letter, index) => {
    letterIndexAt.fill(index, start, start + sizes[letter])
    start += sizes[letter]
  })
  return (position) => letters[letterIndexAt[position] ?? letters.length - 1] ?? "F"
}

export interface RankableRating {
  readonly id: number
  readonly mmr: number
  readonly gamesPlayed: number
  /** Epoch ms of the last game; null when none. */
  readonly lastPlayedAt: number | null
}

export interface RankedRating<A extends RankableRating> {
  readonly rating: A
  /** 1-based position among all ranked rows of every race; null when unranked. */
  readonly globalRank: number | null
  readonly letter: RankLetter
}

export const isRanked = (rating: RankableRating, now: number, activityWindowMs: number): boolean =>
  rating.gamesPlayed > 0 && rating.lastPlayedAt !== null && now - rating.lastPlayedAt <= activityWindowMs

/** MMR descending, then most recent game, then newest row. */
export const ladderOrder: Order.Order<RankableRating> = Order.combineAll([
  Order.reverse(Order.mapInput(Order.number, (r: RankableRating) => r.mmr)),
  Order.reverse(
    Order.mapInput(Order.number, (r: RankableRating) => r.lastPlayedAt ?? Number.NEGATIVE_INFINITY)
  ),
  Order.reverse(Order.mapInput(Order.number, (r: RankableRating) => r.id))
])

/**
 * Ranks every row: ranked rows in ladder order with their global rank and letter, then the unranked
 * rows (letter U) in ladder order.
 */
export const assignRanks = <A extends RankableRating>(
  ratings: ReadonlyArray<A>,
  now: number,
  activityWindowMs: number
): ReadonlyArray<RankedRating<A>> => {
  const [unranked, ranked] = Arr.partition(ratings, (rating) => isRanked(rating, now, activityWindowMs))
  const letterAt = letterLookup(ranked.length)
  const rankedRows = Arr.sort(ranked, ladderOrder).map((rating, index): RankedRating<A> => ({
    rating,
    globalRank: index + 1,
    letter: letterAt(index)
  }))
  const unrankedRows = Arr.sort(unranked, ladderOrder).map((rating): RankedRating<A> => ({
    rating,
    globalRank: null,
    letter: "U"
  }))
  return [...rankedRows, ...unrankedRows]
}
