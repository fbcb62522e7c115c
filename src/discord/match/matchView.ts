/**
 * The messages of a match as the reference shows them (§6.2–6.5): the confirmation prompt, the
 * full match view, and the endings (finalized, conflict, aborted, abandoned, unreported).
 */
import type { Player } from "../../domain/Player.js"
import { displayName } from "../../domain/Player.js"
import { inGameChannel, type MatchResult } from "../../domain/Match.js"
import type { RaceCode } from "../../domain/Race.js"
import type { RankLetter } from "../../domain/Rank.js"
import { EXPECTED_SETTINGS } from "../../domain/Verification.js"
import type { MatchRow } from "../../ladder/matches/MatchRow.js"
import { Colors } from "../ui/colors.js"
import { button, rows, select } from "../ui/components.js"
import type { Embed, MessageBody } from "../ui/responses.js"
import type { MatchCard } from "./MatchCards.js"

/** How races, ranks and flags look (the emotes service in production). */
export interface MatchLook {
  readonly raceEmote: (race: RaceCode) => string
  readonly raceName: (race: RaceCode) => string
  readonly rankEmote: (letter: RankLetter) => string
  readonly flag: (country: string | null) => string
  readonly serverName: (code: string) => string
}

export const matchId = (action: MatchAction, id: number) => `match:${action}:${id}`
export type MatchAction = "confirm" | "abort" | "abortconfirm" | "shield" | "result" | "reportconfirm"

const seconds = (epochMs: number) => Math.floor(epochMs / 1000)
const rankOf = (letter: string | null): RankLetter =>
  letter === "S" ||
  letter === "A" ||
  letter === "B" ||
  letter === "C" ||
  letter === "D" ||
  letter === "E" ||
  letter === "F"
    ? letter
    : "U"

interface Side {
  readonly player: Player
  readonly race: RaceCode
  readonly mmr: number
  readonly rank: RankLetter
}

const sides = (card: MatchCard): readonly [Side, Side] => [
  {
    player: card.player1,
    race: card.match.player1Race,
    mmr: card.match.player1Mmr,
    rank: rankOf(card.match.player1Rank)
  },
  {
    player: card.player2,
    race: card.match.player2Race,
    mmr: card.match.player2Mmr,
    rank: rankOf(card.match.player2Rank)
  }
]

const badge = (side: Side, look: MatchLook) =>
  `${look.rankEmote(side.rank)}${look.flag(side.player.country)}${look.raceEmote(side.race)}`

/** "🥇 Alice" style name with rank, flag and race, and MMR. */
const headline = (side: Side, look: MatchLook) =>
  `${badge(side, look)} ${displayName(side.player)} (${side.mmr})`

const winnerName = (card: MatchCard, result: 1 | 2) => displayName(result === 1 ? card.player1 : card.player2)

export const resultLabel = (card: MatchCard, result: MatchResult) =>
  result === 0 ? "Draw" : `${winnerName(card, result)} victory`

/** The prompt sent to each player when a wave pairs them. */
export const confirmationPrompt = (card: MatchCard, abortsLeft: number): MessageBody => ({
  embeds: [
    {
      title: `⚔️ Match #${card.match.id} Found!`,
      description:
        "Press **Confirm Match** to proceed, or **Abort Match** to cancel. Full match details will be shown once **both** players confirm.",
      color: Colors.green,
      fields: [
        {
          name: "Confirmation Deadline",
          value: `<t:${seconds(card.match.confirmDeadlineAt)}:R>`,
          inline: false
        }
      ]
    }
  ],
  components: rows([
    button(matchId("confirm", card.match.id), "✅ Confirm Match", "success"),
    button(matchId("abort", card.match.id), `🛑 Abort Match (${abortsLeft} left this month)`, "secondary", {
      disabled: abortsLeft === 0
    })
  ])
})

