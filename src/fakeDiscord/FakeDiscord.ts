/**
 * A local Discord for end-to-end tests: REST v10 + gateway on 127.0.0.1 (random port) that the real
 * dfx client runs against unchanged, players that act like Discord users, and a record of
 * everything the bot sent. `FakeDiscord.make` (scoped) or `FakeDiscord.layer` start and stop it.
 */
import { Context, Effect, Layer, type Scope } from "effect"
import { setTimeout as sleep } from "node:timers/promises"
import type { RegisteredCommand, Registration } from "./commands.js"
import { memberPermissions, type ChannelRecord } from "./directory.js"
import { FakeDiscordError } from "./FakeDiscordError.js"
import type { ConnectionRecord, GatewaySession } from "./gateway.js"
import { makeIds } from "./ids.js"
import type { InteractionInit, InteractionState } from "./interactions.js"
import type { Json } from "./json.js"
import { FakeUser, type ActOptions, type PlayerHost } from "./player.js"
import type { RateLimitOptions, RoutePattern } from "./rate-limits.js"
import type { RecordedRequest, Violation } from "./recorder.js"
import { describeInteraction, probeReply, viewOf, type InteractionReply } from "./replies.js"
import { signatureHeaders, wallClockSeconds, type SignatureHeaders, type SignatureMode } from "./signing.js"
import { listen } from "./server.js"
import { makeState, type FakeDiscordOptions, type FakeState, type Urls } from "./state.js"
import type { MessageView } from "./views.js"
import {
  deliver,
  readAnswer,
  sendSigned,
  verifyEndpoint,
  type EndpointAnswer,
  type SendOptions
} from "./webhook.js"

export interface UserInit {
  readonly id?: string
  readonly username: string
  readonly globalName?: string
  /** False: the player has closed DMs; the bot's DMs to them fail with 50007. */
  readonly dmsOpen?: boolean
  readonly roles?: ReadonlyArray<string>
  readonly permissions?: string
}

export interface WaitOptions {
  readonly timeoutMs?: number
  /** Says what was awaited, for the timeout message. */
  readonly description?: string
}

export interface SeedMessage {
  readonly channelId: string
  /** Who wrote it: the bot (default) or a player. */
  readonly author?: FakeUser | "bot"
  readonly content?: string
  readonly embeds?: ReadonlyArray<Json>
  readonly components?: ReadonlyArray<Json>
  /** How long ago it was sent, in ms (for `/prune`-style age rules). */
  readonly ageMs?: number
}

/** The running fake. Reads are synchronous snapshots; actions and waits are Effects. */
export class FakeDiscordServer implements PlayerHost {
  private endpoint: string | undefined

  constructor(readonly state: FakeState) {}

  // ---- connection details -------------------------------------------------------------------

  get urls(): Urls {
    return this.state.urls()
  }
  /** dfx's `rest.baseUrl` (`DISCORD_API_URL`). */
  get apiUrl(): string {
    return this.urls.api
  }
  /** Where to redirect `wss://gateway.discord.gg/` (`DISCORD_GATEWAY_URL`). */
  get gatewayUrl(): string {
    return this.urls.gateway
  }
  get token(): string {
    return this.state.settings.token
  }
  get applicationId(): string {
    return this.state.settings.applicationId
  }
  get botId(): string {
    return this.state.directory.bot.id
  }
  get guildId(): string {
    return this.state.directory.guild.id
  }
  /** The application's Ed25519 public key, hex (`DISCORD_PUBLIC_KEY`). */
  get publicKeyHex(): string {
    return this.state.keys.publicKeyHex
  }
  /** The settings EvoLadder reads, pointing at this fake. */
  get env(): Readonly<Record<string, string>> {
    return {
      DISCORD_TOKEN: this.token,
      DISCORD_APPLICATION_ID: this.applicationId,
      DISCORD_PUBLIC_KEY: this.publicKeyHex,
      DISCORD_API_URL: this.apiUrl,
      DISCORD_GATEWAY_URL: this.gatewayUrl
    }
  }

