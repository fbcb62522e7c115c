/**
 * `/admin snapshot` (reference §3.10): the process and database, the queue (30 players at most:
 * ranks and races, country, name, wait) and the open matches (15 at most, with elapsed time).
 */
import { Clock, Effect } from "effect"
import type { RaceCode } from "../../domain/Race.js"
import { JobQueue } from "../../jobs/JobQueue.js"
import { AdminQueries, type OpenMatch, type QueuedOverview } from "../../ladder/admin/AdminQueries.js"
import { LadderData } from "../../ladder/LadderData.js"
import { parserStatus, processStatus } from "../../http/status.js"
import { Colors } from "../ui/colors.js"
import type { Embed } from "../ui/responses.js"
import { adminEmbed, field } from "./responses.js"

const QUEUE_SLOTS = 30
const MATCH_SLOTS = 15
const NAME_WIDTH = 12

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`
const pad = (text: string, width: number) => text.slice(0, width).padEnd(width, "_")
const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))}s`

/** "A Z1" for a ranked race, "U Z1" unranked, "- --" for no race. */
const slot = (
  side: { readonly race: RaceCode; readonly rank: { readonly letter: string } } | null,
  shortName: (race: RaceCode) => string
) => (side === null ? "- --" : `${side.rank.letter} ${shortName(side.race)}`)

const queueLine = (entry: QueuedOverview, now: number, shortName: (race: RaceCode) => string) =>
  `\`${slot(entry.bw, shortName)} ${slot(entry.sc2, shortName)} ${entry.country ?? "--"} ${pad(entry.name, NAME_WIDTH)}\` \`${seconds(now - entry.joinedAt).padStart(6)}\``

const matchLine = (match: OpenMatch, now: number, shortName: (race: RaceCode) => string) => {
  const side = (rank: string | null, race: RaceCode, country: string | null, name: string) =>
    `\`${rank ?? "U"} ${shortName(race)} ${country ?? "--"} ${name.slice(0, NAME_WIDTH)}\``
  return [
    `\`${String(match.id).padStart(5)}\``,
    side(match.player1Rank, match.player1Race, match.player1Country, match.player1Name),
    "`vs`",
    side(match.player2Rank, match.player2Race, match.player2Country, match.player2Name),
    `\`${seconds(now - match.createdAt).padStart(6)}\``
  ].join(" ")
}

/** Lines two to a row, and a note for those left out. */
const slots = (lines: ReadonlyArray<string>, limit: number, perRow: number) => {
  const shown = lines.slice(0, limit)
  const rows: Array<string> = []
  for (let i = 0; i < shown.length; i += perRow) rows.push(shown.slice(i, i + perRow).join(" "))
  if (lines.length > limit) rows.push(`… and ${lines.length - limit} more`)
  return rows.join("\n")
}

export const snapshotEmbeds = Effect.gen(function* () {
  const queries = yield* AdminQueries
  const data = yield* LadderData
  const now = yield* Clock.currentTimeMillis
  const shortName = (race: RaceCode) => data.races.get(race).shortName
  const memory = yield* processStatus
  const parser = yield* parserStatus
  const sizes = yield* queries.tableSizes()
  const jobs = yield* (yield* JobQueue).stats()
  const queued = yield* queries.queued()
  const open = yield* queries.openMatches()

  const system: Embed = adminEmbed("🔍 Admin System Snapshot", new Date(now).toISOString(), Colors.blue, [
    field(
      "💾 Memory",
      `RSS: ${megabytes(memory.rssBytes)}\nHeap: ${megabytes(memory.heapUsedBytes)} / ${megabytes(memory.heapTotalBytes)}\nUptime: ${memory.uptimeSeconds}s`,
      true
    ),
    field(
      "📊 Database Rows",
      `players: ${sizes.players}\nratings: ${sizes.ratings}\nmatches: ${sizes.matches}\nreplays: ${sizes.replays}\njobs: ${sizes.jobs}\nadmin actions: ${sizes.adminActions}`,
      true
    ),
    field(
      "📝 Job Queue",
      `pending: ${jobs.pending}\nrunning: ${jobs.running}\nfailed (retrying): ${jobs.failed}\ndead: ${jobs.dead}\ncompleted: ${jobs.completed}`,
      true
    ),
    field(
      "⚙️ Replay Parser",
      parser.mode === "inline"
        ? "inline (no worker threads)"
        : `workers: ${parser.live}/${parser.configured}\nreplaced: ${parser.replacements}`,
      true
    )
  ])
  const queue = adminEmbed(
    "🎮 Queue Status",
    `**Players in Queue:** ${queued.length}\n${slots(
      queued.map((entry) => queueLine(entry, now, shortName)),
      QUEUE_SLOTS,
      2
    )}`,
    Colors.green
  )
  const matches = adminEmbed(
    "⚔️ Active Matches",
    `**Open Matches:** ${open.length}\n${slots(
      open.map((match) => matchLine(match, now, shortName)),
      MATCH_SLOTS,
      1
    )}`,
    Colors.orange
  )
  return [system, queue, matches]
})
