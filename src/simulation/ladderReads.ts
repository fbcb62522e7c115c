/** What the simulation reads from the bot's database: to know when a wave ran, and for the checks. */
import { SqlClient } from "@effect/sql"
import { Effect, Schema } from "effect"
import { rowDecoder } from "../db/rows.js"
import { MatchRow } from "../ladder/matches/MatchRow.js"

const QueueRow = Schema.Struct({ discordUid: Schema.String, waitCycles: Schema.Int })
const queueRows = rowDecoder(QueueRow)
const matchRows = rowDecoder(MatchRow)
const PlayerRow = Schema.Struct({
  discordUid: Schema.String,
  state: Schema.Literal("idle", "queueing", "in_match"),
  currentMatchId: Schema.NullOr(Schema.Int)
})
export type PlayerRow = typeof PlayerRow.Type
const playerRows = rowDecoder(PlayerRow)

/** Who is queued, with how many waves each has waited. */
export const queueSnapshot = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(
    queueRows.all(sql`SELECT discord_uid, wait_cycles FROM queue_entries`),
    (rows) => new Map(rows.map((row) => [row.discordUid, row.waitCycles]))
  )
)

/** A wave has run since `before` was taken: everyone then queued was paired or waited one more wave. */
export const waveRanSince = (before: ReadonlyMap<string, number>) =>
  Effect.map(queueSnapshot, (now) =>
    [...before].every(([uid, cycles]) => {
      const after = now.get(uid)
      return after === undefined || after > cycles
    })
  )

export const matchesAfter = (id: number) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    matchRows.all(sql`SELECT * FROM matches WHERE id > ${id} ORDER BY id`)
  )

export const allMatches = matchesAfter(0)

export const playerStates = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  playerRows.all(sql`SELECT discord_uid, state, current_match_id FROM players`)
)
