/**
 * `/admin match` (reference §3.10): a match's whole state, both players' latest replays checked
 * again as the players saw them, and as attachments the stored replay files and a JSON dump of
 * everything the bot knows about the match. Deferred: the files take a moment to gather.
 */
import { DiscordREST } from "dfx/DiscordREST"
import { Effect, Option } from "effect"
import { displayName } from "../../domain/Player.js"
import { AdminAudit } from "../../ladder/admin/AdminAudit.js"
import { AdminQueries } from "../../ladder/admin/AdminQueries.js"
import { reverifyReplay } from "../../ladder/admin/reverify.js"
import { LadderData } from "../../ladder/LadderData.js"
import { MatchService } from "../../ladder/matches/MatchService.js"
import { ReplaysRepo, type StoredReplay } from "../../ladder/replays/ReplaysRepo.js"
import { ReplayStorage } from "../../ladder/replays/ReplayStorage.js"
import { MatchCards, type MatchCard } from "../match/MatchCards.js"
import { replayDetails } from "../match/replayDetails.js"
import type { InteractionToken } from "../OriginalResponse.js"
import { Colors } from "../ui/colors.js"
import type { Embed } from "../ui/responses.js"
import { signed } from "./notices.js"
import { adminEmbed, field, fieldValue } from "./responses.js"

const RAW_LIMIT = 1000
const at = (epochMs: number | null, style = "f") =>
  epochMs === null ? "—" : `<t:${Math.floor(epochMs / 1000)}:${style}>`

const reportText = (report: number | null) => {
  switch (report) {
    case null:
      return "no report"
    case 0:
      return "Draw"
    case 1:
      return "Player 1 wins"
    case 2:
      return "Player 2 wins"
    case -1:
      return "aborted by the opponent"
    case -3:
      return "aborted the match"
    case -4:
      return "did not confirm"
    default:
      return `code ${report}`
  }
}

const resultLine = (card: MatchCard) => {
  const { match } = card
  switch (match.status) {
    case "completed":
      return match.result === 0
        ? "⚖️ Draw"
        : `🏆 ${displayName(match.result === 1 ? card.player1 : card.player2)} won`
    case "conflict":
      return "⚠️ Conflict"
    case "aborted":
      return "❌ Aborted"
    case "abandoned":
      return "❌ Abandoned"
    case "invalidated":
      return "🚫 Invalidated"
    case "unreported":
      return "⌛ Unreported"
    default:
      return "⏳ In Progress"
  }
}

const json = (value: unknown) => JSON.stringify(value, null, 2)

const stateEmbed = (
  card: MatchCard,
  extra: {
    readonly raceName: (race: MatchCard["match"]["player1Race"]) => string
    readonly jobs: ReadonlyArray<{ readonly status: string; readonly count: number }>
    readonly replays: { readonly 1: Option.Option<StoredReplay>; readonly 2: Option.Option<StoredReplay> }
  }
): Embed => {
  const { match } = card
  const player = (side: 1 | 2) => {
    const p = side === 1 ? card.player1 : card.player2
    const race = side === 1 ? match.player1Race : match.player2Race
    const mmr = side === 1 ? match.player1Mmr : match.player2Mmr
    const rank = side === 1 ? match.player1Rank : match.player2Rank
    return `**P${side}:** ${displayName(p)} (<@${p.discordUid}>) · ${extra.raceName(race)} · ${mmr} MMR · rank ${rank ?? "U"}`
  }
  const replayLine = (side: 1 | 2) =>
    Option.match(extra.replays[side], {
      onNone: () => `P${side}: no replay`,
      onSome: (replay) =>
        `P${side}: #${replay.id} ${replay.status} · \`${replay.replayHash}\` · ${replay.fileName} · ${at(replay.uploadedAt)}`
    })
  const changed =
    match.player1MmrChange !== null && (match.player1MmrChange !== 0 || match.player2MmrChange !== 0)
  return adminEmbed(
    `🔍 Admin Match #${match.id} State`,
    [
      player(1),
      player(2),
      `**Map:** ${match.mapName} · **Server:** ${match.server} · **Season:** ${match.season}`,
      `**Status:** ${match.status} · **Result:** ${resultLine(card)}`,
      `**Created:** ${at(match.createdAt)} · **Confirmed:** ${at(match.confirmedAt)} · **Finished:** ${at(match.finishedAt)}`
    ].join("\n"),
    Colors.blue,
    [
      field(
        "📊 Original Player Reports",
        `P1: ${reportText(match.player1Report)} ${at(match.player1ReportedAt, "R")}\nP2: ${reportText(match.player2Report)} ${at(match.player2ReportedAt, "R")}`
      ),
      field(
        "🛡️ Admin Resolved",
        match.resolvedAt === null
          ? "❌ No"
          : `✅ ${at(match.resolvedAt, "F")} by <@${match.resolvedByUid ?? "?"}>`,
        true
      ),
      ...(changed
        ? [
            field(
              "📈 MMR Changes",
              `P1: ${signed(match.player1MmrChange ?? 0)}\nP2: ${signed(match.player2MmrChange ?? 0)}`,
              true
            )
          ]
        : []),
      field(
        "🔍 Backend Status (Technical)",
        [
          `Confirm deadline: ${at(match.confirmDeadlineAt, "R")}`,
          `Report deadline: ${at(match.reportDeadlineAt, "R")}`,
          `Replay jobs: ${extra.jobs.length === 0 ? "none" : extra.jobs.map((job) => `${job.status} ${job.count}`).join(", ")}`
        ].join("\n")
      ),
      field("🎬 Replay Status", `${replayLine(1)}\n${replayLine(2)}`),
      field("📋 Raw Match Data", `\`\`\`json\n${fieldValue(JSON.stringify(match), RAW_LIMIT - 12)}\n\`\`\``)
    ]
  )
}

