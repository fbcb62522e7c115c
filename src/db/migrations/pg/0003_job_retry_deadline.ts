/**
 * Migration 0003 for PostgreSQL: the job queue's retry deadline as a BIGINT (see the SQLite
 * migration for why it is a column). A new Postgres database has no jobs yet, so no backfill.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE jobs ADD COLUMN retry_until BIGINT NOT NULL DEFAULT 0`
})
