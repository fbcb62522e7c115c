/**
 * A tiny bot built with the real dfx interaction builder, used only by the fake's self-tests
 * (no EvoLadder code): one of each interaction kind, REST use (DMs, edits, follow-ups, files),
 * one deliberately invalid answer and one double answer.
 */
import { HttpClient } from "@effect/platform"
import { Discord, DiscordREST, Ix, UI } from "dfx"
import type { DiscordRESTError } from "dfx/DiscordREST"
import { DiscordGateway } from "dfx/gateway"
import { Effect } from "effect"
import { createHash } from "node:crypto"

const places = ["korea", "kosovo", "france", "finland"]

const echo = Ix.global(
  {
    name: "echo",
    description: "Echo some text",
    options: [
      {
        type: Discord.ApplicationCommandOptionType.STRING,
        name: "text",
        description: "What to echo",
        required: true,
        autocomplete: true
      },
      { type: Discord.ApplicationCommandOptionType.BOOLEAN, name: "private", description: "Only you see it" }
    ]
  },
  (ix) =>
    Effect.succeed(
      Ix.response({
        type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
        data: {
          content: `echo: ${ix.optionValue("text")}`,
          flags: ix.optionValueOrElse("private", () => false) ? Discord.MessageFlags.Ephemeral : undefined,
          embeds: [
            { title: "Echo", fields: [{ name: "Text", value: ix.optionValue("text"), inline: true }] }
          ],
          components: UI.grid([
            [UI.button({ custom_id: "again", label: "Again" })],
            [
              UI.select({
                custom_id: "pick",
                max_values: 2,
                options: [
                  { label: "Red", value: "red" },
                  { label: "Blue", value: "blue" },
                  { label: "Green", value: "green" }
                ]
              })
            ]
          ])
        }
      })
    )
)

const echoComplete = Ix.autocomplete(
  Ix.option("echo", "text"),
  Effect.map(Ix.focusedOptionValue, (typed) =>
    Ix.response({
      type: Discord.InteractionCallbackTypes.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT,
      data: { choices: places.filter((p) => p.startsWith(String(typed))).map((p) => ({ name: p, value: p })) }
    })
  )
)

const again = Ix.messageComponent(
  Ix.id("again"),
  Effect.succeed(
    Ix.response({
      type: Discord.InteractionCallbackTypes.UPDATE_MESSAGE,
      data: {
        content: "again!",
        components: UI.grid([[UI.button({ custom_id: "again", label: "Again", disabled: true })]])
      }
    })
  )
)

const pick = Ix.messageComponent(
  Ix.id("pick"),
  Effect.map(Ix.MessageComponentData, (data) =>
    Ix.response({
      type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: `picked ${"values" in data ? data.values.join(",") : "nothing"}` }
    })
  )
)

const form = Ix.global(
  { name: "form", description: "Open a form" },
  Effect.succeed(
    Ix.response({
      type: Discord.InteractionCallbackTypes.MODAL,
      data: {
        custom_id: "form",
        title: "Your name",
        components: UI.singleColumn([UI.textInput({ custom_id: "name", label: "Name", max_length: 32 })])
      }
    })
  )
)

const formSubmit = Ix.modalSubmit(
  Ix.id("form"),
  Effect.map(Ix.modalValue("name"), (name) =>
    Ix.response({
      type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: `hello ${name}` }
    })
  )
)

/** Answers "thinking…" now; `afterResponse` edits it and adds a follow-up once the answer is out. */
const slow = Ix.global(
  { name: "slow", description: "Answer later" },
  Effect.succeed(Ix.response({ type: Discord.InteractionCallbackTypes.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE }))
)

const userIdOf = (ix: Discord.APIInteraction): string => ix.user?.id ?? ix.member?.user.id ?? ""

