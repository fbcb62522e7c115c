/**
 * The gateway (JSON encoding): HELLO, IDENTIFY → READY (+ GUILD_CREATE), heartbeat ACKs, RESUME with
 * replay of missed dispatches, sequence numbers, and controls for tests to drop or reconnect the
 * connection. One shard; sessions live until the fake stops.
 */
import type { Changes } from "./changes.js"
import type { Directory } from "./directory.js"
import type { Ids } from "./ids.js"
import { field, num, parseJson, str, type Json } from "./json.js"
import type { WsConnection } from "./websocket.js"

export const Intents = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15
} as const

/** Gateway close codes the fake uses (Discord's "Gateway Close Event Codes"). */
const CloseCode = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidApiVersion: 4012
} as const

interface Dispatched {
  readonly s: number
  readonly t: string
  readonly d: unknown
}

export interface GatewaySession {
  readonly id: string
  readonly intents: number
  readonly shard: Json
  seq: number
  readonly events: Array<Dispatched>
  connection: WsConnection | undefined
  resumes: number
}

export interface ConnectionRecord {
  readonly url: string
  readonly openedAt: number
  /** What the client did after HELLO. */
  handshake: "identify" | "resume" | "invalid-resume" | undefined
  sessionId: string | undefined
  heartbeats: number
  closedWith: number | undefined
  closed: boolean
}

export interface GatewayOptions {
  readonly token: string
  readonly heartbeatIntervalMs: number
  readonly resumeUrl: () => string
  readonly applicationFlags: number
}

export class Gateway {
  private readonly sessions = new Map<string, GatewaySession>()
  private latest: GatewaySession | undefined
  private readonly open = new Set<WsConnection>()
  readonly connections: Array<ConnectionRecord> = []

  constructor(
    private readonly ids: Ids,
    private readonly directory: Directory,
    private readonly changes: Changes,
    private readonly options: GatewayOptions
  ) {}

  /** The session dispatches go to: the most recently identified one. */
  session(): GatewaySession | undefined {
    return this.latest
  }

  accept(connection: WsConnection): void {
    const record: ConnectionRecord = {
      url: connection.url,
      openedAt: this.ids.now(),
      handshake: undefined,
      sessionId: undefined,
      heartbeats: 0,
      closedWith: undefined,
      closed: false
    }
    this.connections.push(record)
    this.open.add(connection)
    const query = new URL(connection.url, "ws://fake").searchParams
    if (query.get("v") !== "10" || query.get("encoding") !== "json") {
      connection.close(CloseCode.InvalidApiVersion, "Invalid API version")
      return
    }
    connection.onClose((code) => {
      this.open.delete(connection)
      record.closed = true
      record.closedWith = code
      for (const session of this.sessions.values())
        if (session.connection === connection) session.connection = undefined
      this.changes.emit()
    })
    connection.onMessage((text) => {
      this.onPayload(connection, record, text)
    })
    this.send(connection, {
      op: 10,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      s: null,
      t: null
    })
    this.changes.emit()
  }

  /** Sends a dispatch to the current session; while it is disconnected the event waits for RESUME. */
  dispatch(t: string, d: unknown): boolean {
    const session = this.latest
    if (session === undefined) return false
    this.push(session, t, d)
    return true
  }

  /** Ends the current connection: `"abrupt"` drops TCP (a network failure), a number closes with that code. */
  drop(how: "abrupt" | number = "abrupt"): void {
    const connection = this.latest?.connection
    if (connection === undefined) return
    if (how === "abrupt") connection.destroy()
    else connection.close(how, "closed by test")
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    const connection = this.latest?.connection
    if (connection !== undefined) this.send(connection, { op: 7, d: null, s: null, t: null })
  }

  closeAll(): void {
    for (const connection of this.open) connection.destroy()
  }

