/**
 * The real bot (a deployment's layers, unchanged) against the fake Discord, through either front
 * door: the gateway, or HTTP interactions that the fake signs and POSTs.
 */
import { ConfigProvider, Effect, Layer } from "effect"
import { GatewayApp } from "../../src/deployments/gateway.js"
import { WebhookApp } from "../../src/deployments/webhook.js"
import { CoreLive } from "../../src/deployments/Core.js"
import { FakeDiscord, type FakeDiscordServer } from "../../src/fakeDiscord/index.js"
import { freePort } from "./http.js"

export type FrontDoor = "gateway" | "webhook"

/**
 * The bot through `door`, its core services exposed to the test (database, repositories), with the
 * fake's settings and `env` on top (a fresh in-memory database unless EVOLADDER_DB is given).
 */
export const botThrough = (door: FrontDoor, env: Record<string, string> = {}) =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const port = door === "webhook" ? yield* freePort : 0
      const settings = {
        ...fake.env,
        EVOLADDER_DB: ":memory:",
        EVOLADDER_LOG_LEVEL: process.env["E2E_LOG_LEVEL"] ?? "warn",
        EVOLADDER_PRUNE_DELETE_SPACING: "5 millis",
        ...(door === "webhook" ? { EVOLADDER_HTTP_PORT: String(port) } : {}),
        ...env
      }
      const app =
        door === "gateway"
          ? GatewayApp
          : WebhookApp.pipe(
              Layer.tap(() => fake.webhook.setEndpoint(`http://127.0.0.1:${port}/interactions`))
            )
      return app.pipe(
        Layer.provideMerge(CoreLive),
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(settings)))))
      )
    })
  )

/** The fake Discord with the bot connected through `door`. */
export const suite = (door: FrontDoor, env: Record<string, string> = {}) =>
  botThrough(door, env).pipe(Layer.provideMerge(FakeDiscord.layer({ heartbeatIntervalMs: 1000 })))

/** Starts the bot against `fake` in the current scope; returns its context for direct reads. */
export const startBot = (fake: FakeDiscordServer, env: Record<string, string>, door: FrontDoor = "gateway") =>
  Layer.build(botThrough(door, env).pipe(Layer.provide(Layer.succeed(FakeDiscord, fake))))

/**
 * Runs `body` with the bot started against `fake` (its services provided), then stops the bot: for
 * tests that own the clock and start the bot after setting it, or restart it.
 */
export const withBot = <A, E, R>(
  fake: FakeDiscordServer,
  env: Record<string, string>,
  body: Effect.Effect<A, E, R>,
  door: FrontDoor = "gateway"
) => Effect.scoped(Effect.flatMap(startBot(fake, env, door), (context) => Effect.provide(body, context)))
