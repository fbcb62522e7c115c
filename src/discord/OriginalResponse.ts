/**
 * The answer to an interaction after its first response: edits, deletion and follow-ups go through
 * the interaction's webhook (application id + token, valid 15 minutes), in both deployments.
 */
import { DiscordREST } from "dfx/DiscordREST"
import { Ix } from "dfx"
import { Effect } from "effect"
import type { MessageBody, MessageComponents } from "./ui/responses.js"

export interface InteractionToken {
  readonly applicationId: string
  readonly token: string
}

/** The current interaction's webhook credentials, to use from background work. */
export const currentToken: Effect.Effect<InteractionToken, never, Ix.DiscordInteraction> = Effect.map(
  Ix.Interaction,
  (interaction) => ({ applicationId: interaction.application_id, token: interaction.token })
)

export const editOriginal = (target: InteractionToken, body: MessageBody) =>
  Effect.flatMap(DiscordREST, (rest) =>
    rest.updateOriginalWebhookMessage(target.applicationId, target.token, {
      payload: { content: body.content ?? "", embeds: body.embeds ?? [], components: body.components ?? [] }
    })
  )

/** Replaces only the components of the original message (an empty list removes them). */
export const editOriginalComponents = (target: InteractionToken, components: MessageComponents) =>
  Effect.flatMap(DiscordREST, (rest) =>
    rest.updateOriginalWebhookMessage(target.applicationId, target.token, { payload: { components } })
  )

export const deleteOriginal = (target: InteractionToken) =>
  Effect.flatMap(DiscordREST, (rest) => rest.deleteOriginalWebhookMessage(target.applicationId, target.token))

export const followUp = (target: InteractionToken, body: MessageBody) =>
  Effect.flatMap(DiscordREST, (rest) =>
    rest.executeWebhook(target.applicationId, target.token, { params: { wait: true }, payload: body })
  )