  private onPayload(connection: WsConnection, record: ConnectionRecord, text: string) {
    const payload = parseJson(text)
    const op = num(payload, "op")
    const d = field(payload, "d")
    if (payload === undefined || op === undefined) {
      connection.close(CloseCode.DecodeError, "Decode error")
      return
    }
    switch (op) {
      case 1:
        record.heartbeats += 1
        this.send(connection, { op: 11, d: null, s: null, t: null })
        break
      case 2:
        this.identify(connection, record, d)
        break
      case 6:
        this.resume(connection, record, d)
        break
      case 3:
      case 4:
      case 8:
      case 31:
        if (record.sessionId === undefined) connection.close(CloseCode.NotAuthenticated, "Not authenticated")
        break
      default:
        connection.close(CloseCode.UnknownOpcode, "Unknown opcode")
    }
    this.changes.emit()
  }

  private identify(connection: WsConnection, record: ConnectionRecord, d: Json | undefined) {
    if (record.sessionId !== undefined) {
      connection.close(CloseCode.AlreadyAuthenticated, "Already authenticated")
      return
    }
    if (str(d, "token") !== this.options.token) {
      connection.close(CloseCode.AuthenticationFailed, "Authentication failed")
      return
    }
    const session: GatewaySession = {
      id: this.ids
        .token()
        .replace(/[^a-zA-Z0-9]/g, "")
        .slice(0, 32),
      intents: num(d, "intents") ?? 0,
      shard: field(d, "shard") ?? [0, 1],
      seq: 0,
      events: [],
      connection,
      resumes: 0
    }
    this.sessions.set(session.id, session)
    this.latest = session
    record.handshake = "identify"
    record.sessionId = session.id
    const { bot, guild } = this.directory
    this.push(session, "READY", {
      v: 10,
      user: this.directory.apiUser(bot.id),
      guilds: [{ id: guild.id, unavailable: true }],
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.options.resumeUrl(),
      shard: session.shard,
      application: { id: bot.id, flags: this.options.applicationFlags }
    })
    if ((session.intents & Intents.Guilds) !== 0) this.push(session, "GUILD_CREATE", this.guildCreate())
  }

  private resume(connection: WsConnection, record: ConnectionRecord, d: Json | undefined) {
    const session = this.sessions.get(str(d, "session_id") ?? "")
    if (str(d, "token") !== this.options.token) {
      connection.close(CloseCode.AuthenticationFailed, "Authentication failed")
      return
    }
    if (session === undefined) {
      record.handshake = "invalid-resume"
      this.send(connection, { op: 9, d: false, s: null, t: null })
      return
    }
    record.handshake = "resume"
    record.sessionId = session.id
    session.connection = connection
    session.resumes += 1
    this.latest = session
    const since = num(d, "seq") ?? 0
    for (const event of session.events) if (event.s > since) this.send(connection, { op: 0, ...event })
    this.push(session, "RESUMED", {})
  }

  private push(session: GatewaySession, t: string, d: unknown) {
    session.seq += 1
    const event = { s: session.seq, t, d }
    session.events.push(event)
    if (session.events.length > 1000) session.events.shift()
    const connection = session.connection
    if (connection !== undefined && connection.isOpen()) this.send(connection, { op: 0, ...event })
    this.changes.emit()
  }

  private send(connection: WsConnection, payload: unknown) {
    connection.send(JSON.stringify(payload))
  }

  private guildCreate() {
    const { guild, bot } = this.directory
    const channels = [...this.directory.channels.values()]
      .filter((c) => c.guildId === guild.id)
      .map((c, position) => ({
        id: c.id,
        type: 0,
        name: c.name ?? "",
        guild_id: guild.id,
        position,
        permission_overwrites: []
      }))
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: guild.ownerId,
      unavailable: false,
      joined_at: this.ids.iso(this.ids.now()),
      large: false,
      member_count: this.directory.users.size,
      features: [],
      roles: [
        {
          id: guild.id,
          name: "@everyone",
          permissions: "2248473465835073",
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0
        }
      ],
      emojis: [],
      stickers: [],
      channels,
      threads: [],
      members: [
        {
          user: this.directory.apiUser(bot.id),
          roles: [],
          joined_at: this.ids.iso(this.ids.now()),
          deaf: false,
          mute: false,
          flags: 0
        }
      ],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: []
    }
  }
}
