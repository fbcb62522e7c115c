/**
 * The real dfx gateway client (DiscordIxLive, unchanged) against the fake: commands registered,
 * every interaction kind answered, REST use, DMs with attachments, enforcement, 429s and resume.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { expect, layer } from "@effect/vitest"
import { DiscordConfig, DiscordREST, Intents, Ix } from "dfx"
import { DiscordIxLive, runIx } from "dfx/gateway"
import { Effect, Layer, pipe, Redacted } from "effect"
import { createHash } from "node:crypto"
import { FakeDiscord, type FakeDiscordServer } from "../../src/fakeDiscord/FakeDiscord.js"
import { afterResponse, fixtureCommandsWithFiles, replayUploads } from "./fixture-bot.js"
import * as GatewayRedirect from "../../src/fakeDiscord/GatewayRedirect.js"
import { componentsOf, fieldsOf } from "../../src/fakeDiscord/views.js"

/** The fixture bot on the real dfx gateway stack, configured only with the fake's URLs. */
const bot = (fake: FakeDiscordServer) =>
  Layer.scopedDiscard(
    Effect.gen(function* () {
      yield* pipe(
        fixtureCommandsWithFiles,
        // The post-handler runs after dfx has sent the callback: the right place for deferred work.
        runIx((handled) =>
          handled.pipe(
            Effect.zipRight(Effect.flatMap(Ix.Interaction, afterResponse)),
            Effect.catchAllCause(Effect.logError)
          )
        ),
        Effect.forkScoped
      )
      yield* Effect.forkScoped(replayUploads)
    })
  ).pipe(
    Layer.provideMerge(DiscordIxLive),
    // Not layerUndici: on Node 20 undici 7 does not accept the global FormData dfx builds for
    // file uploads ("action is not a function"); rest.test.ts pins that down.
    Layer.provide(NodeHttpClient.layer),
    Layer.provide(
      DiscordConfig.layer({
        token: Redacted.make(fake.token),
        rest: { baseUrl: fake.apiUrl },
        gateway: { intents: Intents.fromList(["Guilds", "DirectMessages"]) }
      })
    ),
    Layer.provide(GatewayRedirect.layer(fake.gatewayUrl))
  )

const Suite = Layer.unwrapEffect(Effect.map(FakeDiscord, bot)).pipe(
  Layer.provideMerge(FakeDiscord.layer({ heartbeatIntervalMs: 1000 }))
)

