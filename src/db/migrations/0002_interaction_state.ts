/**
 * State of an open message's buttons and selects (a setup draft, a leaderboard's filters), keyed by
 * an id carried in the components' custom ids. Kept in the database rather than in memory so that a
 * restart or a second process can still answer a click.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE interaction_state (
      id TEXT PRIMARY KEY,
      discord_uid TEXT NOT NULL,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )
  `
  yield* sql`CREATE INDEX interaction_state_expiry ON interaction_state (expires_at)`
  yield* sql`CREATE INDEX interaction_state_owner ON interaction_state (discord_uid, kind)`
})
