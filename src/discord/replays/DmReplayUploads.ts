/**
 * Replay uploads by DM (the reference's way, gateway deployment): the first `.SC2Replay` attachment
 * of a player's DM to the bot goes to the intake; the bot answers in the same DM.
 */
import { DiscordGateway } from "dfx/gateway"
import { DiscordREST } from "dfx/DiscordREST"
import { Effect, Layer, Schema } from "effect"
import { Snowflake } from "../../domain/Snowflake.js"
import { isReplayFileName, ReplayIntake } from "../../ladder/replays/ReplayIntake.js"
import type { MessageBody } from "../ui/responses.js"
import { attachmentDownloader } from "./download.js"
import { replayReceived, replayRefused } from "./uploadAnswers.js"

const DmMessage = Schema.Struct({
  channel_id: Schema.String,
  guild_id: Schema.optional(Schema.String),
  author: Schema.Struct({ id: Snowflake, bot: Schema.optional(Schema.Boolean) }),
  attachments: Schema.Array(
    Schema.Struct({ filename: Schema.String, size: Schema.Number, url: Schema.String })
  )
})

export const DmReplayUploadsLive = Layer.scopedDiscard(
  Effect.gen(function* () {
    const gateway = yield* DiscordGateway
    const rest = yield* DiscordREST
    const intake = yield* ReplayIntake
    const download = yield* attachmentDownloader
    const answer = (channelId: string, body: MessageBody) =>
      rest.createMessage(channelId, { embeds: body.embeds ?? [] })

    yield* gateway
      .handleDispatch("MESSAGE_CREATE", (raw) =>
        Effect.gen(function* () {
          const message = yield* Schema.decodeUnknown(DmMessage)(raw)
          if (message.author.bot === true || message.guild_id !== undefined) return
          const attachment = message.attachments.find((file) => isReplayFileName(file.filename))
          if (attachment === undefined) return
          const accepted = yield* intake
            .submit({
              uploaderUid: message.author.id,
              fileName: attachment.filename,
              sizeBytes: attachment.size,
              bytes: download(attachment.url)
            })
            .pipe(Effect.either)
          yield* answer(
            message.channel_id,
            accepted._tag === "Right"
              ? replayReceived(accepted.right.matchId)
              : replayRefused(accepted.left.message)
          )
        }).pipe(Effect.catchAllCause((cause) => Effect.logError("could not take a replay upload", cause)))
      )
      .pipe(Effect.forkScoped)
  })
)
