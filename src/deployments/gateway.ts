/** The default deployment: the Discord gateway bot over a SQLite file. */
import { Effect, Layer } from "effect"
import { AppConfig, requireToken } from "../config.js"
import { DiscordGatewayClientLive, GatewayInteractionsLive } from "../discord/gateway/GatewayBot.js"
import { CoreLive } from "./Core.js"
import { DiscordAppLive } from "./DiscordApp.js"

/** Fails before anything is opened when there is no token to connect with. */
export const TokenCheck = Layer.effectDiscard(Effect.flatMap(AppConfig, requireToken))

export const GatewayLive = GatewayInteractionsLive.pipe(
  Layer.provide(DiscordAppLive.pipe(Layer.provideMerge(DiscordGatewayClientLive))),
  Layer.provide(CoreLive),
  Layer.provide(TokenCheck),
  Layer.provide(AppConfig.Default)
)
