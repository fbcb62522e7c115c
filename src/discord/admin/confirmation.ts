/**
 * The confirmation every admin change goes through (reference §3.10): an orange preview with
 * "✅ Admin Confirm" / "✖️ Admin Cancel" that only the admin who ran the command can press (anyone
 * else is told so, privately, and the buttons stay); it expires with the view timeout (450 s),
 * when its buttons are taken off. Confirming claims the pending action and carries it out in one
 * transaction, so two quick presses cannot apply it twice.
 */
import { Ix } from "dfx"
import { Effect, Either } from "effect"
import type { Actor } from "../../ladder/admin/AdminAudit.js"
import { DomainEvents } from "../../ladder/DomainEvents.js"
import { afterResponse } from "../AfterResponse.js"
import { currentCaller, type Caller } from "../Caller.js"
import { Messenger } from "../Messenger.js"
import { currentToken } from "../OriginalResponse.js"
import { Colors } from "../ui/colors.js"
import { button, rows } from "../ui/components.js"
import { update, type Embed } from "../ui/responses.js"
import { ViewState } from "../ViewState.js"
import { ViewTimeouts } from "../ViewTimeouts.js"
import { callerIs } from "./access.js"
import { actionTitle, execute, type Executed } from "./execute.js"
import { adminConfirmation, requiredRole, type PendingAction } from "./pending.js"
import { accessDenied, adminEmbed, buttonRestricted, publicReply } from "./responses.js"

const CONFIRM_PREFIX = "admin:ok:"
const CANCEL_PREFIX = "admin:no:"

/** Custom ids carry the view and its admin, so a stranger's press is answered without a lookup. */
const ids = (viewId: string, ownerUid: string) => ({
  confirm: `${CONFIRM_PREFIX}${viewId}:${ownerUid}`,
  cancel: `${CANCEL_PREFIX}${viewId}:${ownerUid}`
})

const parseId = (customId: string, prefix: string) => {
  const [viewId = "", ownerUid = ""] = customId.slice(prefix.length).split(":")
  return { viewId, ownerUid }
}

/** Shows `preview` with the two buttons, for `caller` alone to press. */
export const askToConfirm = (caller: Caller, action: PendingAction, preview: Embed) =>
  Effect.gen(function* () {
    const viewId = yield* (yield* ViewState).open(adminConfirmation, caller.userId, action)
    yield* (yield* ViewTimeouts).arm(viewId, yield* currentToken)
    const { confirm, cancel } = ids(viewId, caller.userId)
    const role = requiredRole(action)
    return publicReply({
      embeds: [preview],
      components: rows([
        button(confirm, role === "owner" ? "✅ Owner Confirm" : "✅ Admin Confirm", "success"),
        button(cancel, role === "owner" ? "✖️ Owner Cancel" : "✖️ Admin Cancel", "danger")
      ])
    })
  })

/** An orange (red for emergencies) confirmation embed. */
export const preview = (
  title: string,
  description: string,
  fields: Parameters<typeof adminEmbed>[3],
  danger = false
) => adminEmbed(title, description, danger ? Colors.red : Colors.orange, fields)

const expired = update({
  embeds: [
    adminEmbed(
      "⏰ Admin: Confirmation Expired",
      "This confirmation is no longer valid. Run the command again.",
      Colors.grey
    )
  ]
})

/** DMs to the players concerned, the result to the admin channel, then any follow-up work. */
const notify = (executed: Executed) =>
  Effect.gen(function* () {
    const messenger = yield* Messenger
    for (const { discordUid, embed } of executed.dms) {
      yield* messenger
        .dm(discordUid, { embeds: [embed] })
        .pipe(
          Effect.catchAllCause((cause) =>
            Effect.logWarning("could not DM a player about an admin action", cause).pipe(
              Effect.annotateLogs("playerId", discordUid)
            )
          )
        )
    }
    yield* messenger.toAdminChannel({ embeds: [executed.result] })
    yield* executed.after
  })

const pressedBy = (prefix: string) =>
  Effect.gen(function* () {
    const data = yield* Ix.MessageComponentData
    const caller = yield* currentCaller
    return { caller, ...parseId(data.custom_id, prefix) }
  })

export const confirmAdminAction = Ix.messageComponent(
  Ix.idStartsWith(CONFIRM_PREFIX),
  Effect.gen(function* () {
    const { caller, viewId, ownerUid } = yield* pressedBy(CONFIRM_PREFIX)
    if (caller.userId !== ownerUid) return buttonRestricted(ownerUid)
    const views = yield* ViewState
    const actor: Actor = { uid: caller.userId, username: caller.username }
    // Claiming the view and acting are one transaction: a second press finds the view gone. A
    // refused action rolls back to its own savepoint, and the view is still used up.
    const claimed = yield* (yield* DomainEvents).transactional(
      Effect.gen(function* () {
        const action = yield* views.get(adminConfirmation, viewId, caller.userId)
        if (!(yield* callerIs(requiredRole(action)))) return { _tag: "Denied" as const, action }
        yield* views.close(viewId)
        const executed = yield* execute(action, actor).pipe(
          Effect.map(Either.right),
          Effect.catchTag("AdminRefused", (refusal) => Effect.succeed(Either.left(refusal)))
        )
        return { _tag: "Claimed" as const, action, executed }
      })
    )
    if (claimed._tag === "Denied") return accessDenied(requiredRole(claimed.action))
    const { action, executed } = claimed
    if (Either.isLeft(executed)) {
      return update({
        embeds: [adminEmbed(`❌ ${actionTitle(action)} Failed`, executed.left.message, Colors.red)]
      })
    }
    yield* afterResponse("admin.notify", notify(executed.right))
    yield* Effect.logInfo(`admin action ${action._tag} done`)
    return update({ embeds: [executed.right.result] })
  }).pipe(
    Effect.catchTag("ViewExpired", () => Effect.succeed(expired)),
    Effect.annotateLogs("interaction", "admin.confirm")
  )
)

export const cancelAdminAction = Ix.messageComponent(
  Ix.idStartsWith(CANCEL_PREFIX),
  Effect.gen(function* () {
    const { caller, viewId, ownerUid } = yield* pressedBy(CANCEL_PREFIX)
    if (caller.userId !== ownerUid) return buttonRestricted(ownerUid)
    const views = yield* ViewState
    const action = yield* views.get(adminConfirmation, viewId, caller.userId)
    yield* views.close(viewId)
    return update({
      embeds: [adminEmbed(`✖️ ${actionTitle(action)} Cancelled`, "Nothing was changed.", Colors.grey)]
    })
  }).pipe(Effect.catchTag("ViewExpired", () => Effect.succeed(expired)))
)
