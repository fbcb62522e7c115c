/**
 * Carries out a confirmed admin change and says what came of it: the result everyone in the
 * channel sees (also forwarded to the admin match-log channel), and the DMs for the players
 * concerned, sent after the answer.
 */
import { Effect } from "effect"
import { AdminActions } from "../../ladder/admin/AdminActions.js"
import type { Actor } from "../../ladder/admin/AdminAudit.js"
import { LadderData } from "../../ladder/LadderData.js"
import { MatchCards } from "../match/MatchCards.js"
import { matchLook } from "../match/matchLook.js"
import { MatchNotifier } from "../match/MatchNotifier.js"
import { Colors } from "../ui/colors.js"
import type { Embed } from "../ui/responses.js"
import {
  abortsResetNotice,
  adminStatusNotice,
  banNotice,
  mmrAdjustedNotice,
  queueClearedNotice,
  removedNotice,
  resolutionEmbed,
  signed
} from "./notices.js"
import type { PendingAction } from "./pending.js"
import { adminEmbed, field } from "./responses.js"

export interface Executed {
  readonly result: Embed
  readonly dms: ReadonlyArray<{ readonly discordUid: string; readonly embed: Embed }>
  /** Work after the answer besides DMs (re-rendering a resolved match's views). */
  readonly after: Effect.Effect<void, unknown, MatchNotifier>
}

const done = (title: string, description: string, fields: Parameters<typeof adminEmbed>[3] = []) =>
  adminEmbed(`✅ ${title}`, description, Colors.green, fields)

const nothingElse = Effect.void

/** What each pending action does; the result's title names the action for a failure message too. */
export const actionTitle = (action: PendingAction): string => {
  switch (action._tag) {
    case "AdjustMmr":
      return "Admin: MMR Adjustment"
    case "Resolve":
      return `Admin: Match #${action.matchId} Resolution`
    case "RemoveQueue":
      return "Admin: Queue Removal"
    case "Unblock":
      return "Admin: Queue Unblock"
    case "Ban":
      return action.banned ? "Admin: Ban" : "Admin: Unban"
    case "ResetAborts":
      return "Admin: Abort Count Reset"
    case "ClearQueue":
      return "Admin: Queue Clear"
    case "SetAdmin":
      return "Owner: Admin Status Change"
    case "Redrive":
      return `Admin: Job #${action.jobId} Redrive`
  }
}

export const execute = (action: PendingAction, actor: Actor) =>
  Effect.gen(function* () {
    const admin = yield* AdminActions
    const data = yield* LadderData
    const by = actor.username
    const reasonField = field("Reason", action.reason)
    const adminField = field("Admin", `<@${actor.uid}>`, true)
    switch (action._tag) {
      case "AdjustMmr": {
        const changed = yield* admin.adjustMmr(actor, action)
        const race = data.races.get(changed.race).name
        return {
          result: done("Admin: MMR Adjusted", `<@${action.discordUid}>'s **${race}** MMR was changed.`, [
            field("Old", String(changed.before), true),
            field("New", String(changed.after), true),
            field("Change", signed(changed.after - changed.before), true),
            reasonField,
            adminField
          ]),
          dms: [
            {
              discordUid: action.discordUid,
              embed: mmrAdjustedNotice(race, changed.before, changed.after, by, action.reason)
            }
          ],
          after: nothingElse
        } satisfies Executed
      }
      case "Resolve": {
        const outcome = yield* admin.resolveMatch(actor, action.matchId, action.resolution, action.reason)
        const card = yield* (yield* MatchCards).load(action.matchId)
        const embed = resolutionEmbed(card, yield* matchLook, outcome, by, action.reason)
        return {
          result: embed,
          dms:
            outcome.path === "unchanged"
              ? []
              : [card.player1, card.player2].map((player) => ({ discordUid: player.discordUid, embed })),
          after: Effect.flatMap(MatchNotifier, (notifier) => notifier.refresh(action.matchId))
        } satisfies Executed
      }
      case "RemoveQueue": {
        yield* admin.removeFromQueue(actor, action.discordUid, action.reason)
        return {
          result: done("Admin: Player Removed from Queue", `<@${action.discordUid}> is no longer queueing.`, [
            reasonField,
            adminField
          ]),
          dms: [{ discordUid: action.discordUid, embed: removedNotice(by, action.reason) }],
          after: nothingElse
        } satisfies Executed
      }
      case "Unblock": {
        const unblocked = yield* admin.unblockQueue(actor, action.discordUid, action.reason)
        const previous =
          unblocked.before === "in_match" ? `in match #${unblocked.matchId ?? "?"}` : unblocked.before
        return {
          result: done("Admin: Player Unblocked", `<@${action.discordUid}> is idle again and can queue.`, [
            field("Previous State", previous, true),
            reasonField,
            adminField
          ]),
          dms: [],
          after: nothingElse
        } satisfies Executed
      }
      case "Ban": {
        const { removedFromQueue } = yield* admin.setBanned(
          actor,
          action.discordUid,
          action.banned,
          action.reason
        )
        return {
          result: done(
            action.banned ? "Admin: Player Banned" : "Admin: Player Unbanned",
            `<@${action.discordUid}> is ${action.banned ? "banned" : "no longer banned"}.` +
              (removedFromQueue ? " They were removed from the queue." : ""),
            [reasonField, adminField]
          ),
          dms: [
            {
              discordUid: action.discordUid,
              embed: banNotice(action.banned, removedFromQueue, by, action.reason)
            }
          ],
          after: nothingElse
        } satisfies Executed
      }
      case "ResetAborts": {
        const reset = yield* admin.resetAborts(actor, action.discordUid, action.count, action.reason)
        return {
          result: done(
            "Admin: Abort Count Reset",
            `<@${action.discordUid}>'s aborts for this month were set.`,
            [
              field("Old", String(reset.before), true),
              field("New", String(reset.after), true),
              field("Change", signed(reset.after - reset.before), true),
              reasonField,
              adminField
            ]
          ),
          dms: [
            {
              discordUid: action.discordUid,
              embed: abortsResetNotice(reset.before, reset.after, by, action.reason)
            }
          ],
          after: nothingElse
        } satisfies Executed
      }
      case "ClearQueue": {
        const removed = yield* admin.clearQueue(actor, action.reason)
        return {
          result: done("Admin: Queue Cleared", `${removed.length} player(s) were removed from the queue.`, [
            field("Removed", removed.map((uid) => `<@${uid}>`).join(", ")),
            reasonField,
            adminField
          ]),
          dms: removed.map((discordUid) => ({ discordUid, embed: queueClearedNotice(by, action.reason) })),
          after: nothingElse
        } satisfies Executed
      }
      case "SetAdmin": {
        yield* admin.setAdmin(
          actor,
          { discordUid: action.discordUid, name: action.name },
          action.admin,
          action.reason
        )
        return {
          result: done(
            "Owner: Admin Status Changed",
            `<@${action.discordUid}> (${action.name}) ${action.admin ? "is now an admin" : "is no longer an admin"}.`,
            [reasonField, field("Owner", `<@${actor.uid}>`, true)]
          ),
          dms: [{ discordUid: action.discordUid, embed: adminStatusNotice(action.admin, by, action.reason) }],
          after: nothingElse
        } satisfies Executed
      }
      case "Redrive": {
        const job = yield* admin.redriveJob(actor, action.jobId, action.reason)
        return {
          result: done("Admin: Job Redriven", `Job #${job.id} (${job.kind}) is pending again.`, [
            reasonField,
            adminField
          ]),
          dms: [],
          after: nothingElse
        } satisfies Executed
      }
    }
  })
