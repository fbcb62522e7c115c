/** Ranked ladders from rows and back, for tests that state a ladder or check one row by row. */
import type { LadderPlayers } from "../../src/domain/LadderPlayers.js"
import {
  indexPlayers,
  rankColumns,
  ratingColumnsOf,
  type LadderRating,
  type LeaderboardRow,
  type Orphan,
  type RankedLadder
} from "../../src/domain/RankedLadder.js"
import type { Snowflake } from "../../src/domain/Snowflake.js"

/** A player as tests state one. */
export interface LadderPlayer {
  readonly discordUid: Snowflake
  readonly playerName: string
  readonly country: string | null
}

/** Players given one by one, as the ladder's lists. */
export const ladderPlayersFrom = (players: ReadonlyArray<LadderPlayer>): LadderPlayers => ({
  discordUid: players.map((player) => player.discordUid),
  playerName: players.map((player) => player.playerName),
  country: players.map((player) => player.country)
})

/** The ladder of `ratings` (as tuples, in any order) and `players`; last games from `playedSince`. */
export const rankLadder = (
  ratings: ReadonlyArray<LadderRating>,
  players: ReadonlyArray<LadderPlayer>,
  playedSince: number
): RankedLadder | Orphan => {
  const listed = ladderPlayersFrom(players)
  const index = indexPlayers(listed)
  const columns = ratingColumnsOf(ratings, index)
  return "orphan" in columns ? columns : rankColumns(columns, listed, index, playedSince)
}

/** Every row of `ladder`, in ladder order. */
export const ladderRows = (ladder: RankedLadder): ReadonlyArray<LeaderboardRow> =>
  Array.from({ length: ladder.size }, (_, position) => ladder.rowAt(position)).filter(
    (row) => row !== undefined
  )

/**
 * The ladder of `rows`, given in ladder order (their global ranks and letters are recomputed, so
 * they must be what `rankLadder` gives): each player's name and country from their first row.
 */
export const ladderOf = (
  rows: ReadonlyArray<Omit<LeaderboardRow, "globalRank" | "letter">>
): RankedLadder => {
  const players = new Map<string, LadderPlayer>()
  for (const row of rows) {
    if (!players.has(row.discordUid)) players.set(row.discordUid, row)
  }
  const ratings = rows.map((row, index): LadderRating => [
    row.discordUid,
    row.race,
    row.mmr,
    row.lastPlayedAt,
    rows.length - index
  ])
  const ladder = rankLadder(ratings, [...players.values()], 0)
  if ("orphan" in ladder) throw new Error("unreachable: every row's player is listed")
  return ladder
}
