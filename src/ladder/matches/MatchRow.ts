/** A `matches` row as the match flow reads it. */
import { Schema } from "effect"
import { MatchResult, MatchStatus, ReportCode } from "../../domain/Match.js"
import { RaceCode } from "../../domain/Race.js"
import { Snowflake } from "../../domain/Snowflake.js"

export const MatchRow = Schema.Struct({
  id: Schema.Int,
  season: Schema.String,
  status: MatchStatus,
  player1Uid: Snowflake,
  player2Uid: Snowflake,
  player1Race: RaceCode,
  player2Race: RaceCode,
  player1Mmr: Schema.Int,
  player2Mmr: Schema.Int,
  player1Rank: Schema.NullOr(Schema.String),
  player2Rank: Schema.NullOr(Schema.String),
  mapName: Schema.String,
  server: Schema.String,
  player1ConfirmedAt: Schema.NullOr(Schema.Int),
  player2ConfirmedAt: Schema.NullOr(Schema.Int),
  confirmDeadlineAt: Schema.Int,
  player1Report: Schema.NullOr(ReportCode),
  player2Report: Schema.NullOr(ReportCode),
  player1ReportedAt: Schema.NullOr(Schema.Int),
  player2ReportedAt: Schema.NullOr(Schema.Int),
  reportDeadlineAt: Schema.NullOr(Schema.Int),
  result: Schema.NullOr(MatchResult),
  player1MmrChange: Schema.NullOr(Schema.Int),
  player2MmrChange: Schema.NullOr(Schema.Int),
  player1ReplayId: Schema.NullOr(Schema.Int),
  player2ReplayId: Schema.NullOr(Schema.Int),
  abortedByUid: Schema.NullOr(Snowflake),
  resolvedByUid: Schema.NullOr(Schema.String),
  resolvedAt: Schema.NullOr(Schema.Int),
  createdAt: Schema.Int,
  confirmedAt: Schema.NullOr(Schema.Int),
  finishedAt: Schema.NullOr(Schema.Int),
  updatedAt: Schema.Int
})
export type MatchRow = typeof MatchRow.Type
