/** The default deployment: the Discord gateway bot over a SQLite file. */
import { Effect, Layer } from "effect"
import { AppConfig, requireToken } from "../config.js"
import { DiscordGatewayClientLive, GatewayInteractionsLive } from "../discord/gateway/GatewayBot.js"
import { DmReplayUploadsLive } from "../discord/replays/DmReplayUploads.js"
import { CoreLive } from "./Core.js"
import { EngineLive } from "./Engine.js"
import { DiscordAppLive } from "./DiscordApp.js"

/** Fails before anything is opened when there is no token to connect with. */
export const TokenCheck = Layer.effectDiscard(Effect.flatMap(AppConfig, requireToken))

/** The gateway bot and the ladder engine over the core services (which tests provide themselves). */
export const GatewayApp = Layer.merge(GatewayInteractionsLive, DmReplayUploadsLive).pipe(
  Layer.provide(DiscordAppLive.pipe(Layer.provideMerge(DiscordGatewayClientLive))),
  Layer.provideMerge(EngineLive)
)

export const GatewayLive = GatewayApp.pipe(
  Layer.provide(CoreLive),
  Layer.provide(TokenCheck),
  Layer.provide(AppConfig.Default)
)
