/**
 * Step 4 of a wave (reference `_filter_by_priority`): when the sides differ in size, the larger one
 * keeps only as many players as the smaller has, those who have waited the most waves. The sort is
 * stable, so on equal waits the side order decides; the kept players stay in that sorted order,
 * which is the order candidates are generated in afterwards. An empty side empties both.
 */
interface Waiting {
  readonly waitCycles: number
}

const topByWait = <A extends Waiting>(side: ReadonlyArray<A>, count: number): ReadonlyArray<A> =>
  [...side].sort((a, b) => b.waitCycles - a.waitCycles).slice(0, count)

export const priorityFilter = <A extends Waiting>(
  lead: ReadonlyArray<A>,
  follow: ReadonlyArray<A>
): readonly [ReadonlyArray<A>, ReadonlyArray<A>] => {
  if (lead.length === follow.length) return [lead, follow]
  if (lead.length > follow.length) return [topByWait(lead, follow.length), follow]
  return [lead, topByWait(follow, lead.length)]
}
