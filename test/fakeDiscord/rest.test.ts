/**
 * REST enforcement through the real dfx REST client (no gateway): message limits, empty and
 * undeliverable DMs, history paging, files, the interaction callback rules, unknown routes.
 */
import { NodeHttpClient } from "@effect/platform-node"
import { expect, layer } from "@effect/vitest"
import { DiscordConfig, DiscordREST, DiscordRESTMemoryLive, UI } from "dfx"
import type { DiscordRESTError } from "dfx/DiscordREST"
import { Effect, Layer, Redacted } from "effect"
import { FakeDiscord, type FakeDiscordServer } from "../../src/fakeDiscord/FakeDiscord.js"
import { isJsonObject } from "../../src/fakeDiscord/json.js"

const restFor = (fake: FakeDiscordServer, http: typeof NodeHttpClient.layer = NodeHttpClient.layer) =>
  DiscordRESTMemoryLive.pipe(
    Layer.provide(http),
    Layer.provide(DiscordConfig.layer({ token: Redacted.make(fake.token), rest: { baseUrl: fake.apiUrl } }))
  )

const Suite = Layer.unwrapEffect(Effect.map(FakeDiscord, (fake) => restFor(fake))).pipe(
  Layer.provideMerge(FakeDiscord.layer({ initialResponseDeadlineMs: 300 }))
)

/** Status and Discord error code of a refused call. */
const refusal = <A, R>(call: Effect.Effect<A, DiscordRESTError, R>) =>
  Effect.map(Effect.flip(call), (error) =>
    error._tag === "ErrorResponse"
      ? { status: error.response.status, code: error.cause.code, errors: error.cause.errors }
      : { status: error._tag === "RatelimitedResponse" ? 429 : 0, code: -1, errors: undefined }
  )

/** The first `_errors` code at a dotted path of an `errors` tree. */
const errorAt = (errors: unknown, path: string): unknown => {
  let node = errors
  for (const key of path.split(".")) node = isJsonObject(node) ? node[key] : undefined
  const list = isJsonObject(node) ? node["_errors"] : undefined
  const first: unknown = Array.isArray(list) ? list[0] : undefined
  return isJsonObject(first) ? first["code"] : undefined
}

const longText = (n: number) => "x".repeat(n)

