/** `/termsofservice` (reference §3.1): show the terms, accept or decline; re-runnable to withdraw. */
import { Discord, Ix } from "dfx"
import { Effect } from "effect"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"
import { currentCaller } from "../Caller.js"
import { guarded, NO_REQUIREMENTS } from "../guards.js"
import { Colors } from "../ui/colors.js"
import { button, rows } from "../ui/components.js"
import { FOOTER } from "../ui/embeds.js"
import { reply, update, type MessageBody } from "../ui/responses.js"

const ACCEPT_ID = "tos:accept"
const DECLINE_ID = "tos:decline"

export const TOS_URL = "https://www.scevo.net/ladder/tos"
export const TOS_MIRROR_URL = "https://rentry.co/evoladderbot-tos"

const termsMessage: MessageBody = {
  embeds: [
    {
      title: "📋 Terms of Service, User Conduct, Privacy Policy, Refund Policy",
      description:
        "You must read and accept the following terms before you can use the SC: Evo Complete Ladder Bot.\n\n" +
        `**Terms of Service:** ${TOS_URL}\n**Mirror:** ${TOS_MIRROR_URL}\n\n` +
        "⚠️ Failure to read or understand these terms is NOT AN ACCEPTABLE DEFENSE for violating them.",
      color: Colors.blue,
      footer: { text: FOOTER }
    }
  ],
  components: rows([
    button(ACCEPT_ID, "✅ I Accept These Terms", "success"),
    button(DECLINE_ID, "✖️ I Decline These Terms", "danger")
  ])
}

export const termsOfServiceCommand = Ix.global(
  {
    name: "termsofservice",
    description: "Show the terms of service",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]
  },
  guarded("termsofservice", NO_REQUIREMENTS)(({ caller }) => Effect.succeed(reply(caller, termsMessage)))
)

const decide = (accept: boolean) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const players = yield* PlayersRepo
    yield* players.ensure(caller.userId, caller.username)
    // Declining again is recorded too: the date says when the player last decided.
    yield* players.updateSettings(caller.userId, { acceptedTos: accept }, "player", {
      always: ["acceptedTos"]
    })
    return update({
      embeds: [
        accept
          ? {
              title: "✅ Terms of Service Confirmed",
              description: "Thank you for accepting the Terms of Service.",
              color: Colors.green,
              footer: { text: "You may now use all SC: Evo Complete Ladder Bot features." }
            }
          : {
              title: "❌ Terms of Service Declined",
              description:
                "You have declined the Terms of Service, so most features are unavailable. Run `/termsofservice` again at any time to accept them.",
              color: Colors.red
            }
      ]
    })
  })

export const acceptTerms = Ix.messageComponent(Ix.id(ACCEPT_ID), decide(true))
export const declineTerms = Ix.messageComponent(Ix.id(DECLINE_ID), decide(false))