  // ---- people and places --------------------------------------------------------------------

  /** A player (a member of the test guild). */
  user(init: UserInit): FakeUser {
    const { ids, directory } = this.state
    const record = directory.addUser({
      id: init.id ?? ids.snowflake(),
      username: init.username,
      globalName: init.globalName ?? null,
      bot: false,
      dmsOpen: init.dmsOpen ?? true,
      roles: init.roles ?? [],
      permissions: init.permissions ?? memberPermissions,
      joinedAt: ids.iso(ids.now())
    })
    return new FakeUser(this, record)
  }

  /** The id of a guild text channel, created if it does not exist yet. */
  channelId(name: string): string {
    return this.state.directory.addGuildChannel(name).id
  }

  channel(id: string): ChannelRecord | undefined {
    return this.state.directory.channels.get(id)
  }

  // ---- what the bot did ---------------------------------------------------------------------

  /** Every REST request the bot made, in order. */
  requests(): ReadonlyArray<RecordedRequest> {
    return this.state.recorder.requests
  }

  /** Everything Discord would have refused (invalid bodies, second responses, …) and failed deliveries. */
  violations(): ReadonlyArray<Violation> {
    return this.state.recorder.violations
  }

  clearViolations(): void {
    this.state.recorder.clearViolations()
  }

  /** Throws with a readable list when anything was refused. */
  assertNoViolations(): void {
    const violations = this.violations()
    if (violations.length > 0)
      throw new Error(
        `Discord would have refused ${violations.length} request(s):\n` +
          violations
            .map(
              (v) =>
                `- ${v.kind} (${v.status}/${v.code}) ${v.request}: ${v.message}${v.errors === undefined ? "" : ` ${JSON.stringify(v.errors)}`}`
            )
            .join("\n")
      )
  }

  /** Registered commands: global ones, or a guild's. */
  commands(guildId?: string): ReadonlyArray<RegisteredCommand> {
    return this.state.commands.list(guildId)
  }

  registrations(): ReadonlyArray<Registration> {
    return this.state.commands.registrations
  }

  /** A message in its current state (deleted ones too, with `deleted: true`). */
  message(id: string): MessageView | undefined {
    return viewOf(this.state, id)
  }

  /** A channel's messages, oldest first, including ephemeral ones. */
  messages(channelId: string): ReadonlyArray<MessageView> {
    return this.state.messages.inChannel(channelId).flatMap((m) => viewOf(this.state, m.id) ?? [])
  }

  /** Follow-up messages of the interaction a reply answered, in their current state. */
  followups(reply: InteractionReply): ReadonlyArray<MessageView> {
    const interaction = this.state.interactions.get(reply.interactionId)
    return (interaction?.followupIds ?? []).flatMap((id) => viewOf(this.state, id) ?? [])
  }

  interactions(): ReadonlyArray<InteractionState> {
    return this.state.interactions.all()
  }

  // ---- test controls ------------------------------------------------------------------------

  /** Answers the next matching request(s) with 429 (route template like `"POST /channels/:channel/messages"`). */
  rateLimitNext(route: RoutePattern, options?: RateLimitOptions): void {
    this.state.rateLimits.arm(route, options)
  }

  /** Ages an interaction past 15 minutes: its token stops working (401 50027). */
  expireInteraction(reply: InteractionReply | string): void {
    const interaction = this.state.interactions.get(typeof reply === "string" ? reply : reply.interactionId)
    if (interaction !== undefined) interaction.expired = true
  }

  /** Puts a message into a channel as if sent earlier (e.g. old bot messages for `/prune`). */
  seedMessage(seed: SeedMessage): MessageView {
    const { messages, directory, ids } = this.state
    const body = {
      content: seed.content ?? "",
      embeds: seed.embeds ?? [],
      components: seed.components ?? []
    }
    const author = seed.author === undefined || seed.author === "bot" ? directory.bot.id : seed.author.id
    const message = messages.insert(
      { channelId: seed.channelId, authorId: author, createdAt: ids.now() - (seed.ageMs ?? 0) },
      messages.draft(undefined, seed.channelId, body, []),
      body
    )
    return viewOf(this.state, message.id) ?? this.unreachable()
  }

