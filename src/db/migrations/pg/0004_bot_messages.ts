/** Migration 0004 for PostgreSQL: `bot_messages`, with a BIGINT epoch millisecond. */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE bot_messages (
      key TEXT PRIMARY KEY,
      channel_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      created_at BIGINT NOT NULL
    )
  `
})
