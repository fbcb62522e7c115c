/**
 * The shapes a matchmaking wave reads and writes. The wave is a pure function of a queue snapshot;
 * the caller (the matchmaker service) owns time, randomness, the database and Discord.
 */
import type { RaceCode } from "../Race.js"
import type { ResidentialRegionCode } from "../Region.js"
import type { PressureBands } from "./pressure.js"

/** One queued player as the wave sees it. */
export interface QueueEntry {
  readonly discordUid: string
  /** A `bw_*` race, or null when the player queued without Brood War. */
  readonly bwRace: RaceCode | null
  /** An `sc2_*` race, or null when the player queued without StarCraft II. */
  readonly sc2Race: RaceCode | null
  /** The MMR of `bwRace`; the caller creates the 1500 row on queueing, so it is present when `bwRace` is. */
  readonly bwMmr: number | null
  readonly sc2Mmr: number | null
  /** Waves this player has been through, already incremented for this wave by the caller. */
  readonly waitCycles: number
  readonly region: ResidentialRegionCode | null
  /** Full map names this player vetoed. */
  readonly vetoes: ReadonlyArray<string>
  /** Epoch milliseconds; the queue order (the reference appended players as they joined). */
  readonly joinedAt: number
}

/**
 * The tunables of `config.matchmaking` (reference §5.3), plus optional queue-pressure bands.
 * Without `pressureBands` every band uses (`windowBase`, `windowGrowth`), as the reference does at HEAD.
 */
export interface WaveParameters {
  readonly windowBase: number
  readonly windowGrowth: number
  readonly waitPriorityCoefficient: number
  readonly balanceThreshold: number
  readonly refinementPasses: number
  readonly pressureBands?: PressureBands
}

export interface WaveInput {
  readonly queue: ReadonlyArray<QueueEntry>
  /** Players who joined or were matched within the activity window (the reference's `recent_activity`). */
  readonly recentActivityCount: number
  readonly parameters: WaveParameters
}

/** One match the wave decided; `lead` is player 1 of the match. */
export interface Pairing {
  readonly lead: QueueEntry
  readonly follow: QueueEntry
  readonly leadRace: RaceCode
  readonly followRace: RaceCode
  readonly leadMmr: number
  readonly followMmr: number
  /** True when the lead plays Brood War (so the follow plays StarCraft II). */
  readonly isBwMatch: boolean
}

/**
 * The rating the reference reads for a chosen race whose MMR row is missing (`or config.MMR_DEFAULT`).
 * The caller creates that row before queueing, so this only matters for malformed snapshots.
 */
export const MISSING_MMR = 1500
