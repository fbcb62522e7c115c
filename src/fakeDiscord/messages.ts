/**
 * Every message in every channel, with its current (edited) state, edit history and attachments.
 * Bodies are merged the way Discord merges them: a PATCH replaces only the fields it names.
 */
import type { APIAttachment, APIMessage, APIUser } from "discord-api-types/v10"
import { fileIndex, type UploadedFile } from "./body.js"
import type { Changes } from "./changes.js"
import type { Directory } from "./directory.js"
import { compareSnowflakes, type Ids } from "./ids.js"
import { arr, has, idOf, str, type Json } from "./json.js"
import { flagsOf, MessageFlag, type MessageContent } from "./validate-message.js"

export interface StoredAttachment {
  readonly id: string
  readonly channelId: string
  readonly filename: string
  readonly contentType: string
  readonly description: string | undefined
  readonly bytes: Uint8Array
  readonly url: string
}

/** The interaction a message answers, for `interaction_metadata`. */
export interface InteractionLink {
  readonly id: string
  readonly type: 2 | 3 | 5
  readonly userId: string
  readonly interactedMessageId: string | undefined
}

export interface StoredMessage {
  readonly id: string
  readonly channelId: string
  readonly authorId: string
  readonly createdAt: number
  /** Discord message type: 0 default, 19 reply, 20 chat-input command response. */
  readonly type: 0 | 19 | 20
  readonly webhookId: string | undefined
  readonly interaction: InteractionLink | undefined
  /** Set for ephemeral messages: only this user sees them. */
  readonly visibleTo: string | undefined
  content: string
  embeds: ReadonlyArray<Json>
  components: ReadonlyArray<Json>
  flags: number
  attachments: ReadonlyArray<StoredAttachment>
  editedAt: number | undefined
  deletedAt: number | undefined
  /** Every body that shaped this message, oldest first (the create, then each edit). */
  readonly history: Array<{ readonly at: number; readonly body: Json | undefined }>
}

/** A message body merged onto its previous state, not yet stored (so it can be validated first). */
export interface Draft extends MessageContent {
  readonly attachments: ReadonlyArray<StoredAttachment>
}

export interface NewMessage {
  readonly channelId: string
  readonly authorId: string
  readonly type?: 0 | 19 | 20
  readonly webhookId?: string
  readonly interaction?: InteractionLink
  readonly visibleTo?: string
  readonly createdAt?: number
}

/** `APIMessage` as sent on the wire: enum-typed fields are plain numbers, bodies are JSON as the bot sent them. */
export type WireMessage = Omit<
  APIMessage,
  "embeds" | "components" | "type" | "flags" | "interaction_metadata"
> & {
  readonly type: number
  readonly flags: number
  readonly embeds: ReadonlyArray<Json>
  readonly components: ReadonlyArray<Json>
  readonly interaction_metadata?: InteractionMetadata
}

/** `APIMessageInteractionMetadata` with plain numbers for its enum-typed fields. */
export interface InteractionMetadata {
  readonly id: string
  readonly type: number
  readonly user: APIUser
  readonly authorizing_integration_owners: Readonly<Record<string, string>>
  readonly interacted_message_id?: string
  readonly triggering_interaction_metadata?: InteractionMetadata
}

export class Messages {
  private readonly byId = new Map<string, StoredMessage>()
  /** Each channel's messages: players probe their DMs after every change, across long seasons. */
  private readonly byChannel = new Map<string, Array<StoredMessage>>()
  private readonly files = new Map<string, StoredAttachment>()

