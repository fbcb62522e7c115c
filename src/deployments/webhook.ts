/**
 * The HTTP-interactions deployment: Discord POSTs interactions to EVOLADDER_HTTP_PORT at
 * `/interactions` (set that URL as the application's Interactions Endpoint URL); follow-ups, DMs
 * and command registration go through REST with the bot token. The same server answers `/healthz`
 * and `/metrics`.
 */
import { HttpRouter, HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { DiscordConfig } from "dfx"
import { DiscordLive } from "dfx/webhooks"
import { Effect, Layer } from "effect"
import { createServer } from "node:http"
import { AppConfig, requireToken } from "../config.js"
import { registerCommands } from "../discord/registration.js"
import { restSettings } from "../discord/restSettings.js"
import { DiscordHttpClientLive } from "../http/discordRest.js"
import { FrontDoorStatus } from "../http/FrontDoorStatus.js"
import { LadderMetricsLive } from "../http/metrics.js"
import { operationsRouter } from "../http/router.js"
import { interactionsRoute } from "../discord/webhook/WebhookInteractions.js"
import { CoreLive } from "./Core.js"
import { EngineLive, frontDoorOver } from "./Engine.js"
import { DiscordAppLive } from "./DiscordApp.js"
import { TokenCheck } from "./gateway.js"
import { closed } from "./shutdown.js"

const DiscordRestLive = DiscordLive.pipe(
  Layer.provide(
    Layer.unwrapEffect(
      Effect.gen(function* () {
        const config = yield* AppConfig
        const token = yield* requireToken(config)
        return DiscordConfig.layer({ token, rest: restSettings(config) })
      })
    )
  ),
  Layer.provide(DiscordHttpClientLive)
)

/** One server for `/interactions`, `/healthz` and `/metrics`. */
const InteractionsServerLive = Layer.unwrapEffect(
  Effect.gen(function* () {
    const { operations } = yield* AppConfig
    const route = yield* interactionsRoute
    yield* Effect.logInfo(
      `Serving Discord interactions on port ${operations.httpPort} at /interactions, with /healthz and /metrics`
    )
    return HttpRouter.empty.pipe(
      route,
      HttpRouter.concat(operationsRouter),
      HttpServer.serve(),
      Layer.provide(NodeHttpServer.layer(createServer, { port: operations.httpPort }))
    )
  })
)

/** Ready (for /healthz) once the commands are registered. */
const RegistrationLive = Layer.effectDiscard(
  Effect.zipRight(
    registerCommands,
    Effect.flatMap(FrontDoorStatus, (status) => status.markReady("commands registered"))
  )
)

/** The webhook server and the ladder engine over the core services (which tests provide themselves). */
export const WebhookApp = frontDoorOver(
  Layer.mergeAll(InteractionsServerLive, RegistrationLive).pipe(
    Layer.provide(DiscordAppLive.pipe(Layer.provideMerge(DiscordRestLive))),
    Layer.provide(LadderMetricsLive),
    Layer.provideMerge(FrontDoorStatus.webhook),
    Layer.provide(closed("front door (webhook server)"))
  ),
  EngineLive
)

export const WebhookLive = WebhookApp.pipe(
  Layer.provide(closed("engine")),
  Layer.provide(CoreLive.pipe(Layer.provide(closed("database")))),
  Layer.provide(TokenCheck),
  Layer.provide(AppConfig.Default)
)
