/**
 * The queue order every later tie-break depends on. The reference kept players in a list they were
 * appended to on joining, so its order is join order; a snapshot read back from storage may come in
 * any order, hence the stable sort by `joinedAt` (snapshot order breaks equal times).
 */
import type { QueueEntry } from "./types.js"

export interface OrderedQueue {
  readonly entries: ReadonlyArray<QueueEntry>
  /** Later entries of a Discord id already queued: dropped, since a player is queued at most once. */
  readonly duplicates: ReadonlyArray<QueueEntry>
}

export const orderQueue = (queue: ReadonlyArray<QueueEntry>): OrderedQueue => {
  const sorted = [...queue].sort((a, b) => a.joinedAt - b.joinedAt)
  const seen = new Set<string>()
  const entries: Array<QueueEntry> = []
  const duplicates: Array<QueueEntry> = []
  for (const entry of sorted) {
    if (seen.has(entry.discordUid)) {
      duplicates.push(entry)
    } else {
      seen.add(entry.discordUid)
      entries.push(entry)
    }
  }
  return { entries, duplicates }
}
