import { Migrator } from "@effect/sql"
import ladderSchema from "./0001_ladder_schema.js"
import interactionState from "./0002_interaction_state.js"
import jobRetryDeadline from "./0003_job_retry_deadline.js"
import botMessages from "./0004_bot_messages.js"
import ratingsLadderIndex from "./0005_ratings_ladder_index.js"

/**
 * Every SQLite migration, in order. Keys must match `<id>_<name>`; others are silently ignored by the
 * Migrator. PostgreSQL has its own record with the same ids (`pg/index.ts`); 0006 is PostgreSQL's
 * only, so the next migration here is 0007.
 */
export const migrations = Migrator.fromRecord({
  "0001_ladder_schema": ladderSchema,
  "0002_interaction_state": interactionState,
  "0003_job_retry_deadline": jobRetryDeadline,
  "0004_bot_messages": botMessages,
  "0005_ratings_ladder_index": ratingsLadderIndex
})
