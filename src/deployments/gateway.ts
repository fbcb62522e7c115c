/** The default deployment: the Discord gateway bot over a SQLite file, with /healthz and /metrics. */
import { Effect, Layer } from "effect"
import { AppConfig, requireToken } from "../config.js"
import { DiscordGatewayClientLive, GatewayInteractionsLive } from "../discord/gateway/GatewayBot.js"
import { DmReplayUploadsLive } from "../discord/replays/DmReplayUploads.js"
import { FrontDoorStatus } from "../http/FrontDoorStatus.js"
import { OperationsServerLive } from "../http/router.js"
import { CoreLive } from "./Core.js"
import { EngineLive, frontDoorOver } from "./Engine.js"
import { DiscordAppLive } from "./DiscordApp.js"
import { closed } from "./shutdown.js"

/** Fails before anything is opened when there is no token to connect with. */
export const TokenCheck = Layer.effectDiscard(Effect.flatMap(AppConfig, requireToken))

/**
 * dfx's gateway client with the readiness /healthz reports, subscribed as soon as the client exists
 * (dfx publishes READY once and does not replay it).
 */
const GatewayClientLive = FrontDoorStatus.gateway.pipe(Layer.provideMerge(DiscordGatewayClientLive))

/** The gateway bot: interactions and replay uploads by DM. */
const FrontDoorLive = Layer.merge(GatewayInteractionsLive, DmReplayUploadsLive).pipe(
  Layer.provide(DiscordAppLive),
  Layer.provideMerge(GatewayClientLive)
)

/** The gateway bot over `engine`; it closes before the engine does. */
export const gatewayApp = <A, E, R>(engine: Layer.Layer<A, E, R>) =>
  frontDoorOver(FrontDoorLive.pipe(Layer.provide(closed("front door (gateway)"))), engine)

/** The gateway bot and the ladder engine over the core services (which tests provide themselves). */
export const GatewayApp = gatewayApp(EngineLive)

/** A whole gateway deployment around `app`: the HTTP endpoints first to close, the database last. */
export const gatewayDeployment = <A, E, R>(app: Layer.Layer<A, E, R>) =>
  OperationsServerLive.pipe(
    Layer.provideMerge(app),
    Layer.provide(closed("engine")),
    Layer.provide(CoreLive.pipe(Layer.provide(closed("database")))),
    Layer.provide(TokenCheck),
    Layer.provide(AppConfig.Default)
  )

export const GatewayLive = gatewayDeployment(GatewayApp)
