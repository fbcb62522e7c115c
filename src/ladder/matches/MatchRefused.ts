import { Data } from "effect"

/** Why a player's action on a match was refused, with the sentence to show them. */
export type RefusalReason =
  | "not_found"
  | "not_a_player"
  | "already_confirmed"
  | "not_awaiting_confirmation"
  | "no_aborts_left"
  | "not_in_progress"
  | "already_reported"

export class MatchRefused extends Data.TaggedError("MatchRefused")<{
  readonly reason: RefusalReason
  readonly message: string
}> {}

export const refused = (reason: RefusalReason, message: string) => new MatchRefused({ reason, message })
