/**
 * When the bot has answered an interaction, and what the player then sees: the reply message,
 * the updated message, the placeholder once it is resolved, the modal, or the choices.
 */
import type { InteractionState } from "./interactions.js"
import type { StoredMessage } from "./messages.js"
import type { FakeState } from "./state.js"
import {
  choicesView,
  messageView,
  modalView,
  type AutocompleteChoice,
  type ComponentView,
  type EmbedView,
  type MessageView,
  type ModalView
} from "./views.js"

export interface InteractionReply {
  readonly interactionId: string
  /** The callback type: 4 reply, 5 deferred reply (resolved), 6 deferred update, 7 update, 8 choices, 9 modal. */
  readonly callbackType: number
  /** The message the player now sees as the answer (new, updated or resolved placeholder). */
  readonly message: MessageView | undefined
  readonly content: string
  readonly embeds: ReadonlyArray<EmbedView>
  readonly components: ReadonlyArray<ComponentView>
  readonly ephemeral: boolean
  readonly modal: ModalView | undefined
  readonly choices: ReadonlyArray<AutocompleteChoice>
}

export type ReplyProbe =
  | { readonly _tag: "Answered"; readonly reply: InteractionReply }
  | { readonly _tag: "Failed"; readonly message: string }
  | undefined

/**
 * Each message's view as of its last change (a create or edit adds to its history, a delete stamps
 * it): players' probes re-read whole DM channels after every change of the fake, for a whole season.
 */
const views = new WeakMap<
  StoredMessage,
  { readonly edits: number; readonly deleted: boolean; readonly view: MessageView }
>()

export const viewOf = (state: FakeState, id: string | undefined): MessageView | undefined => {
  const message = id === undefined ? undefined : state.messages.get(id)
  if (message === undefined) return undefined
  const cached = views.get(message)
  const edits = message.history.length
  const deleted = message.deletedAt !== undefined
  if (cached !== undefined && cached.edits === edits && cached.deleted === deleted) return cached.view
  const view = messageView(message, state.messages.toWire(message, state.directory), state.directory.bot.id)
  views.set(message, { edits, deleted, view })
  return view
}

const reply = (state: FakeState, interaction: InteractionState, type: number): InteractionReply => {
  const message =
    type === 4 || type === 5 || type === 6 || type === 7
      ? viewOf(state, interaction.originalMessageId)
      : undefined
  const data = interaction.ack?.data
  return {
    interactionId: interaction.id,
    callbackType: type,
    message,
    content: message?.content ?? "",
    embeds: message?.embeds ?? [],
    components: message?.components ?? [],
    ephemeral: message?.ephemeral ?? false,
    modal: type === 9 ? modalView(data ?? null) : undefined,
    choices: type === 8 ? choicesView(data) : []
  }
}

/**
 * `until: "answer"` waits for what the player finally sees (the edit after a type 5 or 6);
 * `"ack"` resolves at the initial response.
 */
export const probeReply = (
  state: FakeState,
  interaction: InteractionState,
  until: "answer" | "ack"
): ReplyProbe => {
  const ack = interaction.ack
  if (ack !== undefined) {
    const settled =
      until === "ack" ||
      (ack.type === 5 && !interaction.deferredPending) ||
      (ack.type === 6 && interaction.editsAfterAck > 0) ||
      (ack.type !== 5 && ack.type !== 6)
    if (settled) return { _tag: "Answered", reply: reply(state, interaction, ack.type) }
  }
  const since = ack?.at ?? 0
  const rejection = interaction.rejections.find((r) => r.at >= since)
  if (rejection !== undefined)
    return {
      _tag: "Failed",
      message: `${rejection.request} was refused: ${rejection.status} ${rejection.code} ${rejection.message}`
    }
  return undefined
}

/** A one-line account of an interaction, for timeout messages. */
export const describeInteraction = (state: FakeState, interaction: InteractionState): string => {
  const ack =
    interaction.ack === undefined ? "no response yet" : `responded with type ${interaction.ack.type}`
  const pending = interaction.deferredPending ? ", placeholder never edited" : ""
  const requests = state.recorder.requests
    .slice(-5)
    .map((r) => `${r.method} ${r.path} → ${r.status}`)
    .join("; ")
  return `interaction ${interaction.name} (type ${interaction.type}): ${ack}${pending}; last requests: ${requests || "none"}`
}
