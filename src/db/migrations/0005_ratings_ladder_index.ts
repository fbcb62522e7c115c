/**
 * The leaderboard snapshot reads every played rating in ladder order. A partial index over played
 * ratings that also carries the columns the snapshot needs lets SQLite answer it from the index
 * alone, without visiting the table row of each rating.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`DROP INDEX ratings_ladder_order`
  yield* sql`
    CREATE INDEX ratings_ladder_order
    ON ratings (mmr DESC, last_played_at DESC, id DESC, discord_uid, race)
    WHERE games_played > 0
  `
})
