/** The services the interaction handlers need beyond the core, shared by both Discord front doors. */
import { Layer } from "effect"
import { Background } from "../discord/Background.js"
import { BotUser } from "../discord/BotUser.js"
import { Emotes } from "../discord/ui/Emotes.js"
import { ViewState } from "../discord/ViewState.js"
import { ViewTimeouts } from "../discord/ViewTimeouts.js"
import { Leaderboard } from "../ladder/Leaderboard.js"
import { PlayerStats } from "../ladder/PlayerStats.js"
import { CommandCallsRepo } from "../ladder/CommandCallsRepo.js"

export const DiscordAppLive = Layer.mergeAll(
  ViewState.Default,
  ViewTimeouts.Default,
  Leaderboard.Default,
  PlayerStats.Default,
  Emotes.Default,
  Background.Default,
  BotUser.Default,
  CommandCallsRepo.Default
)
