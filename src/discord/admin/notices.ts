/** What players are told by DM after an admin acted on them (reference §3.10, "Player DMs"). */
import { displayName } from "../../domain/Player.js"
import type { ResolutionOutcome } from "../../ladder/matches/MatchService.js"
import type { MatchCard } from "../match/MatchCards.js"
import type { MatchLook } from "../match/matchView.js"
import { Colors } from "../ui/colors.js"
import type { Embed } from "../ui/responses.js"
import { adminEmbed, field } from "./responses.js"

export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : "±0")

const byAdmin = (admin: string, reason: string) => [field("Reason", reason), field("Admin", admin, true)]

export const mmrAdjustedNotice = (
  race: string,
  before: number,
  after: number,
  admin: string,
  reason: string
): Embed =>
  adminEmbed("📊 Admin Action: MMR Adjusted", `An admin adjusted your **${race}** MMR.`, Colors.blue, [
    field("Old MMR", String(before), true),
    field("New MMR", String(after), true),
    field("Change", signed(after - before), true),
    ...byAdmin(admin, reason)
  ])

export const removedNotice = (admin: string, reason: string): Embed =>
  adminEmbed(
    "🚨 Admin Action: Removed from Queue",
    "An admin removed you from the matchmaking queue. You can rejoin the queue at any time with `/queue`.",
    Colors.orange,
    byAdmin(admin, reason)
  )

export const queueClearedNotice = (admin: string, reason: string): Embed =>
  adminEmbed(
    "🚨 Admin Action: Queue Cleared",
    "An admin cleared the matchmaking queue, and you with it. You can rejoin the queue at any time with `/queue`.",
    Colors.orange,
    byAdmin(admin, reason)
  )

export const banNotice = (
  banned: boolean,
  removedFromQueue: boolean,
  admin: string,
  reason: string
): Embed =>
  banned
    ? adminEmbed(
        "🚫 Account Banned",
        "Your account has been banned from using this bot. If you believe this is in error, please contact an administrator." +
          (removedFromQueue ? "\nYou were also removed from the matchmaking queue." : ""),
        Colors.red,
        byAdmin(admin, reason)
      )
    : adminEmbed(
        "✅ Account Unbanned",
        "Your account is no longer banned. You can now use all bot commands again.",
        Colors.green,
        byAdmin(admin, reason)
      )

export const abortsResetNotice = (before: number, after: number, admin: string, reason: string): Embed =>
  adminEmbed(
    "🔄 Admin Action: Abort Count Reset",
    "An admin set your match aborts for this month.",
    Colors.blue,
    [
      field("Old", String(before), true),
      field("New", String(after), true),
      field("Change", signed(after - before), true),
      ...byAdmin(admin, reason)
    ]
  )

export const adminStatusNotice = (admin: boolean, owner: string, reason: string): Embed =>
  admin
    ? adminEmbed(
        "👑 Admin Status Added",
        "You are now a ladder admin: the `/admin` commands are available to you.",
        Colors.gold,
        byAdmin(owner, reason)
      )
    : adminEmbed(
        "📋 Admin Status Removed",
        "You are no longer a ladder admin.",
        Colors.grey,
        byAdmin(owner, reason)
      )

/** "⚖️ Match #N Admin Resolution": the result, each player's MMR move, who resolved it and why. */
export const resolutionEmbed = (
  card: MatchCard,
  look: MatchLook,
  outcome: ResolutionOutcome,
  admin: string,
  reason: string
): Embed => {
  const { match } = card
  const name1 = displayName(card.player1)
  const name2 = displayName(card.player2)
  const result =
    outcome.result === null
      ? "❌ **Invalidated** (no MMR change for this match)"
      : outcome.result === 0
        ? "⚖️ **Draw**"
        : outcome.result === 1
          ? `🏆 **${name1}** (${look.raceName(match.player1Race)}) wins`
          : `🏆 **${name2}** (${look.raceName(match.player2Race)}) wins`
  const move = (name: string, side: ResolutionOutcome["player1"]) =>
    `${name}: ${signed(side.after - side.before)} (${side.before} → ${side.after})`
  return adminEmbed(
    `⚖️ Match #${match.id} Admin Resolution`,
    `**${look.raceEmote(match.player1Race)} ${name1}** vs **${look.raceEmote(match.player2Race)} ${name2}**` +
      (outcome.path === "unchanged" ? "\nThe match already stood so; nothing changed." : ""),
    Colors.gold,
    [
      field("Result:", result),
      field("MMR Changes:", `${move(name1, outcome.player1)}\n${move(name2, outcome.player2)}`),
      field("⚠️ Admin Intervention", `Resolved by: ${admin}\nReason: ${reason}`)
    ]
  )
}
