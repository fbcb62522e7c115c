/**
 * The season's invariants, read from the bot's database (SqlClient) and from what players saw, and
 * recomputed independently where that is possible: ratings by replaying every completed match
 * through the Elo formula (domain/Rating.ts), the leaderboard by ranking those ratings
 * (domain/Rank.ts) and comparing with `/leaderboard` as a player sees it.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Duration, Effect, Schema } from "effect"
import type { AppConfigShape } from "../config.js"
import { isFinal, type MatchStatus } from "../domain/Match.js"
import { assignRanks } from "../domain/Rank.js"
import { rateElo, type Outcome } from "../domain/Rating.js"
import { rowDecoder } from "../db/rows.js"
import type { MatchRow } from "../ladder/matches/MatchRow.js"
import { allMatches, playerStates } from "./ladderReads.js"
import { expectedStatus } from "./matchPlay.js"
import type { SeasonRun } from "./Season.js"
import type { SimClock } from "./SimClock.js"

export interface Check {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
}

const check = (name: string, failures: ReadonlyArray<string>, summary: string): Check => ({
  name,
  ok: failures.length === 0,
  detail:
    failures.length === 0
      ? summary
      : `${failures.slice(0, 5).join("; ")}${failures.length > 5 ? ` (+${failures.length - 5} more)` : ""}`
})

/** Open, and rightly so: its deadline has not come yet. */
const legitimatelyOpen = (match: MatchRow, now: number) =>
  (match.status === "awaiting_confirmation" && match.confirmDeadlineAt > now) ||
  (match.status === "in_progress" && (match.reportDeadlineAt === null || match.reportDeadlineAt > now))

/** Waits (real time) until no match is overdue: the bot acts on deadlines as they pass. */
const settle = (clock: SimClock) =>
  Effect.gen(function* () {
    const started = yield* clock.wallMs
    for (;;) {
      const now = yield* Clock.currentTimeMillis
      const overdue = (yield* allMatches).filter((m) => !isFinal(m.status) && !legitimatelyOpen(m, now))
      if (overdue.length === 0 || (yield* clock.wallMs) - started > 60_000) return
      yield* clock.pause("20 millis")
    }
  })

const countsOf = (items: ReadonlyArray<string>) => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return counts
}

/** "3 completed, 1 aborted". */
export const countBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string) =>
  [...countsOf(items.map(key))].map(([k, n]) => `${n} ${k}`).join(", ")

const ReplayJobRow = Schema.Struct({
  replayId: Schema.Int,
  replayStatus: Schema.String,
  jobStatus: Schema.NullOr(Schema.String),
  lastError: Schema.NullOr(Schema.String)
})
const replayJobs = rowDecoder(ReplayJobRow)

const RatingRow = Schema.Struct({
  id: Schema.Int,
  discordUid: Schema.String,
  race: Schema.String,
  mmr: Schema.Int,
  gamesPlayed: Schema.Int,
  gamesWon: Schema.Int,
  gamesLost: Schema.Int,
  lastPlayedAt: Schema.NullOr(Schema.Int),
  playerName: Schema.NullOr(Schema.String)
})
const ratingRows = rowDecoder(RatingRow)

const HistoryRow = Schema.Struct({ matchId: Schema.Int, rows: Schema.Int })
const historyRows = rowDecoder(HistoryRow)

const outcomeOf = (result: 0 | 1 | 2): Outcome =>
  result === 1 ? "player1" : result === 2 ? "player2" : "draw"

interface Recomputed {
  mmr: number
  played: number
  won: number
  lost: number
  lastPlayedAt: number | null
}

/** The DM each player gets when a match ends so. */
const endingTitle = (id: number, status: MatchStatus): string | undefined => {
  switch (status) {
    case "completed":
      return `🏆 Match #${id} Result Finalized`
    case "conflict":
      return `⚠️ Match #${id} Result Conflict`
    case "aborted":
      return `🛑 Match #${id} Aborted`
    case "abandoned":
      return `🛑 Match #${id} Abandoned`
    case "unreported":
      return `⌛ Match #${id} Unreported`
    default:
      return undefined
  }
}

/** One `/leaderboard` row as a player reads it: rank, name, MMR. */
const LEADERBOARD_ROW = /`\s*(\d+)\.`.*`(.+?)\s*` `(-?\d+)`$/