layer(Suite, { excludeTestServices: true, timeout: "30 seconds" })("fake Discord + dfx gateway bot", (it) => {
  it.effect("registers the commands through the real bulk overwrite", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const commands = yield* fake.waitForCommands(["echo", "form", "slow", "dm"])
      yield* fake.waitForReady()
      expect(commands.map((c) => c.name)).toEqual(["echo", "form", "slow", "dm", "twice", "bad", "file"])
      expect(
        fake.requests().some((r) => r.route === "PUT /applications/:app/commands" && r.status === 200)
      ).toBe(true)
      expect(fake.gateway.connections()[0]?.url).toBe("/gateway?v=10&encoding=json")
      expect(fake.gateway.connections()[0]?.handshake).toBe("identify")
    })
  )

  it.effect("answers a slash command with embeds and components, ephemeral on request", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const alice = fake.user({ username: "alice" })
      const reply = yield* alice.command("echo", { text: "hi" })
      expect(reply.callbackType).toBe(4)
      expect(reply.content).toBe("echo: hi")
      expect(reply.embeds[0]?.title).toBe("Echo")
      expect(fieldsOf(reply.embeds[0])).toEqual({ Text: "hi" })
      expect(componentsOf(reply).map((c) => [c.type, c.customId])).toEqual([
        ["button", "again"],
        ["string_select", "pick"]
      ])
      expect(reply.ephemeral).toBe(false)
      expect(alice.dm().map((m) => m.content)).toEqual(["echo: hi"])
      const secret = yield* alice.command("echo", { text: "psst", private: true }, { in: "guild" })
      expect(secret.ephemeral).toBe(true)
      expect(secret.message?.visibleTo).toBe(alice.id)
      const interaction = fake.interactions().find((i) => i.id === secret.interactionId)
      expect(interaction?.guildId).toBe(fake.guildId)
      fake.assertNoViolations()
    })
  )

  it.effect("refuses what a player could not do", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const alice = fake.user({ username: "alice2" })
      const missing = yield* Effect.flip(alice.command("echo"))
      expect(missing.reason).toBe("InvalidAction")
      expect(missing.message).toContain(`needs option "text"`)
      const unknown = yield* Effect.flip(alice.command("nope", {}, { timeoutMs: 300 }))
      expect(unknown.reason).toBe("Timeout")
    })
  )

  it.effect("offers autocomplete choices", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const choices = yield* fake.user({ username: "bob" }).autocomplete("echo", "text", "ko")
      expect(choices.map((c) => c.value)).toEqual(["korea", "kosovo"])
    })
  )

  it.effect("updates the message a button sits on, and a disabled button cannot be clicked", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const carol = fake.user({ username: "carol" })
      const reply = yield* carol.command("echo", { text: "click me" })
      const clicked = yield* carol.click(reply, "again")
      expect(clicked.callbackType).toBe(7)
      expect(clicked.message?.id).toBe(reply.message?.id)
      expect(clicked.content).toBe("again!")
      expect(componentsOf(clicked)[0]?.disabled).toBe(true)
      const refused = yield* Effect.flip(carol.click(clicked, "again"))
      expect(refused.reason).toBe("InvalidAction")
      const stranger = fake.user({ username: "stranger" })
      expect((yield* Effect.flip(stranger.click(clicked, "again"))).message).toContain("cannot see")
    })
  )

  it.effect("answers a select with the chosen values", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const dave = fake.user({ username: "dave" })
      const reply = yield* dave.command("echo", { text: "choose" })
      const picked = yield* dave.select(reply, "pick", ["red", "blue"])
      expect(picked.content).toBe("picked red,blue")
      expect((yield* Effect.flip(dave.select(reply, "pick", ["purple"]))).reason).toBe("InvalidAction")
    })
  )

  it.effect("opens a modal and answers its submission", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const erin = fake.user({ username: "erin" })
      const opened = yield* erin.command("form")
      expect(opened.callbackType).toBe(9)
      expect(opened.modal?.title).toBe("Your name")
      expect(opened.modal?.inputs.map((i) => [i.customId, i.label, i.maxLength])).toEqual([
        ["name", "Name", 32]
      ])
      expect((yield* Effect.flip(erin.submitModal(opened, { name: "x".repeat(33) }))).reason).toBe(
        "InvalidAction"
      )
      const submitted = yield* erin.submitModal(opened, { name: "Erin" })
      expect(submitted.content).toBe("hello Erin")
    })
  )

  it.effect("resolves a deferred reply with the later edit of @original, then a follow-up", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const reply = yield* fake.user({ username: "frank" }).command("slow")
      expect(reply.callbackType).toBe(5)
      expect(reply.content).toBe("slow done")
      expect(reply.message?.loading).toBe(false)
      const followups = yield* fake.waitFor(() => {
        const list = fake.followups(reply)
        return list.length > 0 ? list : undefined
      })
      expect(followups.map((m) => m.content)).toEqual(["slow follow-up"])
      fake.assertNoViolations()
    })
  )

  it.effect("opens a DM and sends, edits and deletes messages in it", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const gina = fake.user({ username: "gina" })
      const reply = yield* gina.command("dm", {}, { in: "guild" })
      expect(reply.content).toBe("sent you a DM")
      expect(gina.dm().map((m) => [m.content, m.editedAt !== undefined])).toEqual([
        ["hello in DM (edited)", true]
      ])
      expect(
        fake
          .requests()
          .some((r) => r.route === "DELETE /channels/:channel/messages/:message" && r.status === 204)
      ).toBe(true)
      fake.assertNoViolations()
    })
  )

  it.effect("stores files sent with an answer and serves them over HTTP", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const reply = yield* fake.user({ username: "hank" }).command("file")
      const attachment = reply.message?.attachments[0]
      expect(attachment?.filename).toBe("report.txt")
      const body = yield* Effect.promise(() => fetch(attachment?.url ?? "").then((r) => r.text()))
      expect(body).toBe("report body")
    })
  )

  it.effect("delivers a DM with an attachment that the bot downloads from the fake", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const ivy = fake.user({ username: "ivy" })
      const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256)
      yield* ivy.sendDm({ content: "my replay", attachments: [{ filename: "game.SC2Replay", bytes }] })
      const answer = yield* fake.waitFor(() => ivy.dm().find((m) => m.fromBot))
      const digest = createHash("sha256").update(bytes).digest("hex")
      expect(answer.content).toBe(`received game.SC2Replay: 4096 bytes, sha256 ${digest}`)
    })
  )

  it.effect("refuses a second response to one interaction (40060)", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const reply = yield* fake.user({ username: "jack" }).command("twice")
      expect(reply.content).toBe("first")
      const violation = yield* fake.waitFor(() =>
        fake.violations().find((v) => v.kind === "AlreadyAcknowledged")
      )
      expect([violation.status, violation.code, violation.message]).toEqual([
        400,
        40060,
        "Interaction has already been acknowledged."
      ])
      fake.clearViolations()
    })
  )

  it.effect("refuses an answer with six buttons in a row, and the player sees the failure", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const failure = yield* Effect.flip(fake.user({ username: "kate" }).command("bad"))
      expect(failure.reason).toBe("Rejected")
      expect(failure.message).toContain("Invalid Form Body")
      const violation = fake.violations().find((v) => v.kind === "InvalidFormBody")
      expect(violation?.errors).toEqual({
        data: {
          components: {
            "0": {
              components: {
                _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 5 in length." }]
              }
            }
          }
        }
      })
      fake.clearViolations()
    })
  )

  it.effect("answers an armed 429 that dfx waits out and retries", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      fake.rateLimitNext("POST /channels/:channel/messages", { retryAfter: 0.3 })
      const reply = yield* fake.user({ username: "liam" }).command("dm")
      expect(reply.content).toBe("sent you a DM")
      const posts = fake.requests().filter((r) => r.route === "POST /channels/:channel/messages")
      const limited = posts.findIndex((r) => r.rateLimited)
      expect(limited).toBeGreaterThanOrEqual(0)
      const retried = posts[limited + 1]
      expect(retried?.status).toBe(200)
      expect((retried?.at ?? 0) - (posts[limited]?.at ?? 0)).toBeGreaterThanOrEqual(290)
      fake.assertNoViolations()
    })
  )

  it.effect("expires interaction tokens after 15 minutes (50027)", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const rest = yield* DiscordREST
      const reply = yield* fake.user({ username: "mia" }).command("echo", { text: "old" })
      const token = fake.interactions().find((i) => i.id === reply.interactionId)?.token ?? ""
      fake.expireInteraction(reply)
      const error = yield* Effect.flip(
        rest.executeWebhook(fake.applicationId, token, { payload: { content: "late" } })
      )
      expect(error._tag).toBe("ErrorResponse")
      expect(fake.violations().map((v) => [v.kind, v.status, v.code])).toEqual([
        ["InvalidWebhookToken", 401, 50027]
      ])
      fake.clearViolations()
    })
  )

  it.effect("keeps the session through a dropped connection: RESUME replays what was missed", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      yield* fake.waitFor(() => (fake.gateway.connections()[0]?.heartbeats ?? 0) > 0, {
        description: "a heartbeat (interval 1 s)"
      })
      fake.gateway.drop()
      // Dispatched while the bot is disconnected: delivered when it resumes.
      const reply = yield* fake.user({ username: "noah" }).command("echo", { text: "after the drop" })
      expect(reply.content).toBe("echo: after the drop")
      const connections = fake.gateway.connections()
      expect(connections.map((c) => c.handshake)).toEqual(["identify", "resume"])
      expect(connections[1]?.url).toBe("/gateway/resume?v=10&encoding=json")
      fake.assertNoViolations()
    })
  )
})
