/**
 * What the admin views read (reference §3.10 snapshot, player, match): the queue with ranks and
 * waits, the open matches, table sizes, a player's latest matches, a match's replay jobs. Read-only.
 */
import { SqlClient } from "@effect/sql"
import { Effect, Option, Schema } from "effect"
import { decodeFirst, decodeRows } from "../../db/rows.js"
import { MatchStatus } from "../../domain/Match.js"
import { RaceCode } from "../../domain/Race.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { JobStatus } from "../../jobs/JobRow.js"
import { Leaderboard, rankIn, type Rank } from "../Leaderboard.js"
import { MatchRow } from "../matches/MatchRow.js"
import { QueueRepo } from "../queue/QueueRepo.js"

const Named = Schema.Struct({
  discordUid: Schema.String,
  playerName: Schema.NullOr(Schema.String),
  discordUsername: Schema.String,
  country: Schema.NullOr(Schema.String)
})

const OpenMatch = Schema.Struct({
  id: Schema.Int,
  status: MatchStatus,
  player1Race: RaceCode,
  player2Race: RaceCode,
  player1Rank: Schema.NullOr(Schema.String),
  player2Rank: Schema.NullOr(Schema.String),
  createdAt: Schema.Int,
  player1Name: Schema.String,
  player2Name: Schema.String,
  player1Country: Schema.NullOr(Schema.String),
  player2Country: Schema.NullOr(Schema.String)
})
export type OpenMatch = typeof OpenMatch.Type

const TableSizes = Schema.Struct({
  players: Schema.Int,
  ratings: Schema.Int,
  matches: Schema.Int,
  replays: Schema.Int,
  jobs: Schema.Int,
  adminActions: Schema.Int
})
export type TableSizes = typeof TableSizes.Type
const StatusCount = Schema.Struct({ status: JobStatus, count: Schema.Int })

export const HistoryEntry = Schema.Struct({
  discordUid: Schema.String,
  race: RaceCode,
  cause: Schema.String,
  mmrBefore: Schema.Int,
  mmrAfter: Schema.Int,
  createdAt: Schema.Int
})
export type HistoryEntry = typeof HistoryEntry.Type

export interface QueuedOverview {
  readonly discordUid: Snowflake
  readonly name: string
  readonly country: string | null
  readonly bw: { readonly race: RaceCode; readonly mmr: number | null; readonly rank: Rank } | null
  readonly sc2: { readonly race: RaceCode; readonly mmr: number | null; readonly rank: Rank } | null
  readonly joinedAt: number
  readonly waitCycles: number
}

export class AdminQueries extends Effect.Service<AdminQueries>()("AdminQueries", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const queue = yield* QueueRepo
    const leaderboard = yield* Leaderboard

    /** Everyone queued, oldest first, with the rank of each chosen race. */
    const queued = Effect.fn("AdminQueries.queued")(function* () {
      const entries = yield* queue.entries()
      if (entries.length === 0) return []
      const board = yield* leaderboard.snapshot
      const names = yield* sql`SELECT discord_uid, player_name, discord_username, country FROM players
        WHERE discord_uid IN ${sql.in(entries.map((entry) => entry.discordUid))}`.pipe(decodeRows(Named))
      const byUid = new Map(names.map((row) => [row.discordUid, row]))
      return entries.map((entry): QueuedOverview => {
        const named = byUid.get(entry.discordUid)
        const side = (race: RaceCode | null, mmr: number | null) =>
          race === null ? null : { race, mmr, rank: rankIn(board, entry.discordUid, race) }
        return {
          discordUid: entry.discordUid,
          name: named?.playerName ?? named?.discordUsername ?? entry.discordUid,
          country: named?.country ?? null,
          bw: side(entry.bwRace, entry.bwMmr),
          sc2: side(entry.sc2Race, entry.sc2Mmr),
          joinedAt: entry.joinedAt,
          waitCycles: entry.waitCycles
        }
      })
    })

    /** Matches still awaiting confirmation or results, oldest first. */
    const openMatches = Effect.fn("AdminQueries.openMatches")(function* () {
      return yield* sql`
        SELECT m.id, m.status, m.player1_race, m.player2_race, m.player1_rank, m.player2_rank, m.created_at,
               COALESCE(p1.player_name, p1.discord_username) AS player1_name,
               COALESCE(p2.player_name, p2.discord_username) AS player2_name,
               p1.country AS player1_country, p2.country AS player2_country
        FROM matches m
        JOIN players p1 ON p1.discord_uid = m.player1_uid
        JOIN players p2 ON p2.discord_uid = m.player2_uid
        WHERE m.status IN ('awaiting_confirmation', 'in_progress') ORDER BY m.id`.pipe(decodeRows(OpenMatch))
    })

    /** Rows in the main tables (the reference showed its in-memory DataFrames' sizes). */
    const tableSizes = Effect.fn("AdminQueries.tableSizes")(function* () {
      const sizes = yield* sql`SELECT
          (SELECT count(*) FROM players) AS players, (SELECT count(*) FROM ratings) AS ratings,
          (SELECT count(*) FROM matches) AS matches, (SELECT count(*) FROM replays) AS replays,
          (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM admin_actions) AS admin_actions`.pipe(
        decodeFirst(TableSizes)
      )
      return Option.getOrElse(sizes, () => ({
        players: 0,
        ratings: 0,
        matches: 0,
        replays: 0,
        jobs: 0,
        adminActions: 0
      }))
    })

    /** A player's latest matches, newest first. */
    const recentMatches = Effect.fn("AdminQueries.recentMatches")(function* (
      discordUid: Snowflake,
      limit = 5
    ) {
      return yield* sql`SELECT * FROM matches WHERE player1_uid = ${discordUid} OR player2_uid = ${discordUid}
                        ORDER BY id DESC LIMIT ${limit}`.pipe(decodeRows(MatchRow))
    })

    /** The replay jobs of a match by status (their idempotency keys start with the match id). */
    const replayJobs = Effect.fn("AdminQueries.replayJobs")(function* (matchId: number) {
      return yield* sql`SELECT status, count(*) AS count FROM jobs
                        WHERE kind = 'replay' AND idempotency_key LIKE ${`${matchId}:%`} GROUP BY status`.pipe(
        decodeRows(StatusCount)
      )
    })

    /** The rating changes a match caused, oldest first (its result, then any resolutions). */
    const matchHistory = Effect.fn("AdminQueries.matchHistory")(function* (matchId: number) {
      return yield* sql`SELECT discord_uid, race, cause, mmr_before, mmr_after, created_at FROM mmr_history
                        WHERE match_id = ${matchId} ORDER BY id`.pipe(decodeRows(HistoryEntry))
    })

    return { queued, openMatches, tableSizes, recentMatches, replayJobs, matchHistory }
  })
}) {}
