/**
 * Step 1 of a wave (reference `categorize_players`): BW-only by BW MMR, SC2-only by SC2 MMR, and
 * players of both games by the larger of their two MMRs, each descending. The sorts are stable, as
 * Python's `sort(reverse=True)` is, so equal MMRs keep queue order.
 */
import { bwRating, sc2Rating } from "./ratings.js"
import type { QueueEntry } from "./types.js"

export interface Categories {
  readonly bwOnly: ReadonlyArray<QueueEntry>
  readonly sc2Only: ReadonlyArray<QueueEntry>
  readonly both: ReadonlyArray<QueueEntry>
}

const byDescending =
  (key: (entry: QueueEntry) => number) =>
  (a: QueueEntry, b: QueueEntry): number =>
    key(b) - key(a)

/** Entries with no race at all belong to no category (the reference skips them too). */
export const categorize = (queue: ReadonlyArray<QueueEntry>): Categories => {
  const bwOnly: Array<QueueEntry> = []
  const sc2Only: Array<QueueEntry> = []
  const both: Array<QueueEntry> = []
  for (const entry of queue) {
    const bw = entry.bwRace !== null
    const sc2 = entry.sc2Race !== null
    if (bw && sc2) both.push(entry)
    else if (bw) bwOnly.push(entry)
    else if (sc2) sc2Only.push(entry)
  }
  return {
    bwOnly: bwOnly.sort(byDescending(bwRating)),
    sc2Only: sc2Only.sort(byDescending(sc2Rating)),
    both: both.sort(byDescending((entry) => Math.max(bwRating(entry), sc2Rating(entry))))
  }
}