layer(Suite, { excludeTestServices: true, timeout: "30 seconds" })("fake Discord REST enforcement", (it) => {
  it.effect("refuses message bodies over Discord's limits with 50035 and the errors tree", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const rest = yield* DiscordREST
      const channel = fake.channelId("general")
      const button = (n: number) => UI.button({ custom_id: `b${n}`, label: "ok" })
      const options = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `o${i}`, value: `v${i}` }))
      const cases = [
        [{ content: "x", embeds: [{ title: longText(257) }] }, "embeds.0.title", "BASE_TYPE_MAX_LENGTH"],
        [
          { content: "x", embeds: [{ description: longText(4097) }] },
          "embeds.0.description",
          "BASE_TYPE_MAX_LENGTH"
        ],
        [
          { content: "x", embeds: Array.from({ length: 11 }, () => ({ title: "t" })) },
          "embeds",
          "BASE_TYPE_BAD_LENGTH"
        ],
        [
          {
            content: "x",
            embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) }]
          },
          "embeds.0.fields",
          "BASE_TYPE_BAD_LENGTH"
        ],
        [
          { content: "x", embeds: [{ fields: [{ name: longText(257), value: "v" }] }] },
          "embeds.0.fields.0.name",
          "BASE_TYPE_MAX_LENGTH"
        ],
        [
          { content: "x", embeds: [{ fields: [{ name: "n", value: longText(1025) }] }] },
          "embeds.0.fields.0.value",
          "BASE_TYPE_MAX_LENGTH"
        ],
        [
          { content: "x", components: UI.grid([[1, 2, 3, 4, 5, 6].map(button)]) },
          "components.0.components",
          "BASE_TYPE_BAD_LENGTH"
        ],
        [
          { content: "x", components: UI.grid([[1], [2], [3], [4], [5], [6]].map((r) => r.map(button))) },
          "components",
          "BASE_TYPE_BAD_LENGTH"
        ],
        [
          {
            content: "x",
            components: UI.grid([[button(1), UI.select({ custom_id: "s", options: options(2) })]])
          },
          "components.0.components",
          "COMPONENT_LAYOUT_WIDTH_EXCEEDED"
        ],
        [
          { content: "x", components: UI.grid([[UI.select({ custom_id: "s", options: options(26) })]]) },
          "components.0.components.0.options",
          "BASE_TYPE_BAD_LENGTH"
        ],
        [
          { content: "x", components: UI.grid([[UI.button({ custom_id: longText(101), label: "l" })]]) },
          "components.0.components.0.custom_id",
          "BASE_TYPE_MAX_LENGTH"
        ],
        [
          { content: "x", components: UI.grid([[UI.button({ custom_id: "c", label: longText(81) })]]) },
          "components.0.components.0.label",
          "BASE_TYPE_MAX_LENGTH"
        ],
        [
          { content: "x", components: UI.grid([[button(1), button(1)]]) },
          "components.0.components.1.custom_id",
          "COMPONENT_CUSTOM_ID_DUPLICATED"
        ],
        [{ content: longText(2001) }, "content", "BASE_TYPE_MAX_LENGTH"]
      ] as const
      for (const [body, path, code] of cases) {
        const refused = yield* refusal(rest.createMessage(channel, body))
        expect([path, refused.status, refused.code, errorAt(refused.errors, path)]).toEqual([
          path,
          400,
          50035,
          code
        ])
      }
      expect(fake.violations().filter((v) => v.kind === "InvalidFormBody")).toHaveLength(cases.length)
      expect(fake.messages(channel)).toEqual([])
      fake.clearViolations()
    })
  )

  it.effect("refuses empty DMs (50006) and DMs to players who closed them (50007)", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const rest = yield* DiscordREST
      const open = fake.user({ username: "open" })
      const closed = fake.user({ username: "closed", dmsOpen: false })
      const dm = yield* rest.createDm({ recipient_id: open.id })
      expect(dm.id).toBe(open.dmChannelId)
      expect((yield* rest.createDm({ recipient_id: open.id })).id).toBe(dm.id)
      expect(yield* refusal(rest.createMessage(dm.id, { content: "" }))).toMatchObject({
        status: 400,
        code: 50006
      })
      expect(
        yield* refusal(
          rest.createMessage(dm.id, { components: UI.grid([[UI.button({ custom_id: "a", label: "a" })]]) })
        )
      ).toMatchObject({
        status: 400,
        code: 50006
      })
      const closedDm = yield* rest.createDm({ recipient_id: closed.id })
      expect(yield* refusal(rest.createMessage(closedDm.id, { content: "hi" }))).toMatchObject({
        status: 403,
        code: 50007
      })
      expect(fake.violations().map((v) => v.kind)).toEqual([
        "EmptyMessage",
        "EmptyMessage",
        "CannotSendToUser"
      ])
      fake.clearViolations()
    })
  )

  it.effect(
    "pages channel history newest first, with `limit` and `before`, including seeded old messages",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const rest = yield* DiscordREST
        const player = fake.user({ username: "pruner" })
        const channel = player.dmChannelId
        const old = fake.seedMessage({
          channelId: channel,
          content: "from yesterday",
          ageMs: 24 * 60 * 60 * 1000
        })
        for (const n of [1, 2, 3]) yield* rest.createMessage(channel, { content: `m${n}` })
        const page = yield* rest.listMessages(channel, { limit: 2 })
        expect(page.map((m) => m.content)).toEqual(["m3", "m2"])
        const older = yield* rest.listMessages(channel, { limit: 50, before: page[1]?.id ?? "" })
        expect(older.map((m) => m.content)).toEqual(["m1", "from yesterday"])
        expect(older[1]?.timestamp).toBe(new Date(old.createdAt).toISOString())
        yield* rest.deleteMessage(channel, old.id)
        expect(player.dm().map((m) => m.content)).toEqual(["m1", "m2", "m3"])
        expect(
          yield* refusal(rest.bulkDeleteMessages(channel, { messages: page.map((m) => m.id) }))
        ).toMatchObject({ code: 50003 })
        expect(yield* refusal(rest.listMessages(channel, { limit: 101 }))).toMatchObject({
          status: 400,
          code: 50035
        })
        fake.clearViolations()
      })
  )

  it.effect("stores files sent as multipart and serves them", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const rest = yield* DiscordREST
      const channel = fake.channelId("results")
      const sent = yield* rest.withFiles([new File(["replay bytes"], "match.SC2Replay")])(
        rest.createMessage(channel, {
          content: "the replay",
          attachments: [{ id: "0", filename: "match-1.SC2Replay" }]
        })
      )
      expect(sent.attachments.map((a) => [a.filename, a.size])).toEqual([["match-1.SC2Replay", 12]])
      const served = yield* Effect.promise(() => fetch(sent.attachments[0]?.url ?? "").then((r) => r.text()))
      expect(served).toBe("replay bytes")
      expect(fake.requests().at(-1)?.files).toEqual([
        { field: "files[0]", filename: "match.SC2Replay", size: 12 }
      ])
    })
  )

  it.effect("pins a trap: dfx file uploads through NodeHttpClient.layerUndici fail on Node 20", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const upload = Effect.flatMap(DiscordREST, (rest) =>
        rest.withFiles([new File(["x"], "x.txt")])(
          rest.createMessage(fake.channelId("general"), { content: "file" })
        )
      ).pipe(Effect.provide(restFor(fake, NodeHttpClient.layerUndici)))
      const error = yield* Effect.flip(upload)
      // undici 7 does not recognise Node 20's global FormData: "TypeError: action is not a function".
      expect(error._tag === "RequestError" ? error.reason : error._tag).toBe("Transport")
      expect(
        fake.requests().some((r) => r.body === undefined && r.files.some((f) => f.filename === "x.txt"))
      ).toBe(false)
    })
  )

  it.effect("applies the interaction callback rules: one response, within the deadline, with_response", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const rest = yield* DiscordREST
      const player = fake.user({ username: "caller" })
      const create = () =>
        fake.state.interactions.create({
          type: 2,
          userId: player.id,
          channelId: player.dmChannelId,
          guildId: undefined,
          name: "raw",
          sourceMessageId: undefined,
          build: () => ({})
        })
      const first = create()
      const answered = yield* rest.createInteractionResponse(first.id, first.token, {
        params: { with_response: true },
        payload: { type: 4, data: { content: "hi", flags: 64 } }
      })
      const resource = answered.resource
      expect(resource !== undefined && "message" in resource ? resource.message?.content : undefined).toBe(
        "hi"
      )
      expect(answered.interaction.response_message_ephemeral).toBe(true)
      expect(
        yield* refusal(
          rest.createInteractionResponse(first.id, first.token, {
            payload: { type: 4, data: { content: "again" } }
          })
        )
      ).toMatchObject({
        status: 400,
        code: 40060
      })
      expect(
        yield* refusal(rest.createInteractionResponse(create().id, "wrong-token", { payload: { type: 4 } }))
      ).toMatchObject({
        status: 404,
        code: 10062
      })
      const late = create()
      yield* Effect.sleep("400 millis")
      expect(
        yield* refusal(rest.createInteractionResponse(late.id, late.token, { payload: { type: 5 } }))
      ).toMatchObject({
        status: 404,
        code: 10062
      })
      const modalForCommand = create()
      expect(
        yield* refusal(
          rest.createInteractionResponse(modalForCommand.id, modalForCommand.token, {
            payload: { type: 7, data: { content: "x" } }
          })
        )
      ).toMatchObject({
        status: 400,
        code: 50035
      })
      expect(fake.violations().map((v) => v.kind)).toEqual([
        "AlreadyAcknowledged",
        "UnknownInteraction",
        "UnknownInteraction",
        "InvalidFormBody"
      ])
      fake.clearViolations()
    })
  )

  it.effect("answers 401 to a wrong bot token and records routes the fake does not implement", () =>
    Effect.gen(function* () {
      const fake = yield* FakeDiscord
      const wrongToken = DiscordRESTMemoryLive.pipe(
        Layer.provide(NodeHttpClient.layer),
        Layer.provide(
          DiscordConfig.layer({ token: Redacted.make("not-the-token"), rest: { baseUrl: fake.apiUrl } })
        )
      )
      const unauthorized = yield* refusal(
        Effect.flatMap(DiscordREST, (rest) => rest.getMyUser()).pipe(Effect.provide(wrongToken))
      )
      expect(unauthorized).toMatchObject({ status: 401, code: 0 })
      const rest = yield* DiscordREST
      expect(yield* refusal(rest.getGuild(fake.guildId))).toMatchObject({ status: 404, code: 0 })
      expect(fake.violations().map((v) => v.kind)).toEqual(["HttpError", "UnsupportedRoute"])
      fake.clearViolations()
    })
  )
})