/** Opens a DM, sends, edits, sends and deletes, then answers. */
const dm = Ix.global(
  { name: "dm", description: "DM me" },
  Effect.gen(function* () {
    const rest = yield* DiscordREST
    const ix = yield* Ix.Interaction
    const channel = yield* rest.createDm({ recipient_id: userIdOf(ix) })
    const kept = yield* rest.createMessage(channel.id, { content: "hello in DM" })
    yield* rest.updateMessage(channel.id, kept.id, { content: "hello in DM (edited)" })
    const gone = yield* rest.createMessage(channel.id, { content: "temporary" })
    yield* rest.deleteMessage(channel.id, gone.id)
    return Ix.response({
      type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: "sent you a DM" }
    })
  })
)

/** Answers through REST itself, then lets dfx answer again: Discord refuses the second (40060). */
const twice = Ix.global(
  { name: "twice", description: "Answer twice" },
  Effect.gen(function* () {
    const rest = yield* DiscordREST
    const ix = yield* Ix.Interaction
    yield* rest.createInteractionResponse(ix.id, ix.token, {
      payload: {
        type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
        data: { content: "first" }
      }
    })
    return Ix.response({
      type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: "second" }
    })
  })
)

/** Six buttons in one row: Discord allows five. */
const bad = Ix.global(
  { name: "bad", description: "An invalid answer" },
  Effect.succeed(
    Ix.response({
      type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
      data: {
        content: "too many buttons",
        components: UI.grid([[1, 2, 3, 4, 5, 6].map((n) => UI.button({ custom_id: `b${n}`, label: `${n}` }))])
      }
    })
  )
)

/** A reply with a file (multipart upload). */
const file = Ix.global(
  { name: "file", description: "Send a file" },
  Effect.succeed(
    Ix.response({
      type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
      data: { content: "here is your file", attachments: [{ id: "0", filename: "report.txt" }] },
      files: [new File(["report body"], "report.txt", { type: "text/plain" })]
    })
  )
)

export const fixtureCommands = Ix.builder
  .add(echo)
  .add(echoComplete)
  .add(again)
  .add(pick)
  .add(form)
  .add(formSubmit)
  .add(slow)
  .add(dm)
  .add(twice)
  .add(bad)

/** Files in answers only travel through REST (the gateway deployment); webhook answers are JSON. */
export const fixtureCommandsWithFiles = fixtureCommands.add(file)

/** The `/slow` edit of @original and follow-up, which must wait until the interaction has been answered. */
export const finishSlow = (
  applicationId: string,
  token: string
): Effect.Effect<void, DiscordRESTError, DiscordREST> =>
  Effect.gen(function* () {
    const rest = yield* DiscordREST
    yield* rest.updateOriginalWebhookMessage(applicationId, token, { payload: { content: "slow done" } })
    yield* rest.executeWebhook(applicationId, token, { payload: { content: "slow follow-up" } })
  })

/** Work after the answer, for the gateway's post-handler. */
export const afterResponse = (
  ix: Discord.APIInteraction
): Effect.Effect<void, DiscordRESTError, DiscordREST> => {
  const data = ix.data
  return data !== undefined && "name" in data && data.name === "slow"
    ? finishSlow(ix.application_id, ix.token)
    : Effect.void
}

/** DMs with an attachment: downloads it from the fake over HTTP and answers with its size and hash. */
export const replayUploads = Effect.gen(function* () {
  const gateway = yield* DiscordGateway
  const rest = yield* DiscordREST
  const http = yield* HttpClient.HttpClient
  return yield* gateway.handleDispatch("MESSAGE_CREATE", (message) =>
    Effect.gen(function* () {
      const attachment = message.attachments[0]
      if (message.author.bot === true || attachment === undefined) return
      const bytes = new Uint8Array(yield* Effect.flatMap(http.get(attachment.url), (r) => r.arrayBuffer))
      const digest = createHash("sha256").update(bytes).digest("hex")
      yield* rest.createMessage(message.channel_id, {
        content: `received ${attachment.filename}: ${bytes.length} bytes, sha256 ${digest}`
      })
    }).pipe(Effect.catchAllCause(Effect.logError))
  )
})
