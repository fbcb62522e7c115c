/** The default deployment: the Discord gateway bot over a SQLite file. */
import { Effect, Layer } from "effect"
import { AppConfig, requireToken } from "../config.js"
import { DiscordGatewayClientLive, GatewayInteractionsLive } from "../discord/gateway/GatewayBot.js"
import { CoreLive } from "./Core.js"
import { DiscordAppLive } from "./DiscordApp.js"

/** Fails before anything is opened when there is no token to connect with. */
export const TokenCheck = Layer.effectDiscard(Effect.flatMap(AppConfig, requireToken))

/** The gateway bot over the core services (which tests provide themselves). */
export const GatewayApp = GatewayInteractionsLive.pipe(
  Layer.provide(DiscordAppLive.pipe(Layer.provideMerge(DiscordGatewayClientLive)))
)

export const GatewayLive = GatewayApp.pipe(
  Layer.provide(CoreLive),
  Layer.provide(TokenCheck),
  Layer.provide(AppConfig.Default)
)
