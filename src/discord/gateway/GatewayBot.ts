/**
 * The gateway front door: dfx's gateway client (REST over undici, the WebSocket above), the slash
 * commands registered at start, and every INTERACTION_CREATE answered by the shared handlers.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { DiscordConfig, Intents } from "dfx"
import { DiscordLive, interactionsSync, runIx } from "dfx/gateway"
import { Effect, Layer, pipe } from "effect"
import { AppConfig, requireToken } from "../../config.js"
import { interactions } from "../interactions.js"
import { registerCommands } from "../registration.js"
import { WebSocketConstructorLive } from "./WebSocketRedirect.js"

/** Direct messages carry replay uploads; guild events are needed for the admin channel. */
const INTENTS = Intents.fromList(["Guilds", "DirectMessages"])

const DiscordConfigLive = Layer.unwrapEffect(
  Effect.gen(function* () {
    const config = yield* AppConfig
    const token = yield* requireToken(config)
    return DiscordConfig.layer({
      token,
      rest: { baseUrl: config.discord.apiUrl },
      gateway: { intents: INTENTS }
    })
  })
)

/** dfx's REST client and gateway connection. */
export const DiscordGatewayClientLive = DiscordLive.pipe(
  Layer.provide(Layer.mergeAll(DiscordConfigLive, NodeHttpClient.layerUndici, WebSocketConstructorLive))
)

/** Registers the commands, then answers interactions until the scope closes. */
export const GatewayInteractionsLive = Layer.scopedDiscard(
  Effect.gen(function* () {
    yield* registerCommands
    // Piped, not called: `runIx(f)(builder)` infers its requirements as `unknown`.
    yield* pipe(
      interactions,
      runIx(Effect.catchAllCause((cause) => Effect.logError("interaction response failed", cause)))
    ).pipe(Effect.locally(interactionsSync, false), Effect.forkScoped)
    yield* Effect.logInfo("Discord gateway bot is answering interactions")
  })
)
