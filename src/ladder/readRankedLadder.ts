/**
 * Reads the ranked ladder for a leaderboard snapshot: every rating played since a time, in ladder
 * order, and every player, in two statements.
 *
 * Each statement returns its rows as one JSON array, parsed at once: for the 50k ratings of the
 * 100k bench, the driver building a value array per row took 66 ms at best against SQLite's own
 * 7–11 ms, where the JSON statement and its parse take 26–40 and 20–40 ms. The ratings come from the
 * covering index alone, and are joined with their players here rather than in SQL, where each
 * rating would cost two b-tree lookups.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schema } from "effect"
import {
  ladderPlayersOf,
  ladderRatingsOf,
  rankLadder,
  type LadderPlayer,
  type LadderRating,
  type Orphan,
  type RankedLadder
} from "../domain/RankedLadder.js"

/** What does not match is a corrupt database or a bug, as in `db/rows.ts`: a defect. */
const corrupt = (what: string, value: unknown) =>
  Effect.dieMessage(`${what} read for the leaderboard does not match: ${JSON.stringify(value)}`)

const parseJson = Schema.decodeUnknownOption(Schema.parseJson())

/** The one JSON text a statement aggregated its rows into, parsed (undefined if it is not JSON). */
const parsed = (rows: ReadonlyArray<ReadonlyArray<unknown>>): unknown => {
  const text = rows[0]?.[0]
  return typeof text === "string" ? Option.getOrUndefined(parseJson(text)) : undefined
}

/** Players and ratings as read, checked, and made into a ladder by `build`; a mismatch is a defect. */
const checked = (
  playerList: unknown,
  ratingList: unknown,
  build: (players: Array<LadderPlayer>, ratings: Array<LadderRating>) => RankedLadder | Orphan
) => {
  const players = ladderPlayersOf(playerList)
  if ("mismatch" in players) return corrupt("a player", players.mismatch)
  const ratings = ladderRatingsOf(ratingList)
  if ("mismatch" in ratings) return corrupt("a rating", ratings.mismatch)
  const ladder = build(players, ratings)
  return "orphan" in ladder ? corrupt("a rating without its player", ladder.orphan) : Effect.succeed(ladder)
}

export const readRankedLadder = (since: number): Effect.Effect<RankedLadder, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // Ratings first: a player is created before any of their ratings, so every one is found.
    // SQLite's aggregate follows the ordered subquery's order; the ranking sorts anyway (one pass
    // over rows already in order), so the order is a speed-up, not something relied on.
    const ratingRows = yield* sql.onDialectOrElse({
      pg: () => sql`
        SELECT COALESCE(json_agg(json_build_array(discord_uid, race, mmr, last_played_at - ${since}, id)
                                 ORDER BY mmr DESC, last_played_at DESC, id DESC)::text, '[]')
        FROM ratings WHERE games_played > 0 AND last_played_at >= ${since}`,
      orElse: () => sql`
        SELECT json_group_array(json_array(discord_uid, race, mmr, last_played_at - ${since}, id)) FROM (
          SELECT discord_uid, race, mmr, last_played_at, id FROM ratings
          WHERE games_played > 0 AND last_played_at >= ${since}
          ORDER BY mmr DESC, last_played_at DESC, id DESC)`
    }).values
    const playerRows = yield* sql.onDialectOrElse({
      pg: () => sql`
        SELECT COALESCE(json_agg(json_build_array(discord_uid, player_name, discord_username, country))::text, '[]')
        FROM players`,
      orElse: () => sql`
        SELECT json_group_array(json_array(discord_uid, player_name, discord_username, country)) FROM players`
    }).values
    return yield* checked(parsed(playerRows), parsed(ratingRows), (players, ratings) =>
      rankLadder(ratings, players, since)
    )
  })

/**
 * `ladder` with the players `named` read again (their names, countries and ratings played since
 * `since`, the ladder's own window start): what a few changed players cost, instead of everyone.
 */
export const rereadPlayers = (
  ladder: RankedLadder,
  named: ReadonlySet<string>,
  since: number
): Effect.Effect<RankedLadder, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const uids = [...named]
    const playerRows = yield* sql`SELECT discord_uid, player_name, discord_username, country FROM players
                                  WHERE discord_uid IN ${sql.in(uids)}`.values
    const ratingRows = yield* sql`SELECT discord_uid, race, mmr, last_played_at - ${since}, id FROM ratings
                                  WHERE discord_uid IN ${sql.in(uids)} AND games_played > 0
                                    AND last_played_at >= ${since}`.values
    return yield* checked(playerRows, ratingRows, (players, ratings) =>
      ladder.replacing(named, players, ratings)
    )
  })
