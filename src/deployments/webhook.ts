/**
 * The HTTP-interactions deployment: Discord POSTs interactions to EVOLADDER_HTTP_PORT at
 * `/interactions` (set that URL as the application's Interactions Endpoint URL); follow-ups, DMs
 * and command registration go through REST with the bot token.
 */
import { HttpRouter, HttpServer } from "@effect/platform"
import { NodeHttpClient, NodeHttpServer } from "@effect/platform-node"
import { DiscordConfig } from "dfx"
import { DiscordLive } from "dfx/webhooks"
import { Effect, Layer } from "effect"
import { createServer } from "node:http"
import { AppConfig, requireToken } from "../config.js"
import { registerCommands } from "../discord/registration.js"
import { interactionsRoute } from "../discord/webhook/WebhookInteractions.js"
import { CoreLive } from "./Core.js"
import { EngineLive } from "./Engine.js"
import { DiscordAppLive } from "./DiscordApp.js"
import { TokenCheck } from "./gateway.js"

const DiscordRestLive = DiscordLive.pipe(
  Layer.provide(
    Layer.unwrapEffect(
      Effect.gen(function* () {
        const config = yield* AppConfig
        const token = yield* requireToken(config)
        return DiscordConfig.layer({ token, rest: { baseUrl: config.discord.apiUrl } })
      })
    )
  ),
  // Not undici: on Node 20 it rejects the FormData dfx builds for file uploads.
  Layer.provide(NodeHttpClient.layer)
)

const InteractionsServerLive = Layer.unwrapEffect(
  Effect.gen(function* () {
    const { operations } = yield* AppConfig
    const route = yield* interactionsRoute
    yield* Effect.logInfo(`Serving Discord interactions on port ${operations.httpPort} at /interactions`)
    return HttpRouter.empty.pipe(
      route,
      HttpServer.serve(),
      Layer.provide(NodeHttpServer.layer(createServer, { port: operations.httpPort }))
    )
  })
)

/** The webhook server and the ladder engine over the core services (which tests provide themselves). */
export const WebhookApp = Layer.mergeAll(InteractionsServerLive, Layer.effectDiscard(registerCommands)).pipe(
  Layer.provide(DiscordAppLive.pipe(Layer.provideMerge(DiscordRestLive))),
  Layer.provideMerge(EngineLive)
)

export const WebhookLive = WebhookApp.pipe(
  Layer.provide(CoreLive),
  Layer.provide(TokenCheck),
  Layer.provide(AppConfig.Default)
)
