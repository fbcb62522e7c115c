/** Hand-made queue entries for the example tests. */
import type { QueueEntry } from "../../../src/domain/matchmaking/index.js"

let joined = 0

const base = (
  id: string,
  waitCycles: number
): Omit<QueueEntry, "bwRace" | "sc2Race" | "bwMmr" | "sc2Mmr"> => ({
  discordUid: id,
  waitCycles,
  region: "EUW",
  vetoes: [],
  joinedAt: joined++
})

export const bwPlayer = (id: string, mmr: number, waitCycles = 1): QueueEntry => ({
  ...base(id, waitCycles),
  bwRace: "bw_terran",
  sc2Race: null,
  bwMmr: mmr,
  sc2Mmr: null
})

export const sc2Player = (id: string, mmr: number, waitCycles = 1): QueueEntry => ({
  ...base(id, waitCycles),
  bwRace: null,
  sc2Race: "sc2_protoss",
  bwMmr: null,
  sc2Mmr: mmr
})

export const bothPlayer = (id: string, bwMmr: number, sc2Mmr: number, waitCycles = 1): QueueEntry => ({
  ...base(id, waitCycles),
  bwRace: "bw_zerg",
  sc2Race: "sc2_zerg",
  bwMmr,
  sc2Mmr
})
