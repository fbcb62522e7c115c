/**
 * What a season prints: its figures as bench JSON lines (bench `season`, as `npm run bench` prints
 * them), the checks, and for the demo a short story with the final leaderboard as a player sees it.
 */
import { Effect } from "effect"
import type { InteractionReply } from "../fakeDiscord/index.js"
import type { Check } from "./checks.js"
import { countBy } from "./checks.js"
import { percentile } from "./percentile.js"
import type { SeasonRun } from "./Season.js"
import type { Speed } from "./SimClock.js"

export interface Figure {
  readonly metric: string
  readonly value: number
  readonly unit: string
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

export const figuresOf = (run: SeasonRun, peakRssMb: number): ReadonlyArray<Figure> => {
  const interactions = run.fake.interactions()
  const acks = interactions.flatMap((i) => (i.ack === undefined ? [] : [i.ack.realMs - i.realCreatedMs]))
  const seconds = run.wallMs / 1000
  return [
    { metric: "matches", value: run.plans.length, unit: "matches" },
    { metric: "wall_time", value: round(seconds), unit: "s" },
    { metric: "ladder_time", value: round(run.ladderMs / 3_600_000, 2), unit: "h" },
    { metric: "interactions", value: interactions.length, unit: "interactions" },
    { metric: "interactions_per_second", value: round(interactions.length / seconds), unit: "1/s" },
    { metric: "ack_latency_p50", value: round(percentile(acks, 50)), unit: "ms" },
    { metric: "ack_latency_p99", value: round(percentile(acks, 99)), unit: "ms" },
    { metric: "ack_latency_max", value: round(percentile(acks, 100)), unit: "ms" },
    { metric: "acks_over_3s", value: acks.filter((ms) => ms > 3000).length, unit: "interactions" },
    { metric: "wave_duration_p50", value: round(percentile(run.waves, 50)), unit: "ms" },
    { metric: "wave_duration_p99", value: round(percentile(run.waves, 99)), unit: "ms" },
    { metric: "replay_job_latency_p50", value: round(percentile(run.replayLatencies, 50)), unit: "ms" },
    { metric: "replay_job_latency_p99", value: round(percentile(run.replayLatencies, 99)), unit: "ms" },
    { metric: "rest_requests", value: run.fake.requests().length, unit: "requests" },
    { metric: "bot_restarts", value: run.restarts, unit: "restarts" },
    { metric: "peak_rss", value: round(peakRssMb), unit: "MB" }
  ]
}

export const benchLines = (figures: ReadonlyArray<Figure>) =>
  figures.map((figure) => JSON.stringify({ bench: "season", ...figure }))

export const checkLines = (checks: ReadonlyArray<Check>) =>
  checks.map((c) => `${c.ok ? "✔" : "✘"} ${c.name}: ${c.detail}`)

const SCRIPT_STORY: Readonly<Record<string, string>> = {
  replay: "decided by the uploaded replay",
  agree: "decided by agreeing reports",
  lone: "decided by a lone report at the deadline",
  disagree: "disputed and sent to the admins",
  silent: "never reported (sent to the admins)",
  abort: "aborted",
  noshow: "abandoned, unconfirmed"
}

/** Custom emoji (`<:bw_zerg:123>`) as plain text, for a terminal. */
const plain = (text: string) => text.replace(/<a?:(\w+):\d+>/g, ":$1:").replace(/\u200b/g, "")

/** An embed as a terminal shows it. */
export const renderEmbed = (reply: InteractionReply): ReadonlyArray<string> =>
  reply.embeds.flatMap((embed) => [
    ...(embed.title === undefined ? [] : [embed.title]),
    ...(embed.description === undefined ? [] : [plain(embed.description)]),
    ...embed.fields.flatMap((field) =>
      [plain(field.name), ...plain(field.value).split("\n")].filter((l) => l.trim() !== "")
    ),
    ...(embed.footer === undefined ? [] : plain(embed.footer).split("\n"))
  ])

export const storyOf = (
  run: SeasonRun,
  speed: Speed,
  seed: number,
  figures: ReadonlyArray<Figure>
): ReadonlyArray<string> => {
  const figure = (metric: string) => figures.find((f) => f.metric === metric)?.value ?? Number.NaN
  const scripts = countBy(run.plans, (plan) => SCRIPT_STORY[plan.script] ?? plan.script)
  const wins = new Map<string, number>()
  for (const plan of run.plans)
    if (plan.script !== "abort" && plan.script !== "noshow") {
      const name = plan.players[plan.winner - 1]?.profile.name ?? ""
      wins.set(name, (wins.get(name) ?? 0) + 1)
    }
  const [topWinner, topWins] = [...wins].sort((a, b) => b[1] - a[1])[0] ?? ["", 0]
  return [
    `🎮 A simulated EvoLadder season: ${run.population.length} players, ${run.plans.length} matches, seed ${seed}, ${speed} time`,
    `   ${figure("ladder_time")} h of ladder time in ${figure("wall_time")} s; replays in ${run.lobbies}`,
    "",
    "What happened",
    `  • ${run.population.length} players accepted the terms of service and set up their profiles.`,
    `  • They joined the queue ${run.queueJoins} times and looked at /leaderboard or /profile ${run.looks} times; ${run.waves.length} matchmaking waves paired them.`,
    `  • ${run.plans.length} matches: ${scripts}.`,
    `  • ${run.replayLatencies.length} replays were checked by the parser workers: ${figure("replay_job_latency_p50")} ms (p50), ${figure("replay_job_latency_p99")} ms (p99) from upload to the details.`,
    `  • ${figure("interactions")} interactions, acknowledged in ${figure("ack_latency_p50")} ms (p50), ${figure("ack_latency_p99")} ms (p99); Discord allows 3000 ms.`,
    ...(topWinner === "" ? [] : [`  • Most games won: ${topWinner}, ${topWins}.`]),
    ...(run.restarts > 0
      ? [`  • The bot was killed (SIGKILL) and restarted ${run.restarts} time(s) along the way.`]
      : [])
  ]
}

/** `/leaderboard` as the first player sees it at the end. */
export const finalLeaderboard = (run: SeasonRun) =>
  Effect.gen(function* () {
    const viewer = run.population[0]
    if (viewer === undefined) return []
    return renderEmbed(yield* viewer.user.command("leaderboard"))
  })
