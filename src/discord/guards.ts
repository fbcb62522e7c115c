/**
 * The checks every player command runs first (reference §2.1): the call is recorded, DMs only,
 * the player row is created on first use and its Discord username kept current, then the ban,
 * terms-of-service and setup requirements.
 */
import type { SqlError } from "@effect/sql/SqlError"
import type { Discord, Ix } from "dfx"
import { Effect } from "effect"
import { refusalFor, type CommandRequirements } from "../domain/CommandGuard.js"
import type { Player } from "../domain/Player.js"
import { CommandCallsRepo } from "../ladder/CommandCallsRepo.js"
import { PlayersRepo } from "../ladder/PlayersRepo.js"
import { currentCaller, type Caller } from "./Caller.js"
import { dmOnly, refusal } from "./ui/embeds.js"
import { reply } from "./ui/responses.js"

export interface PlayerContext {
  readonly caller: Caller
  readonly player: Player
}

export const NO_REQUIREMENTS: CommandRequirements = { termsOfService: false, setup: false }
export const TERMS_REQUIRED: CommandRequirements = { termsOfService: true, setup: false }
export const SETUP_REQUIRED: CommandRequirements = { termsOfService: true, setup: true }

/** Runs `handler` for a player command once the guards pass; answers the refusal otherwise. */
export const guarded =
  (command: string, requirements: CommandRequirements) =>
  <E, R>(
    handler: (context: PlayerContext) => Effect.Effect<Discord.CreateInteractionResponseRequest, E, R>
  ): Effect.Effect<
    Discord.CreateInteractionResponseRequest,
    E | SqlError,
    R | Ix.DiscordInteraction | PlayersRepo | CommandCallsRepo
  > =>
    Effect.gen(function* () {
      const caller = yield* currentCaller
      yield* (yield* CommandCallsRepo).record(caller.userId, caller.username, command)
      if (caller.inGuild) return reply(caller, dmOnly)
      const player = yield* (yield* PlayersRepo).ensure(caller.userId, caller.username)
      const refused = refusalFor(requirements, player)
      if (refused !== null) return reply(caller, refusal(refused))
      return yield* handler({ caller, player })
    }).pipe(Effect.annotateLogs("command", command))
