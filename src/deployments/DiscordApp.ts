/** The services the interaction handlers need beyond the core, shared by both Discord front doors. */
import { Layer } from "effect"
import { Background } from "../discord/Background.js"
import { BotUser } from "../discord/BotUser.js"
import { Emotes } from "../discord/ui/Emotes.js"
import { ViewState } from "../discord/ViewState.js"
import { CommandCallsRepo } from "../ladder/CommandCallsRepo.js"

export const DiscordAppLive = Layer.mergeAll(
  ViewState.Default,
  Emotes.Default,
  Background.Default,
  BotUser.Default,
  CommandCallsRepo.Default
)
