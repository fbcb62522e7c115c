/** `/help`: how to get from a new account to a ranked game, and what each command does. */
import { Discord, Ix } from "dfx"
import { Effect } from "effect"
import { guarded, NO_REQUIREMENTS } from "../guards.js"
import { Colors } from "../ui/colors.js"
import { FOOTER } from "../ui/embeds.js"
import { reply, type MessageBody } from "../ui/responses.js"

export const helpMessage: MessageBody = {
  embeds: [
    {
      title: "🤖 SC: Evo Complete Ladder Bot Help",
      description: "Everything happens here, in your DMs with the bot.",
      color: Colors.blue,
      fields: [
        {
          name: "🆕 New players",
          value: [
            "1. `/termsofservice`: read and accept the terms.",
            "2. `/setup`: your in-game name, BattleTag, country and region.",
            "3. `/queue`: pick one Brood War race and/or one StarCraft II race and up to 4 map vetoes, then join.",
            "4. When a match is found, both players press **Confirm Match** within 60 seconds.",
            "5. Play in the mod's lobby with the settings shown, then drop the `.SC2Replay` file into this DM: the bot verifies it and records the result."
          ].join("\n"),
          inline: false
        },
        {
          name: "📜 Commands",
          value: [
            "`/termsofservice`: show, accept or decline the terms",
            "`/setup`: set up or change your profile",
            "`/setcountry`: set any country (or Nonrepresenting)",
            "`/queue`: join the matchmaking queue",
            "`/profile`: your ratings, record and account status",
            "`/leaderboard`: rankings with race, country and rank filters",
            "`/prune`: delete the bot's old messages in this DM to reduce lag",
            "`/help`: this message"
          ].join("\n"),
          inline: false
        },
        {
          name: "💡 Good to know",
          value: [
            "• Each race has its own MMR, starting at 1500.",
            "• Brood War races are always matched against StarCraft II races.",
            "• You can abort 3 matches per month before confirming; a match nobody confirms is cancelled at no cost.",
            "• Only players active in the last 14 days are ranked on the leaderboard."
          ].join("\n"),
          inline: false
        }
      ],
      footer: { text: FOOTER }
    }
  ]
}

export const helpCommand = Ix.global(
  {
    name: "help",
    description: "How to use the ladder bot",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]
  },
  guarded("help", NO_REQUIREMENTS)(({ caller }) => Effect.succeed(reply(caller, helpMessage)))
)