export const checkSeason = (run: SeasonRun, config: AppConfigShape, clock: SimClock) =>
  Effect.gen(function* () {
    yield* settle(clock)
    const sql = yield* SqlClient.SqlClient
    const now = yield* Clock.currentTimeMillis
    const matches = yield* allMatches
    const checks: Array<Check> = []

    checks.push(
      check(
        "every match is in a final state or legitimately open",
        matches
          .filter((m) => !isFinal(m.status) && !legitimatelyOpen(m, now))
          .map((m) => `match ${m.id} is still ${m.status}`),
        `${matches.length} matches: ${countBy(matches, (m) => m.status)}`
      )
    )

    const byId = new Map(matches.map((m) => [m.id, m]))
    const states = yield* playerStates
    checks.push(
      check(
        "no player is stuck in queueing or in_match",
        states.flatMap((p) => {
          if (p.state === "queueing") return [`${p.discordUid} is still queueing`]
          if (p.state !== "in_match") return []
          const match = p.currentMatchId === null ? undefined : byId.get(p.currentMatchId)
          return match !== undefined && legitimatelyOpen(match, now)
            ? []
            : [`${p.discordUid} is in match ${p.currentMatchId ?? "?"} (${match?.status ?? "missing"})`]
        }),
        `${states.length} players, ${states.filter((p) => p.state === "idle").length} idle`
      )
    )

    const replays = yield* replayJobs.all(sql`
      SELECT r.id AS replay_id, r.status AS replay_status, j.status AS job_status, j.last_error
      FROM replays r
      LEFT JOIN jobs j ON j.kind = 'replay' AND j.idempotency_key = r.match_id || ':' || r.replay_hash`)
    checks.push(
      check(
        "every uploaded replay's job completed, or is dead with a reason",
        replays.flatMap((r) =>
          r.jobStatus === "completed" || (r.jobStatus === "dead" && r.lastError !== null)
            ? r.replayStatus === "pending"
              ? [`replay ${r.replayId} is still pending`]
              : []
            : [`replay ${r.replayId}: job ${r.jobStatus ?? "missing"}`]
        ),
        `${replays.length} replays: ${countBy(replays, (r) => r.replayStatus)}`
      )
    )

    // Every completed match again, in the order the bot applied them, through the formula alone.
    const parameters = { kFactor: config.rating.kFactor, divisor: config.rating.divisor }
    const recomputed = new Map<string, Recomputed>()
    const ratingOf = (uid: string, race: string) => {
      const key = `${uid}:${race}`
      const found = recomputed.get(key)
      if (found !== undefined) return found
      const fresh: Recomputed = { mmr: config.rating.initial, played: 0, won: 0, lost: 0, lastPlayedAt: null }
      recomputed.set(key, fresh)
      return fresh
    }
    const formulaFailures: Array<string> = []
    const completed = matches
      .filter((m) => m.status === "completed" && m.result !== null)
      .sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0) || a.id - b.id)
    for (const match of completed) {
      const one = ratingOf(match.player1Uid, match.player1Race)
      const two = ratingOf(match.player2Uid, match.player2Race)
      const result = match.result ?? 0
      const after = rateElo({ player1: one.mmr, player2: two.mmr }, outcomeOf(result), parameters)
      const change1 = after.player1 - one.mmr
      const change2 = after.player2 - two.mmr
      if (match.player1MmrChange !== change1 || match.player2MmrChange !== change2)
        formulaFailures.push(
          `match ${match.id}: ${match.player1MmrChange ?? "?"}/${match.player2MmrChange ?? "?"}, the formula gives ${change1}/${change2}`
        )
      if (Math.abs(change1 + change2) > 1)
        formulaFailures.push(`match ${match.id}: changes sum to ${change1 + change2}`)
      for (const [side, mmr, won] of [
        [one, after.player1, result === 1],
        [two, after.player2, result === 2]
      ] as const) {
        side.mmr = mmr
        side.played += 1
        side.won += won ? 1 : 0
        side.lost += result !== 0 && !won ? 1 : 0
        side.lastPlayedAt = match.finishedAt
      }
    }
    checks.push(
      check(
        "every MMR change is the Elo formula's, and each match's changes sum to 0 ± 1",
        formulaFailures,
        `${completed.length} completed matches recomputed`
      )
    )

    const ratings = yield* ratingRows.all(sql`
      SELECT r.id, r.discord_uid, r.race, r.mmr, r.games_played, r.games_won, r.games_lost, r.last_played_at,
        p.player_name
      FROM ratings r JOIN players p ON p.discord_uid = r.discord_uid`)
    const ratingFailures = ratings.flatMap((row) => {
      const expected = recomputed.get(`${row.discordUid}:${row.race}`) ?? {
        mmr: config.rating.initial,
        played: 0,
        won: 0,
        lost: 0,
        lastPlayedAt: null
      }
      const stored = [row.mmr, row.gamesPlayed, row.gamesWon, row.gamesLost]
      const wanted = [expected.mmr, expected.played, expected.won, expected.lost]
      return stored.every((value, i) => value === wanted[i])
        ? []
        : [
            `${row.playerName ?? row.discordUid} ${row.race}: ${stored.join("/")} stored, ${wanted.join("/")} recomputed`
          ]
    })
    const rated = ratings.filter((row) => recomputed.has(`${row.discordUid}:${row.race}`))
    const missing = [...recomputed.keys()].filter(
      (key) => !ratings.some((row) => `${row.discordUid}:${row.race}` === key)
    )
    const ranked = assignRanks(
      rated.map((row) => {
        const again = recomputed.get(`${row.discordUid}:${row.race}`)
        return {
          id: row.id,
          mmr: again?.mmr ?? row.mmr,
          gamesPlayed: again?.played ?? 0,
          lastPlayedAt: again?.lastPlayedAt ?? null,
          name: row.playerName ?? ""
        }
      }),
      now,
      Duration.toMillis(config.rating.activityWindow)
    ).filter((row) => row.globalRank !== null)
    const viewer = run.population[0]
    const board = viewer === undefined ? undefined : yield* Effect.either(viewer.user.command("leaderboard"))
    const shown =
      board === undefined || board._tag === "Left"
        ? []
        : (board.right.embeds[0]?.fields ?? [])
            .flatMap((field) => field.value.split("\n"))
            .flatMap((line) => {
              const row = LEADERBOARD_ROW.exec(line)
              return row === null ? [] : [`${row[1] ?? ""}. ${row[2] ?? ""} ${row[3] ?? ""}`]
            })
    const expectedRows = ranked
      .slice(0, shown.length === 0 ? 0 : config.leaderboard.pageSize)
      .map((row) => `${row.globalRank ?? ""}. ${row.rating.name.slice(0, 12)} ${row.rating.mmr}`)
    const boardFailures = [
      ...ratingFailures,
      ...missing.map((key) => `no rating row for ${key}`),
      ...(board?._tag === "Left" ? [`/leaderboard failed: ${board.left.message}`] : []),
      ...(shown.length === Math.min(ranked.length, config.leaderboard.pageSize)
        ? []
        : [`/leaderboard shows ${shown.length} rows, the recomputation ranks ${ranked.length}`]),
      ...shown.flatMap((line, i) =>
        line === expectedRows[i] ? [] : [`row "${line}" should be "${expectedRows[i] ?? "none"}"`]
      )
    ]
    checks.push(
      check(
        "ratings and /leaderboard equal a from-scratch recomputation",
        boardFailures,
        `${ratings.length} ratings match; /leaderboard's first ${shown.length} rows match the recomputed ranking`
      )
    )

    const history = yield* historyRows.all(
      sql`SELECT match_id, COUNT(*) AS rows FROM mmr_history WHERE cause = 'match' GROUP BY match_id`
    )
    const historyOf = new Map(history.map((row) => [row.matchId, row.rows]))
    const duplicateFailures = [
      ...matches.flatMap((m) => {
        const rows = historyOf.get(m.id) ?? 0
        const wanted = m.status === "completed" ? 2 : 0
        return rows === wanted ? [] : [`match ${m.id} (${m.status}) has ${rows} rating changes`]
      }),
      ...run.population.flatMap((player) => {
        const titles = player.user.dm().flatMap((message) => message.embeds.map((embed) => embed.title ?? ""))
        return [...countsOf(titles.filter((t) => /^(⚔️|🏆|⚠️|🛑|⌛) Match #\d+ /.test(t)))]
          .filter(([, n]) => n > 1)
          .map(([title, n]) => `${player.profile.name} got "${title}" ${n} times`)
      })
    ]
    checks.push(
      check(
        `no duplicate effects${run.restarts > 0 ? ` after ${run.restarts} kill(s) and restart(s)` : ""}`,
        duplicateFailures,
        "one rating change per player and completed match, one notice per player and match outcome"
      )
    )

    const notices = yield* Effect.all(
      matches.flatMap((m) => {
        const title = endingTitle(m.id, m.status)
        if (title === undefined) return []
        return [m.player1Uid, m.player2Uid].flatMap((uid) => {
          const player = run.population.find((p) => p.user.id === uid)
          if (player === undefined) return []
          return [
            run.fake
              .waitFor(
                () => player.user.dm().some((message) => message.embeds.some((e) => e.title === title)),
                {
                  timeoutMs: 10_000
                }
              )
              .pipe(
                Effect.as<ReadonlyArray<string>>([]),
                Effect.orElseSucceed(() => [`${player.profile.name} never saw "${title}"`])
              )
          ]
        })
      }),
      { concurrency: 50 }
    )
    checks.push(
      check(
        "every player was told how each match ended",
        notices.flat(),
        "every outcome reached both players"
      )
    )

    if (clock.speed === "virtual") {
      checks.push(
        check(
          "every match ended as its players played it",
          run.plans.flatMap((plan) => {
            const status = byId.get(plan.match.id)?.status
            return status === expectedStatus[plan.script]
              ? []
              : [
                  `match ${plan.match.id} (${plan.script}) is ${status ?? "missing"}, expected ${expectedStatus[plan.script]}`
                ]
          }),
          `${run.plans.length} matches: ${countBy(run.plans, (plan) => plan.script)}`
        )
      )
    }
    checks.push(check("players saw what the bot should have shown them", run.problems, "no surprises"))
    const violations = run.fake.violations()
    checks.push(
      check(
        "Discord would have accepted every request",
        violations.map((v) => `${v.kind} ${v.request}: ${v.message}`),
        `${run.fake.requests().length} REST requests`
      )
    )
    return checks
  })