  /**
   * Resolves with the probe's first truthy value; re-checked on every change of the fake's state.
   * The timeout runs on real time even under `TestClock`, so a stuck test fails instead of hanging.
   */
  waitFor<A>(
    probe: () => A | undefined | null | false,
    options: WaitOptions = {}
  ): Effect.Effect<A, FakeDiscordError> {
    const timeoutMs = options.timeoutMs ?? this.state.settings.timeoutMs
    return Effect.async<A, FakeDiscordError>((resume) => {
      let done = false
      const timer = new AbortController()
      const finish = (result: Effect.Effect<A, FakeDiscordError>) => {
        if (done) return
        done = true
        unsubscribe()
        timer.abort()
        resume(result)
      }
      const check = () => {
        if (done) return
        const value = probe()
        if (value !== undefined && value !== null && value !== false) finish(Effect.succeed(value))
      }
      const unsubscribe = this.state.changes.subscribe(check)
      sleep(timeoutMs, undefined, { signal: timer.signal }).then(
        () => {
          const message = `waited ${timeoutMs} ms for ${options.description ?? "a condition"}`
          finish(Effect.fail(new FakeDiscordError({ reason: "Timeout", message })))
        },
        () => undefined
      )
      check()
      return Effect.sync(() => {
        done = true
        unsubscribe()
        timer.abort()
      })
    })
  }

  /** Waits until the bot has identified on the gateway. */
  waitForReady(options: WaitOptions = {}): Effect.Effect<GatewaySession, FakeDiscordError> {
    return this.waitFor(() => this.state.gateway.session(), {
      description: "the bot to identify on the gateway",
      ...options
    })
  }

  /** Waits until these global commands (default: any) are registered. */
  waitForCommands(
    names: ReadonlyArray<string> = [],
    options: WaitOptions = {}
  ): Effect.Effect<ReadonlyArray<RegisteredCommand>, FakeDiscordError> {
    return this.waitFor(
      () => {
        const list = this.state.commands.list()
        return list.length > 0 && names.every((n) => list.some((c) => c.name === n)) ? list : undefined
      },
      { description: `commands ${names.join(", ") || "(any)"} to be registered`, ...options }
    )
  }

  readonly gateway = {
    /** Every WebSocket connection the bot opened, with its handshake (identify / resume) and heartbeats. */
    connections: (): ReadonlyArray<ConnectionRecord> => this.state.gateway.connections,
    session: (): GatewaySession | undefined => this.state.gateway.session(),
    /** Ends the bot's connection: `"abrupt"` (default) drops TCP, a number closes with that code. */
    drop: (how: "abrupt" | number = "abrupt"): void => {
      this.state.gateway.drop(how)
    },
    /** Sends op 7 RECONNECT. */
    requestReconnect: (): void => {
      this.state.gateway.requestReconnect()
    },
    /** Sends any dispatch event (`t`, `d`) to the bot. */
    dispatch: (t: string, d: unknown): boolean => this.state.gateway.dispatch(t, d)
  }

