/**
 * A match's lifecycle (reference §6): found → both confirm → reported; or aborted by a player before
 * confirming, abandoned when the confirmation window lapses; a disagreement is a conflict for the
 * admins; a match nobody reports within the report deadline is flagged as unreported.
 */
import { Schema } from "effect"
import type { Outcome } from "./Rating.js"

export const MatchStatus = Schema.Literal(
  "awaiting_confirmation",
  "in_progress",
  "completed",
  "conflict",
  "aborted",
  "abandoned",
  "invalidated",
  "unreported"
)
export type MatchStatus = typeof MatchStatus.Type

/** Statuses a match leaves only through an admin. */
export const isFinal = (status: MatchStatus): boolean =>
  status !== "awaiting_confirmation" && status !== "in_progress"

/** A result: player 1 won, player 2 won, or a draw (the reference's codes). */
export const MatchResult = Schema.Literal(1, 2, 0)
export type MatchResult = typeof MatchResult.Type

/** Report codes besides results, as the reference stores them per player. */
export const ABORTED_BY_PLAYER = -3
export const ABORTED_BY_OPPONENT = -1
export const DID_NOT_CONFIRM = -4

export const ReportCode = Schema.Literal(1, 2, 0, ABORTED_BY_PLAYER, ABORTED_BY_OPPONENT, DID_NOT_CONFIRM)
export type ReportCode = typeof ReportCode.Type

export type Settlement =
  | { readonly _tag: "Waiting" }
  | { readonly _tag: "Agreed"; readonly result: MatchResult }
  | { readonly _tag: "Conflict" }

/** What two players' reports amount to. */
export const settle = (report1: MatchResult | null, report2: MatchResult | null): Settlement => {
  if (report1 === null || report2 === null) return { _tag: "Waiting" }
  return report1 === report2 ? { _tag: "Agreed", result: report1 } : { _tag: "Conflict" }
}

export const outcomeOf = (result: MatchResult): Outcome =>
  result === 1 ? "player1" : result === 2 ? "player2" : "draw"

/** Which side a player is on, or null when they are not in the match. */
export const sideOf = (
  match: { readonly player1Uid: string; readonly player2Uid: string },
  discordUid: string
): 1 | 2 | null => (match.player1Uid === discordUid ? 1 : match.player2Uid === discordUid ? 2 : null)

/**
 * The in-game chat channel players meet in: `scevo01` … `scevo10` by match number, so that
 * simultaneous matches spread over ten channels (the reference generated it but never showed it).
 */
export const inGameChannel = (matchId: number): string =>
  `scevo${String(matchId % 10 || 10).padStart(2, "0")}`
