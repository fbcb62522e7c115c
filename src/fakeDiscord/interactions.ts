/**
 * Interaction state and the rules Discord applies to answering one: a single initial response
 * (40060 after that), within the deadline (10062), of a type valid for the interaction; follow-ups
 * and edits through the interaction token for 15 minutes (50027 after that).
 */
import type { UploadedFile } from "./body.js"
import type { Changes } from "./changes.js"
import type { Directory } from "./directory.js"
import {
  alreadyAcknowledged,
  emptyMessage,
  invalidFormBody,
  invalidWebhookToken,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
  type FormIssue
} from "./errors.js"
import type { Ids } from "./ids.js"
import { field, num, type Json } from "./json.js"
import type { InteractionLink, Messages, StoredMessage } from "./messages.js"
import {
  flagsOf,
  isEmptyMessage,
  MessageFlag,
  validateChoices,
  validateMessage,
  validateModal
} from "./validate-message.js"

/** 1 ping, 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
export type InteractionKind = 1 | 2 | 3 | 4 | 5

export interface Ack {
  /** The callback type (4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 choices, 9 modal). */
  readonly type: number
  readonly at: number
  /** When it arrived in real time (`performance.now()`), whatever clock the fake follows. */
  readonly realMs: number
  readonly data: Json | undefined
  readonly via: "rest" | "webhook"
}

export interface Rejection {
  readonly at: number
  readonly request: string
  readonly status: number
  readonly code: number
  readonly message: string
}

export interface InteractionState {
  readonly id: string
  readonly token: string
  readonly type: InteractionKind
  readonly userId: string
  readonly channelId: string
  readonly guildId: string | undefined
  readonly createdAt: number
  /** When it was sent in real time (`performance.now()`): acknowledgement latency under any clock. */
  readonly realCreatedMs: number
  /** Command name for commands and autocomplete, custom id for components and modals. */
  readonly name: string
  /** The message a component sits on, or that opened the modal. */
  readonly sourceMessageId: string | undefined
  /** The payload as delivered (gateway dispatch or webhook body). */
  readonly payload: Json
  ack: Ack | undefined
  originalMessageId: string | undefined
  /** A type 5 answer whose "thinking…" placeholder has not been replaced yet. */
  deferredPending: boolean
  /** Edits of @original and follow-ups since the initial response. */
  editsAfterAck: number
  readonly followupIds: Array<string>
  readonly rejections: Array<Rejection>
  expired: boolean
  /** A webhook delivery still waiting for the bot's HTTP answer. */
  delivery: Promise<void> | undefined
}

export interface InteractionInit {
  readonly type: InteractionKind
  readonly userId: string
  readonly channelId: string
  readonly guildId: string | undefined
  readonly name: string
  readonly sourceMessageId: string | undefined
  readonly build: (id: string, token: string) => Json
}

/** Follow-ups and edits work for 15 minutes after the interaction was created. */
const tokenLifetimeMs = 15 * 60 * 1000

const allowedCallbacks = (state: InteractionState): ReadonlyArray<number> => {
  switch (state.type) {
    case 1:
      return [1]
    case 2:
      return [4, 5, 9]
    case 3:
      return [4, 5, 6, 7, 9]
    case 4:
      return [8]
    case 5:
      return state.sourceMessageId === undefined ? [4, 5] : [4, 5, 6, 7]
  }
}

export class Interactions {
  private readonly byId = new Map<string, InteractionState>()
  private readonly byToken = new Map<string, InteractionState>()

  constructor(
    private readonly ids: Ids,
    private readonly directory: Directory,
    private readonly messages: Messages,
    private readonly changes: Changes,
    private readonly applicationId: string,
    private readonly deadlineMs: number | null
  ) {}

  create(init: InteractionInit): InteractionState {
    const id = this.ids.snowflake()
    const token = this.ids.token()
    const state: InteractionState = {
      id,
      token,
      type: init.type,
      userId: init.userId,
      channelId: init.channelId,
      guildId: init.guildId,
      createdAt: this.ids.now(),
      realCreatedMs: performance.now(),
      name: init.name,
      sourceMessageId: init.sourceMessageId,
      payload: init.build(id, token),
      ack: undefined,
      originalMessageId: undefined,
      deferredPending: false,
      editsAfterAck: 0,
      followupIds: [],
      rejections: [],
      expired: false,
      delivery: undefined
    }
    this.byId.set(id, state)
    this.byToken.set(token, state)
    this.changes.emit()
    return state
  }

  get(id: string): InteractionState | undefined {
    return this.byId.get(id)
  }

  byTokenOnly(token: string): InteractionState | undefined {
    return this.byToken.get(token)
  }

  all(): ReadonlyArray<InteractionState> {
    return [...this.byId.values()]
  }

  reject(state: InteractionState, rejection: Rejection): void {
    state.rejections.push(rejection)
    this.changes.emit()
  }

  /** `POST /interactions/{id}/{token}/callback`, or the HTTP answer of a webhook delivery. */
  callback(
    interactionId: string,
    token: string,
    body: Json | undefined,
    files: ReadonlyArray<UploadedFile>,
    via: Ack["via"]
  ): InteractionState {
    const state = this.byId.get(interactionId)
    if (state === undefined || state.token !== token) throw unknownInteraction()
    if (state.ack !== undefined) throw alreadyAcknowledged()
    const age = this.ids.now() - state.createdAt
    if (state.expired || (this.deadlineMs !== null && age > this.deadlineMs)) throw unknownInteraction()
    const type = num(body, "type")
    if (type === undefined || !allowedCallbacks(state).includes(type))
      throw invalidFormBody([
        {
          path: ["type"],
          code: "INTERACTION_CALLBACK_TYPE_INVALID",
          message: `Callback type ${type ?? "(none)"} is not valid for interaction type ${state.type}`
        }
      ])
    const data = field(body, "data")
    this.respond(state, type, data, files)
    state.ack = { type, at: this.ids.now(), realMs: performance.now(), data, via }
    this.changes.emit()
    return state
  }

