/**
 * How admin answers look (reference §3.10): public in the channel where the command ran, except
 * access refusals, the button restriction and lookup errors, which only the caller sees.
 */
import { Discord, Ix } from "dfx"
import { Colors } from "../ui/colors.js"
import { errorEmbed } from "../ui/embeds.js"
import { privateReply, type Embed, type MessageBody } from "../ui/responses.js"

/** A new message everyone in the channel sees, in a server as in DMs. */
export const publicReply = (body: MessageBody): Discord.CreateInteractionResponseRequest =>
  Ix.response({ type: Discord.InteractionCallbackTypes.CHANNEL_MESSAGE_WITH_SOURCE, data: body })

export const accessDenied = (role: "admin" | "owner"): Discord.CreateInteractionResponseRequest =>
  privateReply({
    embeds: [
      role === "owner"
        ? {
            title: "🚫 Owner Access Denied",
            description: "Only the bot's owners can use this command.",
            color: Colors.red
          }
        : {
            title: "🚫 Admin Access Denied",
            description: "Only ladder admins can use admin commands.",
            color: Colors.red
          }
    ]
  })

/** Someone other than the admin who ran the command pressed its buttons. */
export const buttonRestricted = (ownerUid: string): Discord.CreateInteractionResponseRequest =>
  privateReply({
    embeds: [
      {
        title: "🚫 Admin Button Restricted",
        description: `Only <@${ownerUid}> can interact with these buttons.`,
        color: Colors.red
      }
    ]
  })

/** A private error for the caller (a user or match not found, a value out of range). */
export const privateError = (title: string, description: string): Discord.CreateInteractionResponseRequest =>
  privateReply({ embeds: [errorEmbed(title, description)] })

type Field = NonNullable<Embed["fields"]>[number]

export const adminEmbed = (
  title: string,
  description: string,
  color: number,
  fields: ReadonlyArray<Field> = []
): Embed => ({ title, description, color, ...(fields.length === 0 ? {} : { fields: [...fields] }) })

export const field = (name: string, value: string, inline = false): Field => ({
  name,
  value: fieldValue(value),
  inline
})

/** A value shown in an embed field, never empty (Discord refuses empty field values). */
export const fieldValue = (text: string, limit = 1024): string => {
  const value = text.trim() === "" ? "—" : text
  return value.length <= limit ? value : `${value.slice(0, limit - 1)}…`
}
