import { Effect, Layer, Logger } from "effect"
import { AppConfig } from "../config.js"

/** Pretty logs for a terminal, JSON lines for a log collector; the level from `EVOLADDER_LOG_LEVEL`. */
export const LoggingLive = Layer.unwrapEffect(
  Effect.map(AppConfig, ({ operations }) =>
    Layer.merge(
      operations.logFormat === "json" ? Logger.json : Logger.pretty,
      Logger.minimumLogLevel(operations.logLevel)
    )
  )
)
