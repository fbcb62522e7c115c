/**
 * `/replay file:<attachment>`: hands in the replay of the current match. Works in both deployments
 * (HTTP interactions never receive DMs, so there it is the only way); dropping the file in the DM
 * does the same over the gateway.
 */
import { Discord, Ix } from "dfx"
import { Effect, Schema } from "effect"
import { ReplayIntake } from "../../ladder/replays/ReplayIntake.js"
import { afterResponse } from "../AfterResponse.js"
import { guarded, TERMS_REQUIRED } from "../guards.js"
import { currentToken, editOriginal } from "../OriginalResponse.js"
import { attachmentDownloader } from "../replays/download.js"
import { replayReceived, replayRefused } from "../replays/uploadAnswers.js"
import { deferReply } from "../ui/responses.js"

const Attachment = Schema.Struct({ filename: Schema.String, size: Schema.Number, url: Schema.String })

const WithAttachments = Schema.Struct({
  data: Schema.Struct({
    resolved: Schema.Struct({ attachments: Schema.Record({ key: Schema.String, value: Attachment }) })
  })
})

/** The attachment an option names, from the interaction's resolved data. */
const attachmentOf = (interaction: Discord.APIInteraction, id: string) =>
  Effect.flatMap(Schema.decodeUnknown(WithAttachments)(interaction), ({ data }) =>
    Effect.fromNullable(data.resolved.attachments[id])
  )

export const replayCommand = Ix.global(
  {
    name: "replay",
    description: "Upload the replay of your current match",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM],
    options: [
      {
        type: Discord.ApplicationCommandOptionType.ATTACHMENT,
        name: "file",
        description: "The .SC2Replay file of the game",
        required: true
      }
    ]
  },
  (ix) =>
    guarded(
      "replay",
      TERMS_REQUIRED
    )(({ caller }) =>
      Effect.gen(function* () {
        const attachment = yield* Effect.orDie(attachmentOf(yield* Ix.Interaction, ix.optionValue("file")))
        const token = yield* currentToken
        const intake = yield* ReplayIntake
        const download = yield* attachmentDownloader
        yield* afterResponse(
          "replay.upload",
          intake
            .submit({
              uploaderUid: caller.userId,
              fileName: attachment.filename,
              sizeBytes: attachment.size,
              bytes: download(attachment.url)
            })
            .pipe(
              Effect.matchEffect({
                onSuccess: (accepted) => editOriginal(token, replayReceived(accepted.matchId)),
                onFailure: (refused) => editOriginal(token, replayRefused(refused.message))
              })
            )
        )
        return deferReply
      })
    )
)
