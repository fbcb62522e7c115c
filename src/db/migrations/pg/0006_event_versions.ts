/**
 * PostgreSQL only: a counter per domain event type, bumped in the transaction that emits events of
 * that type. Several processes share a Postgres database, so "has a rating changed since this
 * snapshot was taken?" must be answerable from the database (see src/db/SharedEvents.ts); a
 * SQLite database has one process, which keeps these counters in memory.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE event_versions (
      tag TEXT PRIMARY KEY,
      version BIGINT NOT NULL CHECK (version > 0)
    )
  `
})
