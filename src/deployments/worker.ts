/**
 * The replay-worker deployment (`EVOLADDER_DEPLOYMENT=worker`): the job processor and the parser
 * pool over the core services, with no Discord connection and no engine (waves, deadlines and
 * queue timeouts stay with the one gateway or webhook process). Any number of workers, on any
 * number of hosts, share the gateway's PostgreSQL database: they claim replay jobs with
 * `FOR UPDATE SKIP LOCKED`, wake on its NOTIFY, read replay bytes through `ReplayStorage` (a folder
 * every host mounts, EVOLADDER_REPLAY_DIR), and their results reach the gateway as domain events
 * through the database (see docs/scaling.md).
 */
import { Effect, Layer } from "effect"
import { AppConfig, MissingSetting } from "../config.js"
import { isPostgresUrl } from "../db/Postgres.js"
import { CoreLive } from "./Core.js"
import { ReplayJobsLive } from "./Engine.js"
import { closed } from "./shutdown.js"

/** A SQLite file belongs to one process: a worker beside the gateway needs the shared database. */
export const SharedDatabaseCheck = Layer.effectDiscard(
  Effect.flatMap(AppConfig, ({ operations }) =>
    isPostgresUrl(operations.databaseUrl)
      ? Effect.void
      : new MissingSetting({
          setting: "EVOLADDER_DB",
          message:
            "EVOLADDER_DEPLOYMENT=worker needs the PostgreSQL database the gateway uses: set EVOLADDER_DB=postgres://… (docs/scaling.md)."
        })
  )
)

/** Replay jobs over the core services: the processor closes first, then the pool, the database last. */
export const WorkerLive = ReplayJobsLive.pipe(
  Layer.provide(closed("engine")),
  Layer.provide(CoreLive.pipe(Layer.provide(closed("database")))),
  Layer.provide(SharedDatabaseCheck),
  Layer.provide(AppConfig.Default)
)