/** The prompt after this player confirmed (or clicked abort once): buttons as they now stand. */
export const promptAfterClick = (
  card: MatchCard,
  state: { readonly confirmed: boolean; readonly abortArmed: boolean; readonly abortsLeft: number }
): MessageBody => {
  const base = confirmationPrompt(card, state.abortsLeft)
  return {
    ...base,
    components: rows([
      button(
        matchId("confirm", card.match.id),
        state.confirmed ? "✅ Confirmed" : "✅ Confirm Match",
        "success",
        {
          disabled: state.confirmed
        }
      ),
      state.abortArmed && !state.confirmed
        ? button(
            matchId("abortconfirm", card.match.id),
            `Confirm Abort (${state.abortsLeft} remaining)`,
            "danger"
          )
        : button(
            matchId("abort", card.match.id),
            `🛑 Abort Match (${state.abortsLeft} left this month)`,
            "secondary",
            {
              disabled: true
            }
          )
    ])
  }
}

export const youConfirmed = (id: number): MessageBody => ({
  embeds: [
    {
      title: `Match #${id} - ✅ You Confirmed The Match!`,
      description:
        "Once you and your opponent have **BOTH** confirmed, the match details appear and you can set up your lobby game.",
      color: Colors.green
    }
  ]
})

export const opponentConfirmed = (id: number, opponent: Player): MessageBody => ({
  embeds: [
    {
      title: `Match #${id} - ✅ Your Opponent Confirmed The Match!`,
      description: `Your opponent, **${displayName(opponent)}**, confirmed the match. Confirm it too if you have not yet.`,
      color: Colors.green
    }
  ]
})

export const reminder = (card: MatchCard): MessageBody => ({
  embeds: [
    {
      title: "⏰ Match Confirmation Reminder",
      description: `You need to confirm match #${card.match.id} or abort it manually. It is cancelled <t:${seconds(card.match.confirmDeadlineAt)}:R> if both players have not confirmed.`,
      color: Colors.orange
    }
  ]
})

export const shieldBatteryNotice = (id: number, acknowledged: boolean): MessageBody => ({
  embeds: [
    {
      title: "⚠️ Shield Battery Bug",
      description:
        "This match has a Brood War Protoss. The BW Shield Battery splat causes heavy lag for many players. " +
        "To avoid it, set **Graphics → Effects** to **Low**, or add `splatlod=0` to your `Variables.txt`, then restart the game.",
      color: Colors.orange,
      fields: acknowledged
        ? [{ name: "✅ Acknowledged", value: "You won't be shown this again.", inline: false }]
        : []
    }
  ],
  components: acknowledged ? [] : rows([button(matchId("shield", id), "✅ I Understand", "success")])
})

export const confirmedNotice = (id: number): MessageBody => ({
  embeds: [
    {
      title: `✅ Match #${id} Confirmed!`,
      description: "Both players confirmed. Match details are now available below.",
      color: Colors.green
    }
  ]
})

export const foundNotice = (id: number): MessageBody => ({
  embeds: [
    {
      title: `Match #${id} Found!`,
      description: "Your match is ready! See below for full details.",
      color: Colors.green
    }
  ]
})

const contact = (side: Side, look: MatchLook) => {
  const alts = [side.player.altPlayerName1, side.player.altPlayerName2].filter((alt) => alt !== null)
  return [
    `- ${badge(side, look)} **${displayName(side.player)}** (${look.raceName(side.race)})`,
    `  Discord: ${side.player.discordUsername} (${side.player.discordUid})`,
    `  BattleTag: \`${side.player.battletag ?? "not set"}\``,
    ...(alts.length === 0 ? [] : [`  (a.k.a. ${alts.join(", ")})`])
  ].join("\n")
}

