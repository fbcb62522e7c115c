/**
 * An admin change waiting for its "✅ Admin Confirm": what exactly will be done, as the admin saw it
 * in the preview. Stored as view state (it survives a restart and expires with the view, 450 s).
 */
import { Schema } from "effect"
import { RaceCode } from "../../domain/Race.js"
import { Snowflake } from "../../domain/Snowflake.js"
import { viewKind } from "../ViewState.js"

const Reason = { reason: Schema.String }

export const PendingAction = Schema.Union(
  Schema.TaggedStruct("AdjustMmr", {
    discordUid: Snowflake,
    race: RaceCode,
    operation: Schema.Literal("set", "add", "subtract"),
    value: Schema.Int,
    expectedMmr: Schema.Int,
    ...Reason
  }),
  Schema.TaggedStruct("Resolve", {
    matchId: Schema.Int,
    resolution: Schema.Union(Schema.Literal(0, 1, 2), Schema.Literal("invalidate")),
    ...Reason
  }),
  Schema.TaggedStruct("RemoveQueue", { discordUid: Snowflake, ...Reason }),
  Schema.TaggedStruct("Unblock", { discordUid: Snowflake, ...Reason }),
  Schema.TaggedStruct("Ban", { discordUid: Snowflake, banned: Schema.Boolean, ...Reason }),
  Schema.TaggedStruct("ResetAborts", { discordUid: Snowflake, count: Schema.Int, ...Reason }),
  Schema.TaggedStruct("ClearQueue", { ...Reason }),
  Schema.TaggedStruct("SetAdmin", {
    discordUid: Snowflake,
    name: Schema.String,
    admin: Schema.Boolean,
    ...Reason
  }),
  Schema.TaggedStruct("Redrive", { jobId: Schema.Int, ...Reason })
)
export type PendingAction = typeof PendingAction.Type

export const adminConfirmation = viewKind("admin", PendingAction)

/** Owner commands need an owner to confirm; the rest any admin (the one who ran the command). */
export const requiredRole = (action: PendingAction): "owner" | "admin" =>
  action._tag === "SetAdmin" ? "owner" : "admin"
