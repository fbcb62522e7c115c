/** The per-game ratings of a queue entry, read the way the reference reads them. */
import { MISSING_MMR, type QueueEntry } from "./types.js"

export const bwRating = (entry: QueueEntry): number => entry.bwMmr ?? MISSING_MMR

export const sc2Rating = (entry: QueueEntry): number => entry.sc2Mmr ?? MISSING_MMR

/** The rating of the game this entry plays in a match: Brood War when `bw`, else StarCraft II. */
export const ratingIn = (entry: QueueEntry, bw: boolean): number => (bw ? bwRating(entry) : sc2Rating(entry))

/** Skill bias `bw − sc2`: positive leans Brood War, negative leans StarCraft II (`_calculate_skill_bias`). */
export const skillBias = (entry: QueueEntry): number => bwRating(entry) - sc2Rating(entry)

export const isBoth = (entry: QueueEntry): boolean => entry.bwRace !== null && entry.sc2Race !== null
