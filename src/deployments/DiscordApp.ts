/** The services the interaction handlers need beyond the core, shared by both Discord front doors. */
import { NodeHttpClient } from "@effect/platform-node"
import { Layer } from "effect"
import { MatchCards } from "../discord/match/MatchCards.js"
import { MatchNotifier } from "../discord/match/MatchNotifier.js"
import { SearchRefresher } from "../discord/match/SearchRefresher.js"
import { Messenger } from "../discord/Messenger.js"
import { Background } from "../discord/Background.js"
import { BotUser } from "../discord/BotUser.js"
import { Emotes } from "../discord/ui/Emotes.js"
import { ViewState } from "../discord/ViewState.js"
import { ViewTimeouts } from "../discord/ViewTimeouts.js"
import { CommandCallsRepo } from "../ladder/CommandCallsRepo.js"

/** Messages the bot sends on its own: match notifications and searching views. */
const NotificationsLive = Layer.merge(MatchNotifier.Default, SearchRefresher.Default).pipe(
  Layer.provideMerge(MatchCards.Default),
  Layer.provideMerge(Messenger.Default)
)

export const DiscordAppLive = Layer.mergeAll(
  ViewState.Default,
  ViewTimeouts.Default,
  Background.Default,
  BotUser.Default,
  CommandCallsRepo.Default,
  NotificationsLive,
  NodeHttpClient.layer
).pipe(Layer.provideMerge(Emotes.Default))
