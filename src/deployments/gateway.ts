/** The default deployment: the Discord gateway bot over a SQLite file. */
import { Effect, Layer } from "effect"
import { AppConfig, requireToken } from "../config.js"
import { CoreLive } from "./Core.js"

const TokenCheck = Layer.effectDiscard(Effect.flatMap(AppConfig, requireToken))

export const GatewayLive = Layer.effectDiscard(Effect.logInfo("EvoLadder gateway deployment started")).pipe(
  Layer.provide(CoreLive),
  Layer.provide(TokenCheck),
  Layer.provide(AppConfig.Default)
)
