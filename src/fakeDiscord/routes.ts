/** REST API v10: the routes dfx calls for a ladder bot, each checking what Discord checks. */
import type { ParsedBody } from "./body.js"
import { toApiUser } from "./directory.js"
import {
  badRequest,
  cannotEditOthersMessage,
  cannotExecuteOnDm,
  cannotSendToUser,
  DiscordApiError,
  emptyMessage,
  invalidFormBody,
  unknownChannel,
  unknownMessage,
  unknownUser
} from "./errors.js"
import { compareSnowflakes } from "./ids.js"
import { arr, idOf, jsonArray } from "./json.js"
import type { InteractionState } from "./interactions.js"
import { dispatchMessageCreate, type FakeState } from "./state.js"
import { validateCommands } from "./validate-commands.js"
import { isEmptyMessage, MessageFlag, validateMessage } from "./validate-message.js"

export interface Call {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly params: Readonly<Record<string, string>>
  readonly body: ParsedBody
}

export interface Answer {
  readonly status: number
  readonly json?: unknown
}

export interface Route {
  readonly method: string
  readonly pattern: string
  /** Routes that authenticate with the interaction token in the URL instead of the bot token. */
  readonly tokenAuth?: boolean
  readonly handle: (state: FakeState, call: Call) => Answer | Promise<Answer>
}

const ok = (json: unknown): Answer => ({ status: 200, json })
const noContent: Answer = { status: 204 }
/** Flags a bot may set on a channel message; others (ephemeral, loading) are ignored like on Discord. */
const channelMessageFlags =
  MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2
const twoWeeksMs = 14 * 24 * 60 * 60 * 1000

const channelOf = (state: FakeState, id: string | undefined) => {
  const channel = id === undefined ? undefined : state.directory.channels.get(id)
  if (channel === undefined) throw unknownChannel()
  return channel
}

const channelJson = (state: FakeState, id: string | undefined) => {
  const channel = channelOf(state, id)
  const last = state.messages.inChannel(channel.id).at(-1)?.id ?? null
  if (channel.type === 1) {
    const recipient = state.directory.apiUser(channel.recipientId ?? "")
    return {
      id: channel.id,
      type: 1,
      last_message_id: last,
      flags: 0,
      recipients: recipient === undefined ? [] : [recipient]
    }
  }
  return {
    id: channel.id,
    type: 0,
    guild_id: channel.guildId,
    name: channel.name,
    position: 0,
    last_message_id: last,
    nsfw: false,
    flags: 0,
    permission_overwrites: []
  }
}

/** A message in this channel that the bot can see (ephemeral messages are not in channel history). */
const channelMessage = (state: FakeState, call: Call) => {
  const channel = channelOf(state, call.params["channel"])
  const message = state.messages.get(call.params["message"] ?? "")
  if (
    message === undefined ||
    message.channelId !== channel.id ||
    message.deletedAt !== undefined ||
    message.visibleTo !== undefined
  )
    throw unknownMessage()
  return { channel, message }
}

const tokenState = (state: FakeState, call: Call): InteractionState =>
  state.interactions.forToken(call.params["app"] ?? "", call.params["token"] ?? "")

const wire = (state: FakeState, message: Parameters<FakeState["messages"]["toWire"]>[0]) =>
  state.messages.toWire(message, state.directory)

const gatewayBot = (state: FakeState) => ({
  url: state.urls().gateway,
  shards: 1,
  session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 }
})

