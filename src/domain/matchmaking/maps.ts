/**
 * The maps a pairing may be played on (reference `_get_available_maps`): the season's pool, in pool
 * order, minus every map either player vetoed. The caller draws one uniformly with the `Random`
 * service. Each player vetoes at most 4 of the 9 maps, so at most 8 are removed and one always
 * remains; should the pool ever be empty for a pair (a smaller pool, say), the caller skips that
 * pair, as the reference does, and both players stay queued.
 */
export const eligibleMaps = (
  pool: ReadonlyArray<string>,
  vetoes1: ReadonlyArray<string>,
  vetoes2: ReadonlyArray<string>
): ReadonlyArray<string> => {
  const vetoed = new Set([...vetoes1, ...vetoes2])
  return pool.filter((name) => !vetoed.has(name))
}
