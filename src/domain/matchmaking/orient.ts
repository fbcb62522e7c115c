/**
 * Step 3 of a wave: the smaller side leads, Brood War on a tie (reference `attempt_match`,
 * `len(bw_list) <= len(sc2_list)`). Nothing is matched unless both sides have players.
 */
import type { Sides } from "./equalize.js"
import type { QueueEntry } from "./types.js"

export interface Orientation {
  /** True when Brood War leads: lead players play their BW race, follow players their SC2 race. */
  readonly isBwMatch: boolean
  readonly lead: ReadonlyArray<QueueEntry>
  readonly follow: ReadonlyArray<QueueEntry>
}

export const orient = (sides: Sides): Orientation | undefined => {
  if (sides.bw.length === 0 || sides.sc2.length === 0) return undefined
  return sides.bw.length <= sides.sc2.length
    ? { isBwMatch: true, lead: sides.bw, follow: sides.sc2 }
    : { isBwMatch: false, lead: sides.sc2, follow: sides.bw }
}
