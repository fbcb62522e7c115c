/** Migration 0002 for PostgreSQL: `interaction_state`, with BIGINT epoch milliseconds. */
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
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    )
  `
  yield* sql`CREATE INDEX interaction_state_expiry ON interaction_state (expires_at)`
  yield* sql`CREATE INDEX interaction_state_owner ON interaction_state (discord_uid, kind)`
})
