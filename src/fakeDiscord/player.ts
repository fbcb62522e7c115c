/**
 * A player: runs slash commands, clicks, selects, fills modals, types in autocomplete, DMs the bot,
 * and reads their DMs, each action resolving with what the player then sees.
 */
import { Effect } from "effect"
import type { UploadedFile } from "./body.js"
import { usableInDms } from "./commands.js"
import type { ChannelRecord, UserRecord } from "./directory.js"
import { FakeDiscordError, invalidAction } from "./FakeDiscordError.js"
import type { InteractionInit, InteractionKind } from "./interactions.js"
import { str, toJsonObject, type JsonObject } from "./json.js"
import {
  commandData,
  componentData,
  envelope,
  modalData,
  type AttachmentInput,
  type CommandOptions,
  type Place
} from "./payloads.js"
import { viewOf, type InteractionReply } from "./replies.js"
import { dispatchMessageCreate, type FakeState } from "./state.js"
import { flattenComponents, type AutocompleteChoice, type MessageView } from "./views.js"

/** Where an action happens: the player's DM with the bot, the guild's first channel, or a named channel. */
export type Where = "dm" | "guild" | { readonly channel: string }

export interface ActOptions {
  readonly in?: Where
  readonly timeoutMs?: number
  /** `"answer"` (default) waits for the final answer, e.g. the edit after a deferral; `"ack"` returns at the first response. */
  readonly until?: "answer" | "ack"
}

/** A message as a test holds it: a `MessageView`, or the reply whose message it means. */
export type MessageRef = { readonly id: string } | InteractionReply

/** What the fake offers its players; implemented by the fake itself. */
export interface PlayerHost {
  readonly state: FakeState
  readonly interact: (
    init: InteractionInit,
    options: ActOptions
  ) => Effect.Effect<InteractionReply, FakeDiscordError>
  readonly waitFor: <A>(
    probe: () => A | undefined | null | false,
    options?: { readonly timeoutMs?: number; readonly description?: string }
  ) => Effect.Effect<A, FakeDiscordError>
  readonly endpointUrl: () => string | undefined
}

export interface DmInput {
  readonly content?: string
  readonly attachments?: ReadonlyArray<AttachmentInput>
}

export class FakeUser {
  constructor(
    private readonly host: PlayerHost,
    readonly record: UserRecord
  ) {}

  get id(): string {
    return this.record.id
  }

  get username(): string {
    return this.record.username
  }

  /** The player's DM channel with the bot (created on first use, stable afterwards). */
  get dmChannelId(): string {
    return this.host.state.directory.dmChannel(this.id).id
  }