const resultLines = (card: MatchCard) => {
  const { match } = card
  switch (match.status) {
    case "completed":
      return {
        result: match.result === null ? "Not selected" : resultLabel(card, match.result),
        mmr: `${signed(match.player1MmrChange ?? 0)}/${signed(match.player2MmrChange ?? 0)}`
      }
    case "conflict":
      return { result: "Conflict", mmr: ":x: Report Conflict Detected" }
    case "aborted":
    case "abandoned":
    case "invalidated":
      return { result: "Aborted", mmr: "+/-0" }
    case "unreported":
      return { result: "Not reported", mmr: "+/-0" }
    default:
      return { result: "Not selected", mmr: "TBD" }
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : "±0")

const replayLine = (card: MatchCard, side: 1 | 2) => {
  const replay = card.replays[side]
  if (replay._tag === "None") return "No"
  if (replay.value.status === "pending") return "Checking…"
  if (replay.value.status === "verified") return `Yes (<t:${seconds(replay.value.uploadedAt)}:f>)`
  return "Replay Invalid"
}

/** Whether `side` has a replay that passed the critical checks (reporting unlocked). */
export const reportingUnlocked = (card: MatchCard, side: 1 | 2) => {
  const replay = card.replays[side]
  return replay._tag === "Some" && replay.value.status === "verified"
}

/**
 * The full match view a player gets once both confirmed. Its report selects unlock once that
 * player's replay passed the critical checks; `chosen` is the result picked in the first select.
 */
export const matchView = (
  card: MatchCard,
  viewer: 1 | 2,
  look: MatchLook,
  options: { readonly reportDeadlineAt: number | null; readonly chosen?: MatchResult } = {
    reportDeadlineAt: null
  }
): MessageBody => {
  const [one, two] = sides(card)
  const { match } = card
  const mapName = card.map?.name ?? match.mapName
  const open = match.status === "in_progress"
  const unlocked = open && reportingUnlocked(card, viewer)
  const outcome = resultLines(card)
  const embed: Embed = {
    title: `Match #${match.id}:\n${headline(one, look)} vs ${headline(two, look)}`,
    color: Colors.teal,
    fields: [
      {
        name: "👥 Player and Contact Information",
        value: `${contact(one, look)}\n${contact(two, look)}`,
        inline: false
      },
      {
        name: "🌐 Match Information and Settings",
        value: [
          `Map: **${mapName}**`,
          `Map Link: \`${card.map?.links[card.linkRegion] ?? "not in the current map pool"}\``,
          `Map Author: ${card.map?.author ?? "unknown"}`,
          "Mod: **SC: Evo Complete**",
          `Mod Link: \`${card.modLink}\``,
          "Mod Author: SCEvoDev",
          `Server: **${look.serverName(match.server)}**`,
          `In-Game Channel: **${inGameChannel(match.id)}**`,
          `Locked Alliances: ${EXPECTED_SETTINGS.locked_alliances}`,
          `Game Privacy: ${EXPECTED_SETTINGS.game_privacy}`,
          `Game Speed: ${EXPECTED_SETTINGS.game_speed}`,
          `Game Duration: ${EXPECTED_SETTINGS.game_duration}`
        ].join("\n"),
        inline: false
      },
      {
        name: "📊 Match Result",
        value: `Result: **${outcome.result}**\nMMR Awarded: ${outcome.mmr}`,
        inline: false
      },
      { name: "🎞️ Replay Status", value: `Replay Uploaded: ${replayLine(card, viewer)}`, inline: false },
      {
        name: "ℹ️ Reporting",
        value: open
          ? "Upload your `.SC2Replay` file in this DM when the game is over: the bot checks it and records the result for both players. " +
            "You can also report with the menus once your replay is accepted." +
            (options.reportDeadlineAt === null
              ? ""
              : ` If only one player reports, that report stands <t:${seconds(options.reportDeadlineAt)}:R>; if nobody does, the match goes to the admins.`)
          : "This match is over.",
        inline: false
      }
    ]
  }
  if (!open) return { embeds: [embed] }
  const choices: ReadonlyArray<MatchResult> = [1, 2, 0]
  return {
    embeds: [embed],
    components: rows(
      [
        select(
          matchId("result", match.id),
          unlocked ? "Select the result" : "Upload replay file to enable result reporting",
          choices.map((result) => ({
            label: resultLabel(card, result),
            value: String(result),
            selected: options.chosen === result
          })),
          { min: 1, max: 1, disabled: !unlocked }
        )
      ],
      [
        select(
          matchId("reportconfirm", match.id),
          unlocked ? "Confirm the result" : "Upload replay file first",
          choices.map((result) => ({
            label: `Confirm: ${resultLabel(card, result)}`,
            value: String(result)
          })),
          { min: 1, max: 1, disabled: !unlocked || options.chosen === undefined }
        )
      ]
    )
  }
}

const mmrLine = (side: Side, change: number) => `${signed(change)} (${side.mmr} → ${side.mmr + change})`

/** The result embed both players get and the admin channel receives. */
export const resultFinalized = (card: MatchCard, look: MatchLook, title?: string): Embed => {
  const [one, two] = sides(card)
  const { match } = card
  const change1 = match.player1MmrChange ?? 0
  const change2 = match.player2MmrChange ?? 0
  const winner = match.result === 1 ? one : match.result === 2 ? two : null
  return {
    title: title ?? `🏆 Match #${match.id} Result Finalized`,
    description: `**${badge(one, look)} ${displayName(one.player)} (${one.mmr} → ${one.mmr + change1})** vs **${badge(two, look)} ${displayName(two.player)} (${two.mmr} → ${two.mmr + change2})**`,
    color: Colors.gold,
    fields: [
      {
        name: "Result:",
        value:
          winner === null
            ? "⚖️ **Draw**"
            : `🏆 **${displayName(winner.player)}** (${look.raceName(winner.race)}) wins`,
        inline: false
      },
      {
        name: "MMR Changes:",
        value: `${displayName(one.player)}: ${mmrLine(one, change1)}\n${displayName(two.player)}: ${mmrLine(two, change2)}`,
        inline: false
      }
    ]
  }
}

const reportText = (card: MatchCard, report: MatchRow["player1Report"]) =>
  report === 1 || report === 2 || report === 0 ? resultLabel(card, report) : "no report"

export const conflictEmbed = (card: MatchCard): Embed => {
  const { match } = card
  return {
    title: `⚠️ Match #${match.id} Result Conflict`,
    description: "The players reported different results, so no MMR was awarded.",
    color: Colors.orange,
    fields: [
      { name: "Map", value: match.mapName, inline: false },
      {
        name: `${displayName(card.player1)} reported`,
        value: reportText(card, match.player1Report),
        inline: true
      },
      {
        name: `${displayName(card.player2)} reported`,
        value: reportText(card, match.player2Report),
        inline: true
      },
      { name: "MMR", value: "+0", inline: false },
      {
        name: "What now",
        value: "Ladder staff have been alerted. Please contact them to resolve this dispute.",
        inline: false
      }
    ]
  }
}

export const abortedEmbed = (card: MatchCard, aborter: Player | null): Embed => ({
  title: `🛑 Match #${card.match.id} Aborted`,
  description:
    aborter === null
      ? "The match was aborted before both players confirmed."
      : `The match was aborted by **${displayName(aborter)}** before both players confirmed. No MMR was changed.`,
  color: Colors.red
})

export const abandonedEmbed = (card: MatchCard): Embed => {
  const late = [
    card.match.player1Report === -4 ? card.player1 : null,
    card.match.player2Report === -4 ? card.player2 : null
  ].filter((player) => player !== null)
  return {
    title: `🛑 Match #${card.match.id} Abandoned`,
    description:
      late.length === 2
        ? "The match was automatically abandoned because neither player confirmed in time. No MMR was changed and no abort was used."
        : `The match was automatically abandoned because **${late.map(displayName).join("")}** did not confirm in time. No MMR was changed and no abort was used.`,
    color: Colors.red
  }
}

export const unreportedEmbed = (card: MatchCard): Embed => ({
  title: `⌛ Match #${card.match.id} Unreported`,
  description:
    "Nobody reported a result within the deadline. The match was handed to the admins, and you can queue again.",
  color: Colors.orange
})

export const opponentReported = (card: MatchCard, reporter: Player, result: MatchResult): MessageBody => ({
  embeds: [
    {
      title: `Match #${card.match.id} - 📝 Your Opponent Reported`,
      description:
        `**${displayName(reporter)}** reported: **${result === 0 ? "The match was a draw" : `${winnerName(card, result)} wins`}**.\n` +
        "Please upload your replay in this DM; if you agree, the result is recorded at once. If you report a different result, the match goes to the admins.",
      color: Colors.blurple
    }
  ]
})
