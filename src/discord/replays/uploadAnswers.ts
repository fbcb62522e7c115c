/** What a player is told when they hand in a replay. */
import { Colors } from "../ui/colors.js"
import { errorEmbed } from "../ui/embeds.js"
import type { MessageBody } from "../ui/responses.js"

export const replayReceived = (matchId: number): MessageBody => ({
  embeds: [
    {
      title: "📥 Replay Received",
      description: `Checking your replay of match #${matchId} now; the details follow in a moment.`,
      color: Colors.grey
    }
  ]
})

export const replayRefused = (message: string): MessageBody => ({
  embeds: [errorEmbed("Replay Not Accepted", message)]
})
