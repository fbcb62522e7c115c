/** Ranked ladders from rows and back, for tests that state a ladder or check one row by row. */
import type { LadderPlayer } from "../../src/domain/LadderPlayers.js"
import {
  rankLadder,
  type LadderRating,
  type LeaderboardRow,
  type RankedLadder
} from "../../src/domain/RankedLadder.js"

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