const replayOf = (replayId: number | null) =>
  replayId === null
    ? Effect.succeed(Option.none<StoredReplay>())
    : Effect.flatMap(ReplaysRepo, (repo) => repo.find(replayId))

/** Gathers the whole state and answers the deferred `/admin match` with it. */
export const answerMatchState = (token: InteractionToken, matchId: number) =>
  Effect.gen(function* () {
    const rest = yield* DiscordREST
    const card = yield* (yield* MatchCards).load(matchId)
    const queries = yield* AdminQueries
    const data = yield* LadderData
    const storage = yield* ReplayStorage
    const replays = {
      1: yield* replayOf(card.match.player1ReplayId),
      2: yield* replayOf(card.match.player2ReplayId)
    }
    const embeds: Array<Embed> = [
      stateEmbed(card, {
        raceName: (race) => data.races.get(race).name,
        jobs: yield* queries.replayJobs(matchId),
        replays
      })
    ]
    const files: Array<File> = []
    for (const side of [1, 2] as const) {
      const stored = replays[side]
      if (Option.isNone(stored)) continue
      const check = yield* reverifyReplay(card.match, stored.value)
      if (Option.isSome(check)) {
        embeds.push({ ...replayDetails(matchId, check.value), title: `📄 Player #${side} Replay Details` })
      }
      const bytes = yield* storage.get(stored.value.storageKey).pipe(Effect.option)
      if (Option.isSome(bytes)) {
        files.push(new File([new Uint8Array(bytes.value)], `match_${matchId}_player${side}.SC2Replay`))
      }
    }
    const dump = {
      match: card.match,
      players: { 1: card.player1, 2: card.player2 },
      replays: { 1: Option.getOrNull(replays[1]), 2: Option.getOrNull(replays[2]) },
      mmrHistory: yield* queries.matchHistory(matchId),
      adminActions: yield* (yield* AdminAudit).recent({ matchId, limit: 50 })
    }
    files.unshift(new File([json(dump)], `admin_match_${matchId}.json`, { type: "application/json" }))
    yield* rest.withFiles(files)(
      rest.updateOriginalWebhookMessage(token.applicationId, token.token, {
        payload: {
          content: `Match #${matchId} State`,
          embeds,
          attachments: files.map((file, index) => ({ id: String(index), filename: file.name }))
        }
      })
    )
  })

/** Whether the match exists (checked before deferring, so that "not found" stays private). */
export const matchExists = (matchId: number) =>
  Effect.map(
    Effect.flatMap(MatchService, (matches) => matches.find(matchId)),
    Option.isSome
  )
