/** Embeds shared by many commands: errors, guard refusals, the closing footer. */
import type { GuardRefusal } from "../../domain/CommandGuard.js"
import { Colors } from "./colors.js"
import { button, rows } from "./components.js"
import type { Embed, MessageBody } from "./responses.js"

export const FOOTER = "EvoLadderBot • SC: Evo Complete Ladder Bot"

/** Custom id of the ✖️ Close button: deletes the message it sits on. */
export const CLOSE_ID = "close"

export const closeRow = rows([button(CLOSE_ID, "✖️ Close", "danger")])

export const errorEmbed = (title: string, description: string): Embed => ({
  title: title.startsWith("❌") ? title : `❌ ${title}`,
  description,
  color: Colors.red
})

export const dmOnly: MessageBody = {
  embeds: [
    {
      title: "❌ DM Only Command",
      description:
        "This bot's commands can only be used in DMs (private messages). Please send me a DM and try the command again.",
      color: Colors.red
    }
  ],
  components: closeRow
}

const refusals: Readonly<Record<GuardRefusal, Embed>> = {
  banned: {
    title: "🚫 Account Banned",
    description:
      "Your account has been banned from using this bot. If you believe this is in error, please contact an administrator.",
    color: Colors.red
  },
  terms_not_accepted: {
    title: "❌ Terms of Service Required",
    description:
      "You must accept the Terms of Service before using this command.\nUse `/termsofservice` to review and accept the terms.",
    color: Colors.red
  },
  setup_not_completed: {
    title: "❌ Profile Setup Required",
    description:
      "You must complete your profile setup before queueing.\nUse `/setup` to complete your profile.",
    color: Colors.red
  }
}

export const refusal = (reason: GuardRefusal): MessageBody => ({
  embeds: [refusals[reason]],
  components: closeRow
})

export const expiredView: MessageBody = {
  embeds: [
    errorEmbed(
      "This Menu Has Expired",
      "Buttons and menus stop working after a while. Run the command again to start over."
    )
  ]
}

export const unexpectedError = (reference: string): MessageBody => ({
  embeds: [
    errorEmbed(
      "Something Went Wrong",
      `The bot could not finish this action and nothing was changed by it. Please try again; if it keeps happening, tell an admin the reference \`${reference}\`.`
    )
  ]
})
