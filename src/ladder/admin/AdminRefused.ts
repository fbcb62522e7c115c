import { Data } from "effect"

/** Why an admin action was not carried out, with the sentence to show the admin. */
export type AdminRefusalReason =
  "not_found" | "not_in_queue" | "negative_mmr" | "stale" | "owner_protected" | "not_dead" | "invalid"

export class AdminRefused extends Data.TaggedError("AdminRefused")<{
  readonly reason: AdminRefusalReason
  readonly message: string
}> {}

export const adminRefused = (reason: AdminRefusalReason, message: string) =>
  new AdminRefused({ reason, message })
