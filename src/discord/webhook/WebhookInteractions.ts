/**
 * The webhook front door: `POST /interactions` verifies Discord's signature and freshness, then runs
 * the same handlers as the gateway bot and returns the interaction response as the HTTP reply.
 */
import { HttpRouter, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Discord, Ix } from "dfx"
import { handlers } from "dfx/Interactions/handlers"
import { Effect, Option } from "effect"
import { AppConfig, MissingSetting } from "../../config.js"
import { respondThenRun } from "../AfterResponse.js"
import { interactions } from "../interactions.js"
import { makeVerifier } from "./verifyRequest.js"

const isInteraction = (value: unknown): value is Discord.APIInteraction =>
  typeof value === "object" &&
  value !== null &&
  "type" in value &&
  typeof value.type === "number" &&
  "id" in value &&
  typeof value.id === "string" &&
  "token" in value &&
  typeof value.token === "string" &&
  "application_id" in value &&
  typeof value.application_id === "string"

const parseInteraction = (body: string): Option.Option<Discord.APIInteraction> =>
  Option.liftThrowable(JSON.parse)(body).pipe(Option.filter(isInteraction))

const dispatch = handlers(interactions.definitions, (_interaction, response) => Effect.succeed(response))

/** The `/interactions` route; needs DISCORD_PUBLIC_KEY. */
export const interactionsRoute = Effect.gen(function* () {
  const { discord } = yield* AppConfig
  const publicKey = yield* Option.match(discord.publicKey, {
    onNone: () =>
      Effect.fail(
        new MissingSetting({
          setting: "DISCORD_PUBLIC_KEY",
          message:
            "The webhook deployment needs DISCORD_PUBLIC_KEY: the public key shown on your application's General Information page."
        })
      ),
    onSome: Effect.succeed
  })
  const verify = yield* makeVerifier(publicKey)

  const handle = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const body = yield* request.text
    const verified = yield* Effect.either(verify({ headers: request.headers, body }))
    if (verified._tag === "Left") {
      yield* Effect.logWarning(`rejected interaction request: ${verified.left.reason}`)
      return HttpServerResponse.text("invalid request signature", { status: 401 })
    }
    const interaction = parseInteraction(body)
    if (Option.isNone(interaction)) return HttpServerResponse.text("not an interaction", { status: 400 })
    const type: Discord.InteractionTypes = interaction.value.type
    // The answer travels in this HTTP reply, so work scheduled for after it starts as we return.
    const response = yield* respondThenRun(dispatch[type](interaction.value)).pipe(
      Effect.provideService(Ix.Interaction, interaction.value),
      Effect.option
    )
    return Option.match(response, {
      onNone: () => HttpServerResponse.text("unknown interaction", { status: 404 }),
      onSome: (answer) => HttpServerResponse.unsafeJson(answer)
    })
  }).pipe(Effect.catchTag("RequestError", () => HttpServerResponse.text("unreadable body", { status: 400 })))

  return HttpRouter.post("/interactions", handle)
})