export const routes: ReadonlyArray<Route> = [
  { method: "GET", pattern: "/gateway", handle: (s) => ok({ url: s.urls().gateway }) },
  { method: "GET", pattern: "/gateway/bot", handle: (s) => ok(gatewayBot(s)) },
  {
    method: "GET",
    pattern: "/applications/@me",
    handle: (s) =>
      ok({
        id: s.settings.applicationId,
        name: s.directory.bot.username,
        icon: null,
        description: "",
        summary: "",
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: s.keys.publicKeyHex,
        flags: 0,
        team: null,
        bot: s.directory.apiUser(s.directory.bot.id)
      })
  },
  {
    method: "GET",
    pattern: "/applications/:app/commands",
    handle: (s) => ok(s.commands.list().map((c) => c.definition))
  },
  {
    method: "PUT",
    pattern: "/applications/:app/commands",
    handle: (s, c) => registerCommands(s, c, undefined)
  },
  {
    method: "GET",
    pattern: "/applications/:app/guilds/:guild/commands",
    handle: (s, c) => ok(s.commands.list(c.params["guild"]).map((x) => x.definition))
  },
  {
    method: "PUT",
    pattern: "/applications/:app/guilds/:guild/commands",
    handle: (s, c) => registerCommands(s, c, c.params["guild"])
  },
  { method: "GET", pattern: "/users/@me", handle: (s) => ok(s.directory.apiUser(s.directory.bot.id)) },
  {
    method: "GET",
    pattern: "/users/@me/guilds",
    handle: (s, c) => {
      const { guild } = s.directory
      const after = c.query.get("after")
      const before = c.query.get("before")
      const listed =
        (after !== null && compareSnowflakes(guild.id, after) <= 0) ||
        (before !== null && compareSnowflakes(guild.id, before) >= 0)
      return ok(
        listed
          ? []
          : [
              {
                id: guild.id,
                name: guild.name,
                icon: null,
                banner: null,
                owner: false,
                permissions: "0",
                features: []
              }
            ]
      )
    }
  },
  {
    method: "POST",
    pattern: "/users/@me/channels",
    handle: (s, c) => {
      const user = s.directory.users.get(idOf(c.body.json, "recipient_id") ?? "")
      if (user === undefined) throw unknownUser()
      return ok(channelJson(s, s.directory.dmChannel(user.id).id))
    }
  },
  {
    method: "GET",
    pattern: "/users/:user",
    handle: (s, c) => {
      const user = s.directory.users.get(c.params["user"] ?? "")
      if (user === undefined) throw unknownUser()
      return ok(toApiUser(user))
    }
  },
  { method: "GET", pattern: "/channels/:channel", handle: (s, c) => ok(channelJson(s, c.params["channel"])) },
  { method: "GET", pattern: "/channels/:channel/messages", handle: listMessages },
  { method: "POST", pattern: "/channels/:channel/messages", handle: createMessage },
  { method: "POST", pattern: "/channels/:channel/messages/bulk-delete", handle: bulkDelete },
  {
    method: "GET",
    pattern: "/channels/:channel/messages/:message",
    handle: (s, c) => ok(wire(s, channelMessage(s, c).message))
  },
  { method: "PATCH", pattern: "/channels/:channel/messages/:message", handle: editMessage },
  {
    method: "DELETE",
    pattern: "/channels/:channel/messages/:message",
    handle: (s, c) => {
      const { channel, message } = channelMessage(s, c)
      if (message.authorId !== s.directory.bot.id && channel.type === 1) throw cannotExecuteOnDm()
      s.messages.remove(message)
      return noContent
    }
  },
  {
    method: "POST",
    pattern: "/interactions/:interaction/:token/callback",
    tokenAuth: true,
    handle: (s, c) => {
      const interaction = s.interactions.callback(
        c.params["interaction"] ?? "",
        c.params["token"] ?? "",
        c.body.json,
        c.body.files,
        "rest"
      )
      return c.query.get("with_response") === "true" ? ok(callbackResponse(s, interaction)) : noContent
    }
  },
  {
    method: "POST",
    pattern: "/webhooks/:app/:token",
    tokenAuth: true,
    handle: (s, c) => ok(wire(s, s.interactions.followup(tokenState(s, c), c.body.json, c.body.files)))
  },
  {
    method: "GET",
    pattern: "/webhooks/:app/:token/messages/:message",
    tokenAuth: true,
    handle: (s, c) => ok(wire(s, s.interactions.message(tokenState(s, c), c.params["message"] ?? "")))
  },
  {
    method: "PATCH",
    pattern: "/webhooks/:app/:token/messages/:message",
    tokenAuth: true,
    handle: (s, c) =>
      ok(wire(s, s.interactions.edit(tokenState(s, c), c.params["message"] ?? "", c.body.json, c.body.files)))
  },
  {
    method: "DELETE",
    pattern: "/webhooks/:app/:token/messages/:message",
    tokenAuth: true,
    handle: (s, c) => {
      s.interactions.remove(tokenState(s, c), c.params["message"] ?? "")
      return noContent
    }
  }
]

