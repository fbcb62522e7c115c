/**
 * The same fixture bot served as Discord HTTP interactions (dfx `makeHandler` + `webhookLayer`
 * behind an @effect/platform HTTP server): the fake signs every interaction with its Ed25519 key
 * and takes the HTTP answer as the callback. Bad signatures must be refused with 401.
 */
import { HttpRouter, HttpServer, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { NodeHttpClient, NodeHttpServer } from "@effect/platform-node"
import { expect, layer } from "@effect/vitest"
import { DiscordConfig, DiscordREST } from "dfx"
import { DiscordLive, makeHandler, webhookLayer } from "dfx/webhooks"
import { Cause, Deferred, Effect, Layer, Option, Redacted } from "effect"
import { createServer } from "node:http"
import { FakeDiscord, type FakeDiscordServer } from "../../src/fakeDiscord/FakeDiscord.js"
import { finishSlow, fixtureCommands } from "./fixture-bot.js"
import { field, isJsonObject, parseJson, str } from "../../src/fakeDiscord/json.js"
import { componentsOf, fieldsOf } from "../../src/fakeDiscord/views.js"

const handle = makeHandler(fixtureCommands)

/** POST /interactions: verify, handle, answer with JSON; `/slow` finishes after the answer is out. */
const interactionsRoute = Effect.gen(function* () {
  const rest = yield* DiscordREST
  return Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const body = yield* request.text
    const answer = yield* Deferred.make<HttpServerResponse.HttpServerResponse>()
    yield* handle({
      headers: request.headers,
      body,
      success: (response) => Deferred.succeed(answer, HttpServerResponse.unsafeJson(response)),
      error: (cause) => {
        const bad = Option.exists(Cause.failureOption(cause), (e) => e._tag === "BadWebhookSignature")
        return Deferred.succeed(
          answer,
          HttpServerResponse.text(bad ? "invalid request signature" : "error", { status: bad ? 401 : 500 })
        )
      }
    }).pipe(Effect.provideService(DiscordREST, rest))
    const interaction = parseJson(body)
    if (str(field(interaction, "data"), "name") === "slow")
      yield* Effect.forkDaemon(
        finishSlow(str(interaction, "application_id") ?? "", str(interaction, "token") ?? "").pipe(
          Effect.provideService(DiscordREST, rest),
          Effect.catchAllCause(Effect.logError)
        )
      )
    return yield* Deferred.await(answer)
  })
})

const endpoint = (fake: FakeDiscordServer) =>
  Layer.unwrapEffect(
    Effect.map(interactionsRoute, (route) =>
      HttpRouter.empty.pipe(HttpRouter.post("/interactions", route), HttpServer.serve())
    )
  ).pipe(
    Layer.provide(
      webhookLayer({
        applicationId: fake.applicationId,
        publicKey: Redacted.make(fake.publicKeyHex),
        crypto: globalThis.crypto.subtle,
        algorithm: "NewNode"
      })
    ),
    Layer.provideMerge(NodeHttpServer.layer(() => createServer(), { port: 0, host: "127.0.0.1" })),
    Layer.provideMerge(DiscordLive),
    Layer.provide(NodeHttpClient.layer),
    Layer.provide(DiscordConfig.layer({ token: Redacted.make(fake.token), rest: { baseUrl: fake.apiUrl } }))
  )

/** Registers the commands once over REST (no gateway here) and points the fake at the endpoint. */
const setup = (fake: FakeDiscordServer) =>
  Layer.effectDiscard(
    Effect.gen(function* () {
      const rest = yield* DiscordREST
      const commands = fixtureCommands.definitions.pipe((chunk) =>
        [...chunk].flatMap(([d]) => (d._tag === "GlobalApplicationCommand" ? [d.command] : []))
      )
      yield* rest.bulkSetApplicationCommands(fake.applicationId, commands)
      const address = yield* HttpServer.addressWith((a) => Effect.succeed(a))
      const port = address._tag === "TcpAddress" ? address.port : 0
      yield* fake.webhook.setEndpoint(`http://127.0.0.1:${port}/interactions`)
    })
  ).pipe(Layer.provideMerge(endpoint(fake)))

