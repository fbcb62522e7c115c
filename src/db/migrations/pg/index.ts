import { Migrator } from "@effect/sql"
import ratingsLadderIndex from "../0005_ratings_ladder_index.js"
import ladderSchema from "./0001_ladder_schema.js"
import interactionState from "./0002_interaction_state.js"
import jobRetryDeadline from "./0003_job_retry_deadline.js"
import botMessages from "./0004_bot_messages.js"
import eventVersions from "./0006_event_versions.js"

/**
 * Every PostgreSQL migration, in order, with the ids of the SQLite migrations they mirror, so both
 * databases record the same schema version. A migration whose SQL is portable is the same module
 * in both records (0005); a migration for one database only takes an id that the other record
 * skips (0006).
 */
export const pgMigrations = Migrator.fromRecord({
  "0001_ladder_schema": ladderSchema,
  "0002_interaction_state": interactionState,
  "0003_job_retry_deadline": jobRetryDeadline,
  "0004_bot_messages": botMessages,
  "0005_ratings_ladder_index": ratingsLadderIndex,
  "0006_event_versions": eventVersions
})
