/**
 * The job queue's retry deadline. A job is retried until it has used its attempts or until this
 * time, whichever comes first (EVOLADDER_JOB_MAX_AGE after enqueue). It is a column rather than
 * `created_at + max age` so that redriving a dead job can give it a fresh window without
 * rewriting when it was created.
 */
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/** The default EVOLADDER_JOB_MAX_AGE, for rows enqueued before this migration. */
const DAY_MS = 24 * 60 * 60 * 1000

export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`ALTER TABLE jobs ADD COLUMN retry_until INTEGER NOT NULL DEFAULT 0`
  yield* sql`UPDATE jobs SET retry_until = created_at + ${DAY_MS}`
})