  readonly webhook = {
    /**
     * Sends interactions to this URL instead of the gateway (Discord's "Interactions Endpoint URL").
     * Like Discord, first checks that the endpoint answers a signed PING and refuses a forged one.
     */
    setEndpoint: (url: string): Effect.Effect<void, FakeDiscordError> =>
      Effect.flatMap(
        Effect.tryPromise({
          try: () => verifyEndpoint(this.state, url),
          catch: (error) =>
            new FakeDiscordError({ reason: "Failed", message: `endpoint unreachable: ${String(error)}` })
        }),
        (problem) => {
          if (problem !== undefined)
            return Effect.fail(new FakeDiscordError({ reason: "Failed", message: problem }))
          this.endpoint = url
          return Effect.void
        }
      ),
    /** Back to gateway delivery. */
    clearEndpoint: (): void => {
      this.endpoint = undefined
    },
    endpoint: (): string | undefined => this.endpoint,
    /** Signature headers for a body, as Discord would send them. */
    sign: (body: string, timestampSeconds: number = wallClockSeconds()): SignatureHeaders =>
      signatureHeaders(this.state.keys, body, timestampSeconds),
    /** POSTs `body` (default: a PING) signed as `mode` says; resolves with the endpoint's answer. */
    send: (
      url: string,
      mode: SignatureMode,
      body?: string,
      options?: SendOptions
    ): Effect.Effect<EndpointAnswer, FakeDiscordError> =>
      Effect.tryPromise({
        try: async () =>
          readAnswer(await sendSigned(this.state, url, body ?? this.pingBody(), mode, options)),
        catch: (error) =>
          new FakeDiscordError({ reason: "Failed", message: `endpoint unreachable: ${String(error)}` })
      }),
    forged: (url: string, body?: string) => this.webhook.send(url, "forged", body),
    tampered: (url: string, body?: string) => this.webhook.send(url, "tampered", body),
    stale: (url: string, body?: string, ageSeconds?: number) =>
      this.webhook.send(url, "stale", body, ageSeconds === undefined ? {} : { ageSeconds }),
    unsigned: (url: string, body?: string) => this.webhook.send(url, "missing", body)
  }

  // ---- PlayerHost ---------------------------------------------------------------------------

  endpointUrl(): string | undefined {
    return this.endpoint
  }

  interact(init: InteractionInit, options: ActOptions): Effect.Effect<InteractionReply, FakeDiscordError> {
    const timeoutMs = options.timeoutMs ?? this.state.settings.timeoutMs
    const until = options.until ?? "answer"
    return Effect.gen(this, function* () {
      const url = this.endpoint
      if (url === undefined) yield* this.waitForReady({ timeoutMs })
      const interaction = this.state.interactions.create(init)
      if (url === undefined) this.state.gateway.dispatch("INTERACTION_CREATE", interaction.payload)
      else void deliver(this.state, url, interaction)
      const outcome = yield* this.waitFor(() => probeReply(this.state, interaction, until), {
        timeoutMs
      }).pipe(
        Effect.mapError(
          (error) =>
            new FakeDiscordError({
              reason: error.reason,
              message: `${error.message}: ${describeInteraction(this.state, interaction)}`
            })
        )
      )
      if (outcome._tag === "Failed")
        return yield* Effect.fail(new FakeDiscordError({ reason: "Rejected", message: outcome.message }))
      return outcome.reply
    })
  }

  private pingBody(): string {
    const { ids, settings } = this.state
    return JSON.stringify({
      id: ids.snowflake(),
      application_id: settings.applicationId,
      type: 1,
      token: ids.token(),
      version: 1
    })
  }

  private unreachable(): never {
    throw new Error("unreachable")
  }
}

const make = (options: FakeDiscordOptions = {}): Effect.Effect<FakeDiscordServer, never, Scope.Scope> =>
  Effect.gen(function* () {
    const clock = yield* Effect.clock
    const ids = makeIds(() => clock.unsafeCurrentTimeMillis())
    // Known once the server listens; parts that build URLs read it lazily.
    const listening: { urls?: Urls } = {}
    const state = makeState(ids, options, () => {
      if (listening.urls === undefined) throw new Error("the fake Discord is not listening yet")
      return listening.urls
    })
    const port = yield* listen(state)
    const base = `http://127.0.0.1:${port}`
    listening.urls = { base, api: `${base}/api/v10`, gateway: `ws://127.0.0.1:${port}/gateway` }
    return new FakeDiscordServer(state)
  })

/** The fake as a service: `yield* FakeDiscord` inside `FakeDiscord.layer()`, or `yield* FakeDiscord.make()` in a scope. */
export class FakeDiscord extends Context.Tag("test/FakeDiscord")<FakeDiscord, FakeDiscordServer>() {
  static readonly make = make
  static readonly layer = (options?: FakeDiscordOptions): Layer.Layer<FakeDiscord> =>
    Layer.scoped(FakeDiscord, make(options))
}

export type { FakeDiscordOptions }
