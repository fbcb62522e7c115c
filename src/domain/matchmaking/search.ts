/** Binary searches over an ascending array and "next available slot" links with path halving. */

/** The first index whose value is ≥ `value` (`length` when none). */
export const lowerBound = (sorted: Float64Array, value: number): number => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first index whose value is > `value` (`length` when none). */
export const upperBound = (sorted: Float64Array, value: number): number => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] ?? Infinity) <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** How many values lie in [center − radius, center + radius]. */
export const countWithin = (sorted: Float64Array, center: number, radius: number): number =>
  radius < 0 ? 0 : upperBound(sorted, center + radius) - lowerBound(sorted, center - radius)

/**
 * Links over slots 0..n−1 plus a sentinel: `links[k] === k` means "k is the answer". Following links
 * with path halving gives amortized near-constant lookups while slots are removed one by one.
 */
export const findRoot = (links: Int32Array, start: number): number => {
  let x = start
  for (;;) {
    const parent = links[x] ?? x
    if (parent === x) return x
    const grandparent = links[parent] ?? parent
    links[x] = grandparent
    x = grandparent
  }
}