const Suite = Layer.unwrapEffect(Effect.map(FakeDiscord, setup)).pipe(Layer.provideMerge(FakeDiscord.layer()))

layer(Suite, { excludeTestServices: true, timeout: "30 seconds" })(
  "fake Discord + dfx webhook handler",
  (it) => {
    it.effect(
      "accepted the endpoint the way Discord checks it (signed PING answered, forged PING refused)",
      () =>
        Effect.gen(function* () {
          const fake = yield* FakeDiscord
          expect(fake.webhook.endpoint()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interactions$/)
          expect(fake.commands().map((c) => c.name)).toContain("echo")
        })
    )

    it.effect("answers a slash command in the HTTP response", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const alice = fake.user({ username: "alice" })
        const reply = yield* alice.command("echo", { text: "over http" })
        expect(reply.content).toBe("echo: over http")
        expect(fieldsOf(reply.embeds[0])).toEqual({ Text: "over http" })
        expect(fake.interactions().find((i) => i.id === reply.interactionId)?.ack?.via).toBe("webhook")
        const choices = yield* alice.autocomplete("echo", "text", "f")
        expect(choices.map((c) => c.name)).toEqual(["france", "finland"])
        const clicked = yield* alice.click(reply, "again")
        expect([clicked.callbackType, clicked.content, componentsOf(clicked)[0]?.disabled]).toEqual([
          7,
          "again!",
          true
        ])
        fake.assertNoViolations()
      })
    )

    it.effect("answers a select and a modal submission", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const bob = fake.user({ username: "bob" })
        const reply = yield* bob.command("echo", { text: "pick" }, { in: "guild" })
        expect((yield* bob.select(reply, "pick", ["green"])).content).toBe("picked green")
        const opened = yield* bob.command("form")
        expect((yield* bob.submitModal(opened, { name: "Bob" })).content).toBe("hello Bob")
        fake.assertNoViolations()
      })
    )

    it.effect("resolves a deferred answer with the edit made after the HTTP response, then a follow-up", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const reply = yield* fake.user({ username: "carol" }).command("slow")
        expect([reply.callbackType, reply.content]).toEqual([5, "slow done"])
        const followups = yield* fake.waitFor(() =>
          fake.followups(reply).length > 0 ? fake.followups(reply) : undefined
        )
        expect(followups.map((m) => m.content)).toEqual(["slow follow-up"])
        fake.assertNoViolations()
      })
    )

    it.effect("lets the handler use REST: a DM sent, edited and deleted", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const dave = fake.user({ username: "dave" })
        expect((yield* dave.command("dm", {}, { in: "guild" })).content).toBe("sent you a DM")
        expect(dave.dm().map((m) => m.content)).toEqual(["hello in DM (edited)"])
        fake.assertNoViolations()
      })
    )

    it.effect("refuses a second answer and an invalid one, as over the gateway", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const erin = fake.user({ username: "erin" })
        expect((yield* erin.command("twice")).content).toBe("first")
        yield* fake.waitFor(() => fake.violations().find((v) => v.kind === "AlreadyAcknowledged"))
        const bad = yield* Effect.flip(erin.command("bad"))
        expect(bad.reason).toBe("Rejected")
        expect(fake.violations().map((v) => v.kind)).toEqual(["AlreadyAcknowledged", "InvalidFormBody"])
        fake.clearViolations()
      })
    )

    it.effect("refuses forged, tampered, stale and unsigned requests with 401", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const url = fake.webhook.endpoint() ?? ""
        const valid = yield* fake.webhook.send(url, "valid")
        expect(valid.status).toBe(200)
        expect(isJsonObject(valid.body) ? valid.body["type"] : undefined).toBe(1)
        for (const attempt of [
          fake.webhook.forged(url),
          fake.webhook.tampered(url),
          fake.webhook.stale(url),
          fake.webhook.unsigned(url)
        ])
          expect((yield* attempt).status).toBe(401)
      })
    )
  }
)
