/**
 * The fake and the real dfx gateway client under `TestClock` (`it.scoped`): the fake's clock is the
 * test's, so `TestClock.adjust` ages interactions (the 15-minute token lifetime) while the fake's
 * waits still time out in real time.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { expect, it } from "@effect/vitest"
import { DiscordConfig, DiscordREST } from "dfx"
import { DiscordIxLive, runIx } from "dfx/gateway"
import { Context, Effect, Layer, pipe, Redacted, TestClock } from "effect"
import { FakeDiscord } from "../../src/fakeDiscord/FakeDiscord.js"
import { fixtureCommands } from "./fixture-bot.js"
import * as GatewayRedirect from "../../src/fakeDiscord/GatewayRedirect.js"

it.scoped("runs under TestClock: answers arrive, and adjusting the clock expires interaction tokens", () =>
  Effect.gen(function* () {
    const fake = yield* FakeDiscord.make()
    const bot = Layer.scopedDiscard(
      Effect.forkScoped(pipe(fixtureCommands, runIx(Effect.catchAllCause(Effect.logError))))
    ).pipe(
      Layer.provideMerge(DiscordIxLive),
      Layer.provide(NodeHttpClient.layer),
      Layer.provide(
        DiscordConfig.layer({ token: Redacted.make(fake.token), rest: { baseUrl: fake.apiUrl } })
      ),
      Layer.provide(GatewayRedirect.layer(fake.gatewayUrl))
    )
    const rest = Context.get(yield* Layer.build(bot), DiscordREST)
    const reply = yield* fake.user({ username: "tess" }).command("echo", { text: "on test time" })
    expect(reply.content).toBe("echo: on test time")
    const token = fake.interactions().find((i) => i.id === reply.interactionId)?.token ?? ""
    yield* TestClock.adjust("16 minutes")
    const late = yield* Effect.flip(
      rest.executeWebhook(fake.applicationId, token, { payload: { content: "late" } })
    )
    expect(late._tag).toBe("ErrorResponse")
    expect(fake.violations().map((v) => [v.kind, v.code])).toEqual([["InvalidWebhookToken", 50027]])
  })
)
