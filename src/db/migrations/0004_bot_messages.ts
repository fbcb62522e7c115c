/**
 * Messages the bot sent and edits later (a player's match confirmation prompt, their match view,
 * the searching message), by a key such as `match:12:<discord id>:view`. Edits go through the bot
 * token rather than interaction tokens, which expire after 15 minutes, and survive restarts.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE bot_messages (
      key TEXT PRIMARY KEY,
      channel_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      created_at INTEGER NOT NULL
    )
  `
})
