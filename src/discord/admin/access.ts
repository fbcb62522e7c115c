/**
 * The check every admin and owner command runs first: the call is recorded, then the caller must be
 * staff in the database (the reference read a JSON file once at import and lost edits on
 * redeploy). Admin commands work in servers and in DMs alike; no player record is needed.
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { Discord, Ix } from "dfx"
import { Effect, Option } from "effect"
import type { Actor } from "../../ladder/admin/AdminAudit.js"
import { CommandCallsRepo } from "../../ladder/CommandCallsRepo.js"
import { StaffRepo, type StaffRole } from "../../ladder/StaffRepo.js"
import { currentCaller, type Caller } from "../Caller.js"
import { accessDenied } from "./responses.js"

export interface StaffContext {
  readonly caller: Caller
  readonly actor: Actor
}

/** Whether someone with `role` (or none) may act as `required`. */
export const mayActAs = (role: Option.Option<StaffRole>, required: StaffRole): boolean =>
  Option.match(role, { onNone: () => false, onSome: (held) => held === "owner" || held === required })

/** Whether the current caller is still staff with `required` (a button may be pressed minutes later). */
export const callerIs = (required: StaffRole) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    return mayActAs(yield* (yield* StaffRepo).roleOf(caller.userId), required)
  })

export const staffOnly =
  (command: string, required: StaffRole) =>
  <E, R>(
    handler: (context: StaffContext) => Effect.Effect<Discord.CreateInteractionResponseRequest, E, R>
  ): Effect.Effect<
    Discord.CreateInteractionResponseRequest,
    E | SqlError,
    R | Ix.DiscordInteraction | StaffRepo | CommandCallsRepo
  > =>
    Effect.gen(function* () {
      const caller = yield* currentCaller
      yield* (yield* CommandCallsRepo).record(caller.userId, caller.username, command)
      if (!(yield* callerIs(required))) return accessDenied(required)
      return yield* handler({ caller, actor: { uid: caller.userId, username: caller.username } }).pipe(
        Effect.annotateLogs("adminUid", caller.userId)
      )
    }).pipe(Effect.annotateLogs("command", command))
