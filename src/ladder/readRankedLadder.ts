/**
 * Reads the ranked ladder for a leaderboard snapshot: every rating played since a time, in ladder
 * order, and every player, in two statements.
 *
 * Each statement returns its rows as one text, read at once: for the 50k ratings of the 100k
 * bench, the driver building a value array per row took 66 ms at best against SQLite's own 7–11 ms.
 * The players come as three JSON lists (ids, names, countries) kept as lists; the ratings as plain
 * records (`ratingsText.ts`), read into typed columns with nothing kept per rating, where JSON made
 * an array and a string of each. The
 * ratings come from the covering index alone, and are joined with their players here rather than
 * in SQL, where each rating would cost two b-tree lookups.
 */
import { SqlClient, type Statement } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, Option, Schema } from "effect"
import type { Mismatch } from "../domain/bulkChecks.js"
import { ladderPlayersOf, type LadderPlayers } from "../domain/LadderPlayers.js"
import {
  indexPlayers,
  ladderRatingsOf,
  rankColumns,
  type Orphan,
  type RankedLadder
} from "../domain/RankedLadder.js"
import { FIELD_SEPARATOR, RECORD_SEPARATOR, ratingColumnsOfText } from "./ratingsText.js"

/** What does not match is a corrupt database or a bug, as in `db/rows.ts`: a defect. */
const corrupt = (what: string, value: unknown) =>
  Effect.dieMessage(`${what} read for the leaderboard does not match: ${JSON.stringify(value)}`)

const parseJson = Schema.decodeUnknownOption(Schema.parseJson())

/** The one text a statement aggregated its rows into (undefined if there is none). */
const aggregated = (rows: ReadonlyArray<ReadonlyArray<unknown>>): unknown => rows[0]?.[0]

/** A JSON text, parsed (undefined if it is not JSON). */
const parsed = (text: unknown): unknown =>
  typeof text === "string" ? Option.getOrUndefined(parseJson(text)) : undefined

/**
 * The players `which` keeps (all of them, or a `WHERE` clause), as one row of three JSON arrays in
 * the same order: ids, shown names (the player name, or else the Discord username) and countries.
 */
const readPlayers = (sql: SqlClient.SqlClient, which: Statement.Fragment) =>
  sql.onDialectOrElse({
    pg: () => sql`
      SELECT COALESCE(json_agg(discord_uid ORDER BY discord_uid)::text, '[]'),
             COALESCE(json_agg(COALESCE(player_name, discord_username) ORDER BY discord_uid)::text, '[]'),
             COALESCE(json_agg(country ORDER BY discord_uid)::text, '[]')
      FROM players ${which}`,
    orElse: () => sql`
      SELECT json_group_array(discord_uid), json_group_array(COALESCE(player_name, discord_username)),
             json_group_array(country)
      FROM players ${which}`
  }).values

/**
 * Players as `readPlayers` read them, checked, and made into a ladder with their ratings by
 * `build`; a mismatch (of a player or a rating) or a rating without its player is a defect.
 */
const checked = (
  playerRows: ReadonlyArray<ReadonlyArray<unknown>>,
  build: (players: LadderPlayers) => RankedLadder | Mismatch | Orphan
) => {
  const [ids, names, countries] = playerRows[0] ?? []
  const players = ladderPlayersOf(parsed(ids), parsed(names), parsed(countries))
  if ("mismatch" in players) return corrupt("a player", players.mismatch)
  const ladder = build(players)
  if ("mismatch" in ladder) return corrupt("a rating", ladder.mismatch)
  return "orphan" in ladder ? corrupt("a rating without its player", ladder.orphan) : Effect.succeed(ladder)
}

/** One rating record of `ratingsText.ts`, per dialect (PostgreSQL's `format` knows only `%s`). */
const sqliteRecord = ["%s", "%s", "%d", "%d", "%d"].join(FIELD_SEPARATOR)
const pgRecord = ["%s", "%s", "%s", "%s", "%s"].join(FIELD_SEPARATOR)

export const readRankedLadder = (since: number): Effect.Effect<RankedLadder, SqlError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    // Ratings first: a player is created before any of their ratings, so every one is found.
    // SQLite's aggregate follows the ordered subquery's order; the ranking checks the order and
    // sorts only if it must, so the order is a speed-up, not something relied on.
    const ratingRows = yield* sql.onDialectOrElse({
      pg: () => sql`
        SELECT COALESCE(string_agg(format(${pgRecord}, discord_uid, race, mmr, last_played_at - ${since}, id),
                                   ${RECORD_SEPARATOR} ORDER BY mmr DESC, last_played_at DESC, id DESC), '')
        FROM ratings WHERE games_played > 0 AND last_played_at >= ${since}`,
      orElse: () => sql`
        SELECT COALESCE(group_concat(format(${sqliteRecord}, discord_uid, race, mmr, last_played_at - ${since}, id),
                                     ${RECORD_SEPARATOR}), '') FROM (
          SELECT discord_uid, race, mmr, last_played_at, id FROM ratings
          WHERE games_played > 0 AND last_played_at >= ${since}
          ORDER BY mmr DESC, last_played_at DESC, id DESC)`
    }).values
    const playerRows = yield* readPlayers(sql, sql``)
    const ratingsText = aggregated(ratingRows)
    if (typeof ratingsText !== "string") return yield* corrupt("the ratings", ratingsText)
    return yield* checked(playerRows, (players) => {
      const index = indexPlayers(players)
      const ratings = ratingColumnsOfText(ratingsText, index)
      return "size" in ratings ? rankColumns(ratings, players, index, since) : ratings
    })
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
    const playerRows = yield* readPlayers(sql, sql`WHERE discord_uid IN ${sql.in(uids)}`)
    const ratingRows = yield* sql`SELECT discord_uid, race, mmr, last_played_at - ${since}, id FROM ratings
                                  WHERE discord_uid IN ${sql.in(uids)} AND games_played > 0
                                    AND last_played_at >= ${since}`.values
    return yield* checked(playerRows, (players) => {
      const ratings = ladderRatingsOf(ratingRows)
      return "mismatch" in ratings ? ratings : ladder.replacing(named, players, ratings)
    })
  })