  /** Runs `/name` (`"admin match"` for a subcommand) with options checked against the registered definition. */
  command(
    name: string,
    options: CommandOptions = {},
    act: ActOptions = {}
  ): Effect.Effect<InteractionReply, FakeDiscordError> {
    const path = name.trim().replace(/^\//, "").split(/\s+/)
    return Effect.flatMap(this.place(act.in), (place) =>
      Effect.flatMap(this.registered(path[0] ?? "", place, act), (command) =>
        Effect.flatMap(
          Effect.try({
            try: () => commandData(this.deps(), place, command, path, options, undefined),
            catch: asError
          }),
          (data) => this.host.interact(this.init(2, place, path.join(" "), undefined, data), act)
        )
      )
    )
  }

  /** Types `typed` into `option` of `/command` and returns the choices the bot offers. */
  autocomplete(
    command: string,
    option: string,
    typed: string,
    others: CommandOptions = {},
    act: ActOptions = {}
  ): Effect.Effect<ReadonlyArray<AutocompleteChoice>, FakeDiscordError> {
    const path = command.trim().replace(/^\//, "").split(/\s+/)
    return Effect.flatMap(this.place(act.in), (place) =>
      Effect.flatMap(this.registered(path[0] ?? "", place, act), (registered) =>
        Effect.flatMap(
          Effect.try({
            try: () => commandData(this.deps(), place, registered, path, others, { option, typed }),
            catch: asError
          }),
          (data) =>
            Effect.map(
              this.host.interact(this.init(4, place, path.join(" "), undefined, data), act),
              (r) => r.choices
            )
        )
      )
    )
  }

  /** Clicks the button `customId` on a message as it is now (refused if disabled or gone). */
  click(
    message: MessageRef,
    customId: string,
    act: ActOptions = {}
  ): Effect.Effect<InteractionReply, FakeDiscordError> {
    return this.component(message, customId, undefined, act)
  }

  /** Picks `values` in the select `customId` (checked against its options and min/max). */
  select(
    message: MessageRef,
    customId: string,
    values: ReadonlyArray<string>,
    act: ActOptions = {}
  ): Effect.Effect<InteractionReply, FakeDiscordError> {
    return this.component(message, customId, values, act)
  }

  /** Fills and submits the modal a reply opened; unset inputs keep their pre-filled value. */
  submitModal(
    reply: InteractionReply,
    values: Readonly<Record<string, string>>,
    act: ActOptions = {}
  ): Effect.Effect<InteractionReply, FakeDiscordError> {
    const state = this.host.state
    const opener = state.interactions.get(reply.interactionId)
    const modal = opener?.ack?.type === 9 ? opener.ack.data : undefined
    if (opener === undefined || modal === undefined)
      return Effect.fail(invalidAction("this reply did not open a modal"))
    if (opener.userId !== this.id)
      return Effect.fail(invalidAction("only the player who opened a modal can submit it"))
    const channel = state.directory.channels.get(opener.channelId)
    if (channel === undefined) return Effect.fail(invalidAction("the modal's channel is gone"))
    const place: Place = { user: this.record, channel }
    return Effect.flatMap(Effect.try({ try: () => modalData(modal, values), catch: asError }), (data) => {
      const source =
        opener.sourceMessageId === undefined ? undefined : state.messages.get(opener.sourceMessageId)
      return this.host.interact(
        this.init(5, place, str(data, "custom_id") ?? "", source === undefined ? undefined : source.id, data),
        act
      )
    })
  }

  /** Sends the bot a DM (content and/or files); the bot receives MESSAGE_CREATE over the gateway. */
  sendDm(
    input: DmInput,
    act: Pick<ActOptions, "timeoutMs"> = {}
  ): Effect.Effect<MessageView, FakeDiscordError> {
    const state = this.host.state
    if ((input.content ?? "") === "" && (input.attachments ?? []).length === 0)
      return Effect.fail(invalidAction("a DM needs content or an attachment"))
    const session = this.host.waitFor(() => state.gateway.session(), {
      ...(act.timeoutMs === undefined ? {} : { timeoutMs: act.timeoutMs }),
      description: "a gateway session to deliver the DM to (webhook-only bots never receive messages)"
    })
    return Effect.flatMap(session, () => {
      const channel = state.directory.dmChannel(this.id)
      const files: ReadonlyArray<UploadedFile> = (input.attachments ?? []).map((a, i) => ({
        field: `files[${i}]`,
        filename: a.filename,
        contentType: a.contentType ?? "application/octet-stream",
        bytes: a.bytes
      }))
      const body = { content: input.content ?? "" }
      const message = state.messages.insert(
        { channelId: channel.id, authorId: this.id },
        state.messages.draft(undefined, channel.id, body, files),
        body
      )
      if (!dispatchMessageCreate(state, message))
        return Effect.fail(
          new FakeDiscordError({
            reason: "Failed",
            message:
              "the bot's gateway session lacks the DIRECT_MESSAGES intent: Discord would not deliver this DM"
          })
        )
      return Effect.succeed(this.view(message.id))
    })
  }

  /** The player's DM channel as they see it now: oldest first, edited messages in their current state. */
  dm(): ReadonlyArray<MessageView> {
    return this.visibleIn(this.dmChannelId)
  }

  lastDm(): MessageView | undefined {
    return this.dm().at(-1)
  }

  /** Messages of a channel this player can see (others' ephemeral messages are hidden). */
  visibleIn(channelId: string): ReadonlyArray<MessageView> {
    const state = this.host.state
    return state.messages
      .inChannel(channelId)
      .filter((m) => m.visibleTo === undefined || m.visibleTo === this.id)
      .map((m) => this.view(m.id))
  }

  private view(id: string): MessageView {
    const view = viewOf(this.host.state, id)
    if (view === undefined) throw new Error(`no message ${id}`)
    return view
  }

  private component(
    ref: MessageRef,
    customId: string,
    values: ReadonlyArray<string> | undefined,
    act: ActOptions
  ): Effect.Effect<InteractionReply, FakeDiscordError> {
    const state = this.host.state
    // A reply has a callback type; a message view (which may carry an interaction id too) does not.
    const id = "callbackType" in ref ? ref.message?.id : ref.id
    const message = id === undefined ? undefined : state.messages.get(id)
    if (message === undefined || message.deletedAt !== undefined)
      return Effect.fail(invalidAction(`the message is gone, so "${customId}" cannot be used`))
    const channel = state.directory.channels.get(message.channelId)
    const visible =
      (message.visibleTo === undefined || message.visibleTo === this.id) &&
      (channel?.type !== 1 || channel.recipientId === this.id)
    if (channel === undefined || !visible)
      return Effect.fail(invalidAction(`${this.username} cannot see that message`))
    const component = flattenComponents(message.components).find((c) => c.customId === customId)
    if (component === undefined)
      return Effect.fail(
        invalidAction(`the message has no component "${customId}" (it may have been edited)`)
      )
    const place: Place = { user: this.record, channel }
    return Effect.flatMap(
      Effect.try({ try: () => componentData(component.raw, customId, values), catch: asError }),
      (data) => this.host.interact(this.init(3, place, customId, message.id, data), act)
    )
  }

  private place(where: Where | undefined): Effect.Effect<Place, FakeDiscordError> {
    const { directory, settings } = this.host.state
    const target = where ?? settings.defaultPlace
    const channel: ChannelRecord | undefined =
      target === "dm"
        ? directory.dmChannel(this.id)
        : target === "guild"
          ? [...directory.channels.values()].find((c) => c.type === 0)
          : (directory.channels.get(target.channel) ?? directory.guildChannel(target.channel))
    return channel === undefined
      ? Effect.fail(invalidAction(`no such channel: ${JSON.stringify(target)}`))
      : Effect.succeed({ user: this.record, channel })
  }

  /** The registered command, waiting for registration if the bot has not synced yet. */
  private registered(name: string, place: Place, act: ActOptions) {
    const { commands } = this.host.state
    const guildId = place.channel.guildId
    return Effect.flatMap(
      this.host.waitFor(() => commands.find(name, { guildId }), {
        ...(act.timeoutMs === undefined ? {} : { timeoutMs: act.timeoutMs }),
        description: `command /${name} to be registered (registered: ${
          commands
            .list()
            .map((c) => c.name)
            .join(", ") || "none"
        })`
      }),
      (command) =>
        guildId === undefined && !usableInDms(command)
          ? Effect.fail(invalidAction(`/${name} is not available in DMs`))
          : Effect.succeed(command)
    )
  }

  private deps() {
    const { directory, messages, settings, ids } = this.host.state
    return { directory, messages, applicationId: settings.applicationId, iso: ids.iso }
  }

  private init(
    type: InteractionKind,
    place: Place,
    name: string,
    sourceMessageId: string | undefined,
    data: JsonObject
  ): InteractionInit {
    const state = this.host.state
    return {
      type,
      userId: this.id,
      channelId: place.channel.id,
      guildId: place.channel.guildId,
      name,
      sourceMessageId,
      build: (id, token) => {
        const source = sourceMessageId === undefined ? undefined : state.messages.get(sourceMessageId)
        return {
          ...envelope(this.deps(), place, id, token),
          type,
          data,
          ...(source === undefined
            ? {}
            : { message: toJsonObject(state.messages.toWire(source, state.directory)) })
        }
      }
    }
  }
}

const asError = (error: unknown): FakeDiscordError =>
  error instanceof FakeDiscordError ? error : invalidAction(String(error))
