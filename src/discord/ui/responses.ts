/** Interaction responses in the shapes Discord accepts, with the reference's ephemerality rule. */
import { Discord, Ix } from "dfx"
import type { Caller } from "../Caller.js"

export type Embed = Discord.RichEmbed
export type MessageComponents = NonNullable<Discord.IncomingWebhookInteractionRequest["components"]>
export type ModalComponents = Discord.ModalInteractionCallbackRequestData["components"]

export interface MessageBody {
  readonly content?: string
  readonly embeds?: ReadonlyArray<Embed>
  readonly components?: MessageComponents
}

const EPHEMERAL = 64

/** A new message answering the interaction: ephemeral in a server, a normal message in DMs. */
export const reply = (caller: Caller, body: MessageBody): Discord.CreateInteractionResponseRequest =>
  Ix.response({
    type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
    data: { ...body, ...(caller.inGuild ? { flags: EPHEMERAL } : {}) }
  })

/** A reply only the caller sees, wherever they are. */
export const privateReply = (body: MessageBody): Discord.CreateInteractionResponseRequest =>
  Ix.response({
    type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE,
    data: { ...body, flags: EPHEMERAL }
  })

/** Replaces the message whose button or select was used. */
export const update = (body: MessageBody): Discord.CreateInteractionResponseRequest =>
  Ix.response({
    type: Discord.InteractionCallbackTypes.UPDATE_MESSAGE,
    data: { content: body.content ?? "", embeds: body.embeds ?? [], components: body.components ?? [] }
  })

export const modal = (
  data: Discord.ModalInteractionCallbackRequestData
): Discord.CreateInteractionResponseRequest =>
  Ix.response({ type: Discord.InteractionCallbackTypes.MODAL, data })

/** Acknowledges a component interaction now; the message is edited or deleted afterwards. */
export const deferUpdate: Discord.CreateInteractionResponseRequest = Ix.response({
  type: Discord.InteractionCallbackTypes.DEFERRED_UPDATE_MESSAGE
})

/** Acknowledges a command now ("thinking…"); the answer replaces it through the interaction's webhook. */
export const deferReply: Discord.CreateInteractionResponseRequest = Ix.response({
  type: Discord.InteractionCallbackTypes.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
})

export const autocompleteChoices = (
  choices: ReadonlyArray<{ readonly name: string; readonly value: string }>
): Discord.CreateInteractionResponseRequest =>
  Ix.response({
    type: Discord.InteractionCallbackTypes.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT,
    data: { choices }
  })
