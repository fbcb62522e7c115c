/**
 * Ranked ratings kept field by field in typed arrays: nothing per rating for the garbage collector
 * to copy while a 100k-rating snapshot lives (see RankedLadder.ts).
 */

/**
 * Ratings field by field: the one at index `i` has its player at `owner[i]` of the ladder's list
 * of players and its race at `race[i]` of `raceCodes`.
 */
export interface RatingColumns {
  readonly size: number
  readonly owner: Int32Array
  readonly race: Uint8Array
  readonly mmr: Float64Array
  /** Milliseconds after the ladder's `playedSince`. */
  readonly playedAfter: Float64Array
  readonly ratingId: Float64Array
}

/** Room for `capacity` ratings. */
export const makeRatingColumns = (capacity: number): RatingColumns => ({
  size: capacity,
  owner: new Int32Array(capacity),
  race: new Uint8Array(capacity),
  mmr: new Float64Array(capacity),
  playedAfter: new Float64Array(capacity),
  ratingId: new Float64Array(capacity)
})

/** The first `size` ratings of `columns` (views, not copies). */
export const firstRatings = (columns: RatingColumns, size: number): RatingColumns => ({
  size,
  owner: columns.owner.subarray(0, size),
  race: columns.race.subarray(0, size),
  mmr: columns.mmr.subarray(0, size),
  playedAfter: columns.playedAfter.subarray(0, size),
  ratingId: columns.ratingId.subarray(0, size)
})

/** Copies ratings `start` up to `end` of `from` to `to`, from `toAt` on. */
export const copyRatings = (
  from: RatingColumns,
  start: number,
  end: number,
  to: RatingColumns,
  toAt: number
) => {
  to.owner.set(from.owner.subarray(start, end), toAt)
  to.race.set(from.race.subarray(start, end), toAt)
  to.mmr.set(from.mmr.subarray(start, end), toAt)
  to.playedAfter.set(from.playedAfter.subarray(start, end), toAt)
  to.ratingId.set(from.ratingId.subarray(start, end), toAt)
}

/**
 * Ladder order (`ladderOrder` of Rank.ts: MMR descending, then the most recent game, then the
 * newest row) of rating `i` of `a` against rating `j` of `b`: negative when `i` comes first.
 */
export const ladderOrder = (a: RatingColumns, i: number, b: RatingColumns, j: number) =>
  (b.mmr[j] ?? 0) - (a.mmr[i] ?? 0) ||
  (b.playedAfter[j] ?? 0) - (a.playedAfter[i] ?? 0) ||
  (b.ratingId[j] ?? 0) - (a.ratingId[i] ?? 0)

/** `columns` in ladder order: as they are when already in it (as the database reads them). */
export const inLadderOrder = (columns: RatingColumns): RatingColumns => {
  let sorted = true
  for (let at = 1; at < columns.size && sorted; at++) sorted = ladderOrder(columns, at - 1, columns, at) <= 0
  if (sorted) return columns
  const order = Int32Array.from({ length: columns.size }, (_, at) => at).sort((i, j) =>
    ladderOrder(columns, i, columns, j)
  )
  const ordered = makeRatingColumns(columns.size)
  order.forEach((from, to) => {
    copyRatings(columns, from, from + 1, ordered, to)
  })
  return ordered
}