  constructor(
    private readonly ids: Ids,
    private readonly baseUrl: () => string,
    private readonly changes: Changes
  ) {}

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id)
  }

  all(): ReadonlyArray<StoredMessage> {
    return [...this.byId.values()].sort((a, b) => compareSnowflakes(a.id, b.id))
  }

  /** Messages still present in a channel, oldest first. */
  inChannel(channelId: string): ReadonlyArray<StoredMessage> {
    return (this.byChannel.get(channelId) ?? []).filter((m) => m.deletedAt === undefined)
  }

  attachment(id: string): StoredAttachment | undefined {
    return this.files.get(id)
  }

  /** Uploads a file outside any message (a slash-command attachment option). */
  upload(channelId: string, file: UploadedFile): StoredAttachment {
    const stored = this.storeFile(channelId, file, undefined, undefined)
    this.files.set(stored.id, stored)
    return stored
  }

  draft(
    previous: StoredMessage | undefined,
    channelId: string,
    body: Json | undefined,
    files: ReadonlyArray<UploadedFile>
  ): Draft {
    const described = new Map(arr(body, "attachments").map((a) => [idOf(a, "id") ?? "", a] as const))
    const uploaded = files.map((file) => {
      const meta = described.get(fileIndex(file) ?? "")
      return this.storeFile(channelId, file, str(meta, "filename"), str(meta, "description"))
    })
    const kept =
      previous === undefined
        ? []
        : has(body, "attachments")
          ? previous.attachments.filter((a) => described.has(a.id))
          : previous.attachments
    const keptFlags =
      previous === undefined ? 0 : previous.flags & ~(MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2)
    const requested = flagsOf(body) & (MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2)
    const attachments = [...kept, ...uploaded]
    return {
      content: has(body, "content") ? (str(body, "content") ?? "") : (previous?.content ?? ""),
      embeds: has(body, "embeds") ? arr(body, "embeds") : (previous?.embeds ?? []),
      components: has(body, "components") ? arr(body, "components") : (previous?.components ?? []),
      flags:
        previous === undefined ? flagsOf(body) : has(body, "flags") ? keptFlags | requested : previous.flags,
      attachments,
      attachmentCount: attachments.length,
      hasStickersOrPoll: arr(body, "sticker_ids").length > 0 || has(body, "poll")
    }
  }

  insert(meta: NewMessage, draft: Draft, body: Json | undefined): StoredMessage {
    const createdAt = meta.createdAt ?? this.ids.now()
    const message: StoredMessage = {
      id: this.ids.snowflake(meta.createdAt),
      channelId: meta.channelId,
      authorId: meta.authorId,
      createdAt,
      type: meta.type ?? 0,
      webhookId: meta.webhookId,
      interaction: meta.interaction,
      visibleTo: meta.visibleTo,
      content: draft.content,
      embeds: draft.embeds,
      components: draft.components,
      flags: draft.flags,
      attachments: draft.attachments,
      editedAt: undefined,
      deletedAt: undefined,
      history: [{ at: createdAt, body }]
    }
    this.byId.set(message.id, message)
    const channel = this.byChannel.get(message.channelId)
    if (channel === undefined) this.byChannel.set(message.channelId, [message])
    else insertInOrder(channel, message)
    this.keepFiles(draft)
    this.changes.emit()
    return message
  }

  applyEdit(message: StoredMessage, draft: Draft, body: Json | undefined, flags: number = draft.flags): void {
    const at = this.ids.now()
    message.content = draft.content
    message.embeds = draft.embeds
    message.components = draft.components
    message.flags = flags
    message.attachments = draft.attachments
    message.editedAt = at
    message.history.push({ at, body })
    this.keepFiles(draft)
    this.changes.emit()
  }

  remove(message: StoredMessage): void {
    message.deletedAt = this.ids.now()
    this.changes.emit()
  }

  toWire(message: StoredMessage, directory: Directory): WireMessage {
    const author = directory.apiUser(message.authorId) ?? {
      id: message.authorId,
      username: "unknown",
      discriminator: "0",
      global_name: null,
      avatar: null
    }
    const link = message.interaction
    const user = link === undefined ? undefined : directory.apiUser(link.userId)
    return {
      id: message.id,
      channel_id: message.channelId,
      author,
      content: message.content,
      timestamp: this.ids.iso(message.createdAt),
      edited_timestamp: message.editedAt === undefined ? null : this.ids.iso(message.editedAt),
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: message.attachments.map(toApiAttachment),
      embeds: message.embeds,
      components: message.components,
      pinned: false,
      type: message.type,
      flags: message.flags,
      ...(message.webhookId === undefined
        ? {}
        : { webhook_id: message.webhookId, application_id: message.webhookId }),
      ...(link === undefined || user === undefined
        ? {}
        : { interaction_metadata: interactionMetadata(link, user) })
    }
  }

  private storeFile(
    channelId: string,
    file: UploadedFile,
    filename: string | undefined,
    description: string | undefined
  ): StoredAttachment {
    const id = this.ids.snowflake()
    const name = filename ?? file.filename
    return {
      id,
      channelId,
      filename: name,
      contentType: file.contentType,
      description,
      bytes: file.bytes,
      url: `${this.baseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(name)}`
    }
  }

  private keepFiles(draft: Draft): void {
    for (const file of draft.attachments) this.files.set(file.id, file)
  }
}

export const toApiAttachment = (a: StoredAttachment): APIAttachment => ({
  id: a.id,
  filename: a.filename,
  size: a.bytes.length,
  url: a.url,
  proxy_url: a.url,
  content_type: a.contentType,
  ...(a.description === undefined ? {} : { description: a.description })
})

const interactionMetadata = (link: InteractionLink, user: APIUser): InteractionMetadata => {
  const owners = { "0": "0" }
  switch (link.type) {
    case 2:
      return { id: link.id, type: 2, user, authorizing_integration_owners: owners }
    case 3:
      return {
        id: link.id,
        type: 3,
        user,
        authorizing_integration_owners: owners,
        interacted_message_id: link.interactedMessageId ?? "0"
      }
    case 5:
      return {
        id: link.id,
        type: 5,
        user,
        authorizing_integration_owners: owners,
        triggering_interaction_metadata: {
          id: link.id,
          type: 2,
          user,
          authorizing_integration_owners: owners
        }
      }
  }
}

/** Keeps a channel oldest first: new messages go last, a seeded older one where its id belongs. */
const insertInOrder = (channel: Array<StoredMessage>, message: StoredMessage): void => {
  let at = channel.length
  while (at > 0 && compareSnowflakes((channel[at - 1] ?? message).id, message.id) > 0) at--
  channel.splice(at, 0, message)
}
