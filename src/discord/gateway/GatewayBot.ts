/**
 * The gateway front door: dfx's gateway client (REST over node:http, the WebSocket below), every
 * INTERACTION_CREATE answered by the shared handlers, and the slash commands registered at start.
 *
 * dfx's `runIx` subscribes to dispatches only after a REST call, and dfx's dispatch hub does not
 * replay, so interactions arriving in between were lost (the first one after start-up timed out).
 * We subscribe first, before the shard can have received anything, and register commands after.
 */
import { DiscordConfig, Intents, Ix } from "dfx"
import { DiscordGateway, DiscordLive } from "dfx/gateway"
import { DiscordREST } from "dfx/DiscordREST"
import { handlers } from "dfx/Interactions/handlers"
import { Effect, Layer } from "effect"
import { AppConfig, requireToken } from "../../config.js"
import { DiscordHttpClientLive } from "../../http/discordRest.js"
import { respondThenRun } from "../AfterResponse.js"
import { interactions } from "../interactions.js"
import { registerCommands } from "../registration.js"
import { restSettings } from "../restSettings.js"
import { WebSocketConstructorLive } from "./WebSocketRedirect.js"

/** Direct messages carry replay uploads; guild events are needed for the admin channel. */
const INTENTS = Intents.fromList(["Guilds", "DirectMessages"])

const DiscordConfigLive = Layer.unwrapEffect(
  Effect.gen(function* () {
    const config = yield* AppConfig
    const token = yield* requireToken(config)
    return DiscordConfig.layer({
      token,
      rest: restSettings(config),
      gateway: { intents: INTENTS }
    })
  })
)

/** dfx's REST client (measured for /metrics) and gateway connection. */
export const DiscordGatewayClientLive = DiscordLive.pipe(
  Layer.provide(Layer.mergeAll(DiscordConfigLive, DiscordHttpClientLive, WebSocketConstructorLive))
)

/** Answers interactions until the scope closes; registers the commands once listening. */
export const GatewayInteractionsLive = Layer.scopedDiscard(
  Effect.gen(function* () {
    const gateway = yield* DiscordGateway
    const rest = yield* DiscordREST
    // Files go out in follow-ups, not in the first response, so the response is plain JSON here.
    const handle = handlers(interactions.definitions, (interaction, payload) =>
      rest.createInteractionResponse(interaction.id, interaction.token, { payload })
    )
    yield* gateway
      .handleDispatch("INTERACTION_CREATE", (interaction) =>
        respondThenRun(handle[interaction.type](interaction)).pipe(
          Effect.provideService(Ix.Interaction, interaction),
          Effect.catchAllCause((cause) => Effect.logError("interaction failed", cause)),
          Effect.withSpan("Discord.interaction", { attributes: { interactionId: interaction.id } })
        )
      )
      .pipe(Effect.forkScoped)
    // Let the forked subscriber subscribe before anything else happens.
    yield* Effect.yieldNow()
    yield* registerCommands
    yield* Effect.logInfo("Discord gateway bot is answering interactions")
  })
)
