/**
 * `/prune` (reference §3.7): deletes the bot's own messages in the caller's DM that are older than
 * the configured age (180 minutes), among the last 100, after a confirmation. Messages whose buttons
 * still work (their view is live) and prune's own messages are protected, recognised by their
 * components and titles rather than by guessing from text.
 */
import { Discord, Ix } from "dfx"
import { DiscordREST } from "dfx/DiscordREST"
import { Clock, Duration, Effect, Schema } from "effect"
import { AppConfig } from "../../config.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { afterResponse } from "../AfterResponse.js"
import { BotUser } from "../BotUser.js"
import { currentCaller } from "../Caller.js"
import { guarded, TERMS_REQUIRED } from "../guards.js"
import { currentToken, editOriginal, type InteractionToken } from "../OriginalResponse.js"
import { Colors } from "../ui/colors.js"
import { button, rows } from "../ui/components.js"
import { errorEmbed, expiredView } from "../ui/embeds.js"
import { deferReply, update, type MessageBody } from "../ui/responses.js"
import { viewKind, ViewState } from "../ViewState.js"
import { planPrune, PRUNE_TITLES, type PrunePlan } from "./prunePlan.js"

const HISTORY_LIMIT = 100
const CONFIRM_PREFIX = "prune:confirm:"
const CANCEL_PREFIX = "prune:cancel:"

const pruneView = viewKind(
  "prune",
  Schema.Struct({ channelId: Schema.String, messageIds: Schema.Array(Schema.String) })
)

const messageLink = (webOrigin: string, channelId: string, messageId: string) =>
  `${webOrigin}/channels/@me/${channelId}/${messageId}`

const seconds = (epochMs: number) => Math.floor(epochMs / 1000)

const confirmation = (viewId: string, plan: PrunePlan, channelId: string, webOrigin: string): MessageBody => {
  const oldest = plan.deletable[plan.deletable.length - 1]
  const newest = plan.deletable[0]
  return {
    embeds: [
      {
        title: PRUNE_TITLES.confirm,
        description: `**${plan.deletable.length}** old message(s) will be deleted.`,
        color: Colors.orange,
        fields: [
          ...(oldest === undefined || newest === undefined
            ? []
            : [
                {
                  name: "📅 Oldest Message",
                  value: `[Jump](${messageLink(webOrigin, channelId, oldest.id)}) <t:${seconds(oldest.sentAt)}:R>`,
                  inline: true
                },
                {
                  name: "📅 Newest Message",
                  value: `[Jump](${messageLink(webOrigin, channelId, newest.id)}) <t:${seconds(newest.sentAt)}:R>`,
                  inline: true
                }
              ]),
          { name: "⏱️ Estimated Time", value: `~${plan.estimatedSeconds} seconds`, inline: false }
        ]
      }
    ],
    components: rows([
      button(`${CONFIRM_PREFIX}${viewId}`, "✅ Confirm", "success"),
      button(`${CANCEL_PREFIX}${viewId}`, "✖️ Cancel", "danger")
    ])
  }
}

/** Looks at the DM's history and answers the deferred `/prune` with the plan. */
const preparePrune = (token: InteractionToken, ownerId: Snowflake, channelId: string) =>
  Effect.gen(function* () {
    const rest = yield* DiscordREST
    const { ladder, discord } = yield* AppConfig
    const bot = yield* (yield* BotUser).get
    const views = yield* ViewState
    const now = yield* Clock.currentTimeMillis
    const history = yield* rest.listMessages(channelId, { limit: HISTORY_LIMIT })
    const liveViews = yield* views.liveIds(ownerId)
    const plan = planPrune(history, {
      botId: bot.id,
      now,
      minAgeMs: Duration.toMillis(ladder.pruneMinAge),
      spacingMs: Duration.toMillis(ladder.pruneDeleteSpacing),
      liveViewIds: liveViews
    })
    if (plan.deletable.length === 0) {
      return yield* editOriginal(token, {
        embeds: [
          {
            title: PRUNE_TITLES.nothing,
            description: `There are no bot messages older than ${Duration.format(ladder.pruneMinAge)} to delete.`,
            color: Colors.blue
          }
        ]
      })
    }
    const viewId = yield* views.open(
      pruneView,
      ownerId,
      { channelId, messageIds: plan.deletable.map((message) => message.id) },
      { replace: true }
    )
    yield* editOriginal(token, confirmation(viewId, plan, channelId, new URL(discord.apiUrl).origin))
  }).pipe(
    Effect.catchTags({
      ErrorResponse: () =>
        editOriginal(token, {
          embeds: [errorEmbed("Error", "Failed to fetch messages. Please try again later.")]
        })
    })
  )

export const pruneCommand = Ix.global(
  {
    name: "prune",
    description: "Delete old bot messages (older than 180 minutes) to reduce lag",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]
  },
  guarded(
    "prune",
    TERMS_REQUIRED
  )(({ caller }) =>
    Effect.gen(function* () {
      const token = yield* currentToken
      if (caller.channelId === null) return yield* Effect.dieMessage("a DM command without a channel")
      yield* afterResponse("prune.prepare", preparePrune(token, caller.userId, caller.channelId))
      return deferReply
    })
  )
)

/** Deletes the planned messages one by one, then reports on the confirmation message. */
const runPrune = (token: InteractionToken, channelId: string, messageIds: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const rest = yield* DiscordREST
    const { ladder } = yield* AppConfig
    let deleted = 0
    let failed = 0
    for (const [index, messageId] of messageIds.entries()) {
      if (index > 0) yield* Effect.sleep(ladder.pruneDeleteSpacing)
      const ok = yield* rest.deleteMessage(channelId, messageId).pipe(
        Effect.as(true),
        Effect.catchAll(() => Effect.succeed(false))
      )
      if (ok) deleted++
      else failed++
    }
    yield* editOriginal(token, {
      embeds: [
        {
          title: PRUNE_TITLES.done,
          description: `Deleted **${deleted}** old message(s).`,
          color: Colors.green,
          fields:
            failed === 0
              ? []
              : [{ name: "⚠️ Failed to Delete", value: `${failed} message(s)`, inline: false }]
        }
      ]
    })
  })

const viewIdAfter = (prefix: string) =>
  Effect.map(Ix.MessageComponentData, (data) => data.custom_id.slice(prefix.length))

export const confirmPrune = Ix.messageComponent(
  Ix.idStartsWith(CONFIRM_PREFIX),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const views = yield* ViewState
    const viewId = yield* viewIdAfter(CONFIRM_PREFIX)
    const plan = yield* views.get(pruneView, viewId, caller.userId)
    yield* views.close(viewId)
    const token = yield* currentToken
    yield* afterResponse("prune.delete", runPrune(token, plan.channelId, plan.messageIds))
    return update({
      embeds: [
        {
          title: PRUNE_TITLES.progress,
          description: `Deleting ${plan.messageIds.length} message(s), about one per second…`,
          color: Colors.orange
        }
      ]
    })
  }).pipe(Effect.catchTag("ViewExpired", () => Effect.succeed(update(expiredView))))
)

export const cancelPrune = Ix.messageComponent(
  Ix.idStartsWith(CANCEL_PREFIX),
  Effect.gen(function* () {
    yield* (yield* ViewState).close(yield* viewIdAfter(CANCEL_PREFIX))
    return update({ content: "Prune cancelled. No messages were deleted." })
  })
)
