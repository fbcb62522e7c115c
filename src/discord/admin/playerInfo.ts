/**
 * `/admin player` (reference §3.10): the player's profile as they see it, plus what admins need:
 * state, queue entry, staff role, latest matches and the admin actions that concerned them.
 */
import { Clock, Effect, Option } from "effect"
import { AppConfig } from "../../config.js"
import { sideOf } from "../../domain/Match.js"
import { abortsLeft, displayName, type Player } from "../../domain/Player.js"
import { AdminAudit } from "../../ladder/admin/AdminAudit.js"
import { AdminQueries } from "../../ladder/admin/AdminQueries.js"
import { LadderData } from "../../ladder/LadderData.js"
import type { MatchRow } from "../../ladder/matches/MatchRow.js"
import { StaffRepo } from "../../ladder/StaffRepo.js"
import { profileEmbed } from "../commands/profile.js"
import { Colors } from "../ui/colors.js"
import { adminEmbed, field } from "./responses.js"

const timestamp = (epochMs: number) => `<t:${Math.floor(epochMs / 1000)}:R>`

const reportText = (report: number | null) =>
  report === null ? "—" : report === 0 ? "draw" : report === 1 ? "P1" : report === 2 ? "P2" : `code ${report}`

const matchLine = (match: MatchRow, player: Player, raceName: (race: MatchRow["player1Race"]) => string) => {
  const side = sideOf(match, player.discordUid) ?? 1
  const mine = side === 1 ? match.player1Report : match.player2Report
  const theirs = side === 1 ? match.player2Report : match.player1Report
  const result =
    match.result === null ? "no result" : match.result === 0 ? "draw" : match.result === side ? "won" : "lost"
  return `**#${match.id}** ${match.status} · ${raceName(match.player1Race)} vs ${raceName(match.player2Race)} · ${result} · Me=${reportText(mine)}, Them=${reportText(theirs)} · ${timestamp(match.createdAt)}`
}

export const playerEmbeds = (player: Player) =>
  Effect.gen(function* () {
    const queries = yield* AdminQueries
    const data = yield* LadderData
    const { ladder } = yield* AppConfig
    const now = yield* Clock.currentTimeMillis
    const profile = yield* profileEmbed(player)
    const role = yield* (yield* StaffRepo).roleOf(player.discordUid)
    const entry = (yield* queries.queued()).find((queued) => queued.discordUid === player.discordUid)
    const matches = yield* queries.recentMatches(player.discordUid)
    const actions = yield* (yield* AdminAudit).recent({ targetUid: player.discordUid, limit: 5 })
    const raceName = (race: MatchRow["player1Race"]) => data.races.get(race).name
    const state = player.state === "in_match" ? `in match #${player.currentMatchId ?? "?"}` : player.state
    return [
      { ...profile, title: `[Admin] Player Profile: ${displayName(player)}` },
      adminEmbed("🛡️ Admin Details", `<@${player.discordUid}> · ${player.discordUid}`, Colors.blue, [
        field("State", state, true),
        field("Banned", player.isBanned ? "🚫 Yes" : "No", true),
        field(
          "Staff",
          Option.getOrElse(role, () => "—"),
          true
        ),
        field(
          "Aborts Left",
          `${abortsLeft(player, now, ladder.abortsPerMonth)}/${ladder.abortsPerMonth}`,
          true
        ),
        field(
          "⏳ Queue Status",
          entry === undefined
            ? "Not in queue"
            : [
                `In queue for ${Math.round((now - entry.joinedAt) / 1000)}s (${entry.waitCycles} waves)`,
                `Races: ${[entry.bw, entry.sc2]
                  .filter((side) => side !== null)
                  .map((side) => `${raceName(side.race)} (${side.mmr ?? "?"})`)
                  .join(", ")}`
              ].join("\n")
        ),
        field(
          "📜 Most Recent Matches",
          matches.length === 0
            ? "No matches yet"
            : matches.map((match) => matchLine(match, player, raceName)).join("\n")
        ),
        field(
          "🧾 Admin Actions",
          actions.length === 0
            ? "None"
            : actions
                .map(
                  (action) =>
                    `${action.action} by ${action.adminUsername} ${timestamp(action.performedAt)}: ${action.reason ?? ""}`
                )
                .join("\n")
        )
      ])
    ]
  })