  private respond(
    state: InteractionState,
    type: number,
    data: Json | undefined,
    files: ReadonlyArray<UploadedFile>
  ) {
    switch (type) {
      case 4: {
        const draft = this.checked(undefined, state, data, files, ["data"])
        const message = this.messages.insert(this.responseMeta(state, draft.flags), draft, data)
        state.originalMessageId = message.id
        return
      }
      case 5: {
        const draft = this.messages.draft(undefined, state.channelId, {}, [])
        const flags = MessageFlag.Loading | (flagsOf(data) & MessageFlag.Ephemeral)
        const message = this.messages.insert(this.responseMeta(state, flags), { ...draft, flags }, data)
        state.originalMessageId = message.id
        state.deferredPending = true
        return
      }
      case 6:
        state.originalMessageId = state.sourceMessageId
        return
      case 7: {
        const source = this.source(state)
        const draft = this.checked(source, state, data, files, ["data"])
        this.messages.applyEdit(source, draft, data)
        state.originalMessageId = source.id
        return
      }
      case 8:
        this.throwIssues(validateChoices(data, ["data"]))
        return
      case 9:
        this.throwIssues(validateModal(data, ["data"]))
        return
    }
  }

  /** Resolves `/webhooks/{app}/{token}`: Discord's answers for wrong, unanswered and expired tokens. */
  forToken(applicationId: string, token: string): InteractionState {
    const state = this.byToken.get(token)
    if (applicationId !== this.applicationId || state === undefined) throw unknownWebhook()
    if (state.expired || this.ids.now() - state.createdAt > tokenLifetimeMs) throw invalidWebhookToken()
    if (state.ack === undefined) throw unknownWebhook()
    return state
  }

  /** The message `@original` or a follow-up id names, if it belongs to this interaction. */
  message(state: InteractionState, messageId: string): StoredMessage {
    const id = messageId === "@original" ? state.originalMessageId : messageId
    const owned = id !== undefined && (id === state.originalMessageId || state.followupIds.includes(id))
    const message = owned ? this.messages.get(id) : undefined
    if (message === undefined || message.deletedAt !== undefined) throw unknownMessage()
    return message
  }

  edit(
    state: InteractionState,
    messageId: string,
    body: Json | undefined,
    files: ReadonlyArray<UploadedFile>
  ): StoredMessage {
    const message = this.message(state, messageId)
    const draft = this.checked(message, state, body, files, [])
    const resolvesPlaceholder = state.deferredPending && message.id === state.originalMessageId
    // The placeholder keeps the visibility chosen when deferring; only "loading" goes away.
    const flags = resolvesPlaceholder
      ? (draft.flags & ~MessageFlag.Loading) | (message.flags & MessageFlag.Ephemeral)
      : draft.flags
    this.messages.applyEdit(message, draft, body, flags)
    if (resolvesPlaceholder) state.deferredPending = false
    state.editsAfterAck += 1
    this.changes.emit()
    return message
  }

  remove(state: InteractionState, messageId: string): void {
    this.messages.remove(this.message(state, messageId))
  }

  /** `POST /webhooks/{app}/{token}`: the first follow-up after a deferral replaces the placeholder. */
  followup(
    state: InteractionState,
    body: Json | undefined,
    files: ReadonlyArray<UploadedFile>
  ): StoredMessage {
    if (state.deferredPending && state.originalMessageId !== undefined)
      return this.edit(state, state.originalMessageId, body, files)
    const draft = this.checked(undefined, state, body, files, [])
    const message = this.messages.insert(this.responseMeta(state, draft.flags), draft, body)
    state.followupIds.push(message.id)
    state.editsAfterAck += 1
    this.changes.emit()
    return message
  }

  private source(state: InteractionState): StoredMessage {
    const source = state.sourceMessageId === undefined ? undefined : this.messages.get(state.sourceMessageId)
    if (source === undefined || source.deletedAt !== undefined) throw unknownMessage()
    return source
  }

  private checked(
    previous: StoredMessage | undefined,
    state: InteractionState,
    body: Json | undefined,
    files: ReadonlyArray<UploadedFile>,
    at: ReadonlyArray<string>
  ) {
    const draft = this.messages.draft(previous, state.channelId, body, files)
    this.throwIssues(validateMessage(draft, at))
    if (isEmptyMessage(draft)) throw emptyMessage()
    return draft
  }

  private throwIssues(issues: ReadonlyArray<FormIssue>): void {
    if (issues.length > 0) throw invalidFormBody(issues)
  }

  private responseMeta(state: InteractionState, flags: number) {
    const link: InteractionLink = {
      id: state.id,
      type: state.type === 2 || state.type === 3 || state.type === 5 ? state.type : 2,
      userId: state.userId,
      interactedMessageId: state.sourceMessageId
    }
    return {
      channelId: state.channelId,
      authorId: this.directory.bot.id,
      type: state.type === 2 ? (20 as const) : (0 as const),
      webhookId: this.applicationId,
      interaction: link,
      ...((flags & MessageFlag.Ephemeral) !== 0 ? { visibleTo: state.userId } : {})
    }
  }
}
