/**
 * What a player sees, in shapes that are easy to assert on: messages with their current state,
 * embeds with their fields, components flattened out of their rows, modals with their inputs.
 */
import { arr, bool, field, num, str, type Json } from "./json.js"
import type { StoredMessage, WireMessage } from "./messages.js"
import { isEphemeralFlags, MessageFlag } from "./validate-message.js"

export interface EmbedField {
  readonly name: string
  readonly value: string
  readonly inline: boolean
}

export interface EmbedView {
  readonly title: string | undefined
  readonly description: string | undefined
  readonly url: string | undefined
  readonly color: number | undefined
  readonly author: string | undefined
  readonly footer: string | undefined
  readonly image: string | undefined
  readonly thumbnail: string | undefined
  readonly fields: ReadonlyArray<EmbedField>
  readonly raw: Json
}

export interface SelectOptionView {
  readonly label: string
  readonly value: string
  readonly description: string | undefined
  readonly default: boolean
}

const componentNames: Record<number, string> = {
  2: "button",
  3: "string_select",
  4: "text_input",
  5: "user_select",
  6: "role_select",
  7: "mentionable_select",
  8: "channel_select",
  9: "section",
  10: "text_display",
  11: "thumbnail",
  12: "media_gallery",
  13: "file",
  14: "separator",
  17: "container",
  18: "label"
}

export interface ComponentView {
  /** `"button"`, `"string_select"`, `"user_select"`, `"text_input"`, `"text_display"`, … */
  readonly type: string
  readonly typeId: number
  readonly customId: string | undefined
  readonly label: string | undefined
  readonly style: number | undefined
  readonly disabled: boolean
  readonly url: string | undefined
  readonly emoji: string | undefined
  readonly placeholder: string | undefined
  readonly options: ReadonlyArray<SelectOptionView>
  readonly minValues: number | undefined
  readonly maxValues: number | undefined
  /** Text of a Components V2 text display. */
  readonly content: string | undefined
  readonly raw: Json
}

export interface AttachmentView {
  readonly id: string
  readonly filename: string
  readonly url: string
  readonly size: number
  readonly contentType: string
}

export interface MessageView {
  readonly id: string
  readonly channelId: string
  readonly authorId: string
  readonly fromBot: boolean
  readonly content: string
  readonly embeds: ReadonlyArray<EmbedView>
  /** Interactive and display components, flattened in reading order (rows dissolved). */
  readonly components: ReadonlyArray<ComponentView>
  readonly flags: number
  readonly ephemeral: boolean
  /** A deferred reply still showing "thinking…". */
  readonly loading: boolean
  readonly attachments: ReadonlyArray<AttachmentView>
  readonly createdAt: number
  readonly editedAt: number | undefined
  readonly deleted: boolean
  /** Set for ephemeral messages: the only user who sees them. */
  readonly visibleTo: string | undefined
  /** The interaction this message answers. */
  readonly interactionId: string | undefined
  /** The message as the API returns it. */
  readonly raw: WireMessage
}

export interface ModalInputView {
  readonly customId: string
  readonly label: string | undefined
  readonly type: string
  readonly style: number | undefined
  readonly required: boolean
  readonly value: string | undefined
  readonly placeholder: string | undefined
  readonly minLength: number | undefined
  readonly maxLength: number | undefined
  readonly options: ReadonlyArray<SelectOptionView>
}

export interface ModalView {
  readonly customId: string
  readonly title: string
  readonly inputs: ReadonlyArray<ModalInputView>
  readonly raw: Json
}

export interface AutocompleteChoice {
  readonly name: string
  readonly value: string | number
}

export const embedView = (raw: Json): EmbedView => ({
  title: str(raw, "title"),
  description: str(raw, "description"),
  url: str(raw, "url"),
  color: num(raw, "color"),
  author: str(field(raw, "author"), "name"),
  footer: str(field(raw, "footer"), "text"),
  image: str(field(raw, "image"), "url"),
  thumbnail: str(field(raw, "thumbnail"), "url"),
  fields: arr(raw, "fields").map((f) => ({
    name: str(f, "name") ?? "",
    value: str(f, "value") ?? "",
    inline: bool(f, "inline") === true
  })),
  raw
})

const optionView = (raw: Json): SelectOptionView => ({
  label: str(raw, "label") ?? "",
  value: str(raw, "value") ?? "",
  description: str(raw, "description"),
  default: bool(raw, "default") === true
})

const componentView = (raw: Json): ComponentView => {
  const typeId = num(raw, "type") ?? 0
  return {
    type: componentNames[typeId] ?? `type_${typeId}`,
    typeId,
    customId: str(raw, "custom_id"),
    label: str(raw, "label"),
    style: num(raw, "style"),
    disabled: bool(raw, "disabled") === true,
    url: str(raw, "url"),
    emoji: str(field(raw, "emoji"), "name"),
    placeholder: str(raw, "placeholder"),
    options: arr(raw, "options").map(optionView),
    minValues: num(raw, "min_values"),
    maxValues: num(raw, "max_values"),
    content: str(raw, "content"),
    raw
  }
}

