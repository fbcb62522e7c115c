/**
 * A player's record per race over the last 14, 30 and 90 days, computed in SQL from every completed
 * match (the reference counted from the newest 1,000 matches it kept in memory and undercounted).
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Schema } from "effect"
import { decodeRows } from "../db/rows.js"
import { RaceCode } from "../domain/Race.js"
import type { Snowflake } from "../domain/Snowflake.js"

export const STAT_WINDOWS_DAYS = [14, 30, 90] as const
export type StatWindow = (typeof STAT_WINDOWS_DAYS)[number]

export interface WindowRecord {
  readonly won: number
  readonly lost: number
  readonly drawn: number
}

const DAY_MS = 86_400_000

const Row = Schema.Struct({
  race: RaceCode,
  won14: Schema.Int,
  lost14: Schema.Int,
  drawn14: Schema.Int,
  won30: Schema.Int,
  lost30: Schema.Int,
  drawn30: Schema.Int,
  won90: Schema.Int,
  lost90: Schema.Int,
  drawn90: Schema.Int
})

export class PlayerStats extends Effect.Service<PlayerStats>()("PlayerStats", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient

    const windowRecords = Effect.fn("PlayerStats.windowRecords")(function* (discordUid: Snowflake) {
      const now = yield* Clock.currentTimeMillis
      const [since14, since30, since90] = STAT_WINDOWS_DAYS.map((days) => now - days * DAY_MS)
      const count = (outcome: string, since: number | undefined) =>
        sql`COALESCE(SUM(CASE WHEN outcome = ${outcome} AND played_at >= ${since ?? now} THEN 1 ELSE 0 END), 0)`
      const rows = yield* sql`
        SELECT race,
          ${count("W", since14)} AS won14, ${count("L", since14)} AS lost14, ${count("D", since14)} AS drawn14,
          ${count("W", since30)} AS won30, ${count("L", since30)} AS lost30, ${count("D", since30)} AS drawn30,
          ${count("W", since90)} AS won90, ${count("L", since90)} AS lost90, ${count("D", since90)} AS drawn90
        FROM (
          SELECT player1_race AS race, created_at AS played_at,
            CASE result WHEN 1 THEN 'W' WHEN 2 THEN 'L' ELSE 'D' END AS outcome
          FROM matches WHERE player1_uid = ${discordUid} AND status = 'completed'
          UNION ALL
          SELECT player2_race AS race, created_at AS played_at,
            CASE result WHEN 2 THEN 'W' WHEN 1 THEN 'L' ELSE 'D' END AS outcome
          FROM matches WHERE player2_uid = ${discordUid} AND status = 'completed'
        )
        GROUP BY race`.pipe(decodeRows(Row))
      return new Map(
        rows.map((row) => [
          row.race,
          {
            14: { won: row.won14, lost: row.lost14, drawn: row.drawn14 },
            30: { won: row.won30, lost: row.lost30, drawn: row.drawn30 },
            90: { won: row.won90, lost: row.lost90, drawn: row.drawn90 }
          } satisfies Record<StatWindow, WindowRecord>
        ])
      )
    })

    return { windowRecords }
  })
}) {}
