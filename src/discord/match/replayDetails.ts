/** The "📄 Replay Details" message (reference §6.4 step 8): what the replay shows, check by check. */
import type { CheckName, CheckResult } from "../../domain/Verification.js"
import type { ReplayCheck } from "../../ladder/replays/ReplaysRepo.js"
import { Colors } from "../ui/colors.js"
import type { Embed } from "../ui/responses.js"

const CHECK_LABELS: Readonly<Record<CheckName, string>> = {
  races: "Races",
  map: "Map",
  mod: "Mod",
  timestamp: "Start time",
  observers: "Observers",
  game_privacy: "Game privacy",
  game_speed: "Game speed",
  game_duration: "Game duration",
  locked_alliances: "Locked alliances"
}

const line = (check: CheckResult) =>
  `${check.passed ? "✅" : "❌"} **${CHECK_LABELS[check.check]}:** ${check.found}${check.passed ? "" : ` (expected ${check.expected})`}`

const clock = (totalSeconds: number) => {
  const whole = Math.round(totalSeconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`
}

const utc = (epochMs: number) =>
  new Date(epochMs).toLocaleString("en-GB", {
    timeZone: "UTC",
    day: "2-digit",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false
  })

export const replayDetails = (matchId: number, check: ReplayCheck): Embed => {
  const replay = check.parsed
  if (replay === null || check.status === "unreadable") {
    return {
      title: "❌ Replay Parsing Failed",
      description: `The uploaded file could not be read as a StarCraft II replay of match #${matchId}.`,
      color: Colors.red,
      fields: [
        { name: "Error Details", value: `\`\`\`${check.error ?? "unknown error"}\`\`\``, inline: false }
      ]
    }
  }
  const verification = check.verification
  const startedAt = Date.parse(replay.playedAt) - replay.durationSeconds * 1000
  const winner = replay.players.find((player) => player.result === "win")
  const verdict =
    verification === null
      ? `❌ **Replay Rejected** — ${check.error ?? "it cannot be used for this match"}`
      : verification.verdict === "critical"
        ? "❌ **Critical Validation Failure** — We do not accept games played with the incorrect races, map, or mod. 🔒 Result reporting has been locked. Please contact an admin to nullify this match."
        : verification.verdict === "warnings"
          ? "⚠️ **Verification Issues** — Some settings were not as required; an admin may review this match. 🔓 Match reporting unlocked."
          : "✅ **Verification Complete** — Everything matches. 🔓 Match reporting unlocked."
  return {
    title: "📄 Replay Details",
    description: `Match #${matchId}`,
    color: Colors.grey,
    fields: [
      {
        name: "⚔️ Matchup",
        value: replay.players.map((player) => `${player.name} (${player.race})`).join(" vs "),
        inline: false
      },
      { name: "🏆 Result", value: winner === undefined ? "⚖️ Draw" : `🥇 ${winner.name}`, inline: true },
      { name: "🗺️ Map", value: replay.map, inline: true },
      {
        name: "🕒 Game Start Time",
        value: `${utc(startedAt)} UTC (<t:${Math.floor(startedAt / 1000)}:R>)`,
        inline: false
      },
      { name: "🕒 Game Duration", value: clock(replay.durationSeconds), inline: true },
      {
        name: "🔍 Observers",
        value:
          replay.observers === null
            ? "❔ unknown"
            : replay.observers.length === 0
              ? "✅ none"
              : `⚠️ ${replay.observers.join(", ")}`,
        inline: true
      },
      ...(verification === null
        ? []
        : [
            { name: "☑️ Replay Verification", value: verification.checks.map(line).join("\n"), inline: false }
          ]),
      { name: "Verdict", value: verdict, inline: false }
    ]
  }
}