/** Flattens rows, sections, containers and labels into the leaf components, in order. */
export const flattenComponents = (components: ReadonlyArray<Json>): ReadonlyArray<ComponentView> =>
  components.flatMap((c): ReadonlyArray<ComponentView> => {
    const type = num(c, "type")
    if (type === 1 || type === 17) return flattenComponents(arr(c, "components"))
    if (type === 9) {
      const accessory = field(c, "accessory")
      return [
        ...flattenComponents(arr(c, "components")),
        ...(accessory === undefined ? [] : [componentView(accessory)])
      ]
    }
    if (type === 18) {
      const inner = field(c, "component")
      return inner === undefined ? [] : [componentView(inner)]
    }
    return [componentView(c)]
  })

export const messageView = (message: StoredMessage, wire: WireMessage, botId: string): MessageView => ({
  id: message.id,
  channelId: message.channelId,
  authorId: message.authorId,
  fromBot: message.authorId === botId,
  content: message.content,
  embeds: message.embeds.map(embedView),
  components: flattenComponents(message.components),
  flags: message.flags,
  ephemeral: isEphemeralFlags(message.flags),
  loading: (message.flags & MessageFlag.Loading) !== 0,
  attachments: message.attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    url: a.url,
    size: a.bytes.length,
    contentType: a.contentType
  })),
  createdAt: message.createdAt,
  editedAt: message.editedAt,
  deleted: message.deletedAt !== undefined,
  visibleTo: message.visibleTo,
  interactionId: message.interaction?.id,
  raw: wire
})

/** Inputs of a modal, whether laid out in action rows (legacy) or in label components. */
export const modalView = (raw: Json): ModalView => ({
  customId: str(raw, "custom_id") ?? "",
  title: str(raw, "title") ?? "",
  inputs: arr(raw, "components").flatMap((row): ReadonlyArray<ModalInputView> => {
    const type = num(row, "type")
    if (type === 1) return arr(row, "components").map((c) => modalInput(c, str(c, "label")))
    if (type === 18) {
      const inner = field(row, "component")
      return inner === undefined ? [] : [modalInput(inner, str(row, "label"))]
    }
    return []
  }),
  raw
})

const modalInput = (raw: Json, label: string | undefined): ModalInputView => {
  const type = num(raw, "type") ?? 0
  return {
    customId: str(raw, "custom_id") ?? "",
    label,
    type: componentNames[type] ?? `type_${type}`,
    style: num(raw, "style"),
    // Text inputs are required unless they say otherwise.
    required: bool(raw, "required") !== false,
    value: str(raw, "value"),
    placeholder: str(raw, "placeholder"),
    minLength: num(raw, "min_length"),
    maxLength: num(raw, "max_length"),
    options: arr(raw, "options").map(optionView)
  }
}

export const choicesView = (data: Json | undefined): ReadonlyArray<AutocompleteChoice> =>
  arr(data, "choices").flatMap((c) => {
    const value = field(c, "value")
    return typeof value === "string" || typeof value === "number"
      ? [{ name: str(c, "name") ?? "", value }]
      : []
  })

// ---- helpers for assertions ----------------------------------------------------------------

/** An embed's fields as `{ name: value }` (a repeated name keeps its last value). */
export const fieldsOf = (embed: EmbedView | undefined): Record<string, string> =>
  Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, f.value]))

/** The components of a message or reply, flattened. */
export const componentsOf = (message: { readonly components: ReadonlyArray<ComponentView> } | undefined) =>
  message?.components ?? []

export const buttonsOf = (message: { readonly components: ReadonlyArray<ComponentView> } | undefined) =>
  componentsOf(message).filter((c) => c.type === "button")

/** The component with this custom id, if the message has one. */
export const componentById = (
  message: { readonly components: ReadonlyArray<ComponentView> } | undefined,
  customId: string
): ComponentView | undefined => componentsOf(message).find((c) => c.customId === customId)

/** Everything readable in a message (content, embed titles, descriptions, fields, footers, V2 text), one per line. */
export const textOf = (
  message: Pick<MessageView, "content" | "embeds" | "components"> | undefined
): string => {
  if (message === undefined) return ""
  const parts: Array<string | undefined> = [message.content]
  for (const embed of message.embeds) {
    parts.push(embed.author, embed.title, embed.description)
    for (const f of embed.fields) parts.push(f.name, f.value)
    parts.push(embed.footer)
  }
  for (const c of message.components) parts.push(c.content)
  return parts.filter((p): p is string => p !== undefined && p !== "").join("\n")
}

export const isEphemeral = (message: { readonly flags: number }): boolean => isEphemeralFlags(message.flags)
