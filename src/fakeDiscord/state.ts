/** The fake's parts, wired together once; REST, gateway, webhook delivery and players share them. */
import { Changes } from "./changes.js"
import { Commands } from "./commands.js"
import { Directory, memberPermissions, type UserRecord } from "./directory.js"
import { Gateway, Intents } from "./gateway.js"
import type { Ids } from "./ids.js"
import { Interactions } from "./interactions.js"
import { Messages, type StoredMessage } from "./messages.js"
import { RateLimits } from "./rate-limits.js"
import { Recorder } from "./recorder.js"
import { generateKeys, type KeyPair } from "./signing.js"

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (`Authorization: Bot …` and IDENTIFY). */
  readonly token?: string
  /** Application id, also the bot user's id (as for modern Discord applications). */
  readonly applicationId?: string
  readonly botUsername?: string
  /** HELLO's heartbeat interval (Discord: 41250). Keep it above ~500 ms or dfx may miss ACKs under load. */
  readonly heartbeatIntervalMs?: number
  /** Time allowed for the initial response (Discord: 3000); `null` disables the check. */
  readonly initialResponseDeadlineMs?: number | null
  /** Default timeout of player actions and waits (default 10 s; the machine may be busy). */
  readonly timeoutMs?: number
  readonly guild?: { readonly id?: string; readonly name?: string; readonly channels?: ReadonlyArray<string> }
  /** The bucket advertised on every answer (default 50 requests per 1 s: dfx never waits). */
  readonly rateLimit?: { readonly limit: number; readonly resetAfterSeconds: number }
  /** Where player interactions go first: "dm" (default) or "guild". */
  readonly defaultPlace?: "dm" | "guild"
}

export interface Urls {
  /** `http://127.0.0.1:PORT` */
  readonly base: string
  /** `http://127.0.0.1:PORT/api/v10`: dfx's `rest.baseUrl`. */
  readonly api: string
  /** `ws://127.0.0.1:PORT/gateway`: where `GET /gateway/bot` points. */
  readonly gateway: string
}

export interface Settings {
  readonly token: string
  readonly applicationId: string
  readonly deadlineMs: number | null
  readonly timeoutMs: number
  readonly defaultPlace: "dm" | "guild"
}

export interface FakeState {
  readonly ids: Ids
  readonly changes: Changes
  readonly directory: Directory
  readonly messages: Messages
  readonly commands: Commands
  readonly interactions: Interactions
  readonly gateway: Gateway
  readonly recorder: Recorder
  readonly rateLimits: RateLimits
  readonly keys: KeyPair
  readonly settings: Settings
  readonly urls: () => Urls
}

export const makeState = (ids: Ids, options: FakeDiscordOptions, urls: () => Urls): FakeState => {
  const settings: Settings = {
    token: options.token ?? "fake-discord-bot-token",
    applicationId: options.applicationId ?? ids.snowflake(),
    deadlineMs: options.initialResponseDeadlineMs === undefined ? 3000 : options.initialResponseDeadlineMs,
    timeoutMs: options.timeoutMs ?? 10_000,
    defaultPlace: options.defaultPlace ?? "dm"
  }
  const joinedAt = ids.iso(ids.now())
  const bot: UserRecord = {
    id: settings.applicationId,
    username: options.botUsername ?? "EvoLadder",
    globalName: null,
    bot: true,
    dmsOpen: true,
    roles: [],
    permissions: memberPermissions,
    joinedAt
  }
  const guildId = options.guild?.id ?? ids.snowflake()
  const changes = new Changes()
  const directory = new Directory(ids, bot, {
    id: guildId,
    name: options.guild?.name ?? "EvoLadder Test",
    ownerId: guildId
  })
  for (const name of options.guild?.channels ?? ["general"]) directory.addGuildChannel(name)
  const messages = new Messages(ids, () => urls().base, changes)
  const rateLimit = options.rateLimit ?? { limit: 50, resetAfterSeconds: 1 }
  return {
    ids,
    changes,
    directory,
    messages,
    commands: new Commands(ids, settings.applicationId, changes),
    interactions: new Interactions(
      ids,
      directory,
      messages,
      changes,
      settings.applicationId,
      settings.deadlineMs
    ),
    gateway: new Gateway(ids, directory, changes, {
      token: settings.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      resumeUrl: () => `${urls().gateway}/resume`,
      applicationFlags: 0
    }),
    recorder: new Recorder(changes),
    rateLimits: new RateLimits(ids.now, rateLimit.limit, rateLimit.resetAfterSeconds),
    keys: generateKeys(),
    settings,
    urls
  }
}

/**
 * Dispatches MESSAGE_CREATE the way Discord would: only when the session asked for the intent
 * (DIRECT_MESSAGES for DMs, GUILD_MESSAGES in the guild). Returns whether it was dispatched.
 */
export const dispatchMessageCreate = (state: FakeState, message: StoredMessage): boolean => {
  const session = state.gateway.session()
  const channel = state.directory.channels.get(message.channelId)
  if (session === undefined || channel === undefined || message.visibleTo !== undefined) return false
  const intent = channel.type === 1 ? Intents.DirectMessages : Intents.GuildMessages
  if ((session.intents & intent) === 0) return false
  const wire = state.messages.toWire(message, state.directory)
  return state.gateway.dispatch("MESSAGE_CREATE", {
    ...wire,
    ...(channel.guildId === undefined ? {} : { guild_id: channel.guildId })
  })
}