function registerCommands(state: FakeState, call: Call, guildId: string | undefined): Answer {
  if (call.params["app"] !== state.settings.applicationId)
    throw new DiscordApiError({ status: 404, code: 10002, message: "Unknown Application" })
  const bodies = jsonArray(call.body.json)
  if (bodies === undefined) throw badRequest("Invalid Form Body")
  const issues = validateCommands(bodies)
  if (issues.length > 0) throw invalidFormBody(issues)
  return ok(state.commands.overwrite(guildId, bodies).map((c) => c.definition))
}

function listMessages(state: FakeState, call: Call): Answer {
  const channel = channelOf(state, call.params["channel"])
  const limit = Number(call.query.get("limit") ?? "50")
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidFormBody([
      { path: ["limit"], code: "NUMBER_TYPE_MAX", message: "Must be between 1 and 100." }
    ])
  const before = call.query.get("before")
  const after = call.query.get("after")
  const visible = state.messages.inChannel(channel.id).filter((m) => m.visibleTo === undefined)
  const newestFirst = [...visible].reverse()
  const page =
    before !== null
      ? newestFirst.filter((m) => compareSnowflakes(m.id, before) < 0).slice(0, limit)
      : after !== null
        ? visible
            .filter((m) => compareSnowflakes(m.id, after) > 0)
            .slice(0, limit)
            .reverse()
        : newestFirst.slice(0, limit)
  return ok(page.map((m) => wire(state, m)))
}

function createMessage(state: FakeState, call: Call): Answer {
  const channel = channelOf(state, call.params["channel"])
  if (channel.type === 1) {
    const recipient = state.directory.users.get(channel.recipientId ?? "")
    if (recipient === undefined || !recipient.dmsOpen) throw cannotSendToUser()
  }
  const draft = state.messages.draft(undefined, channel.id, call.body.json, call.body.files)
  const issues = validateMessage(draft, [])
  if (issues.length > 0) throw invalidFormBody(issues)
  if (isEmptyMessage(draft)) throw emptyMessage()
  const message = state.messages.insert(
    { channelId: channel.id, authorId: state.directory.bot.id },
    { ...draft, flags: draft.flags & channelMessageFlags },
    call.body.json
  )
  dispatchMessageCreate(state, message)
  return ok(wire(state, message))
}

function editMessage(state: FakeState, call: Call): Answer {
  const { message } = channelMessage(state, call)
  if (message.authorId !== state.directory.bot.id) throw cannotEditOthersMessage()
  const draft = state.messages.draft(message, message.channelId, call.body.json, call.body.files)
  const issues = validateMessage(draft, [])
  if (issues.length > 0) throw invalidFormBody(issues)
  if (isEmptyMessage(draft)) throw emptyMessage()
  state.messages.applyEdit(message, draft, call.body.json)
  return ok(wire(state, message))
}

function bulkDelete(state: FakeState, call: Call): Answer {
  const channel = channelOf(state, call.params["channel"])
  if (channel.type === 1) throw cannotExecuteOnDm()
  const ids = arr(call.body.json, "messages").flatMap((id) => (typeof id === "string" ? [id] : []))
  if (ids.length < 2 || ids.length > 100)
    throw invalidFormBody([
      { path: ["messages"], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 2 and 100 in length." }
    ])
  const found = ids.map((id) => state.messages.get(id))
  for (const message of found) {
    if (message === undefined || message.channelId !== channel.id || message.deletedAt !== undefined)
      throw unknownMessage()
    if (state.ids.now() - message.createdAt > twoWeeksMs)
      throw new DiscordApiError({
        status: 400,
        code: 50034,
        message: "You can only bulk delete messages that are under 14 days old."
      })
  }
  for (const message of found) if (message !== undefined) state.messages.remove(message)
  return noContent
}

/** `?with_response=true`: Discord's interaction callback response object. */
const callbackResponse = (state: FakeState, interaction: InteractionState) => {
  const message =
    interaction.originalMessageId === undefined
      ? undefined
      : state.messages.get(interaction.originalMessageId)
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      activity_instance_id: null,
      response_message_id: message?.id ?? null,
      response_message_loading: message === undefined ? null : (message.flags & MessageFlag.Loading) !== 0,
      response_message_ephemeral: message === undefined ? null : (message.flags & MessageFlag.Ephemeral) !== 0
    },
    resource: {
      type: interaction.ack?.type ?? 0,
      ...(message === undefined ? {} : { message: wire(state, message) })
    }
  }
}

/** The route table, for documentation and for tests that arm 429s by template. */
export const routeTemplates: ReadonlyArray<string> = routes.map((r) => `${r.method} ${r.pattern}`)
