/**
 * The database `EVOLADDER_DB` names, migrated when the layer is built: a SQLite file (the default),
 * or PostgreSQL for a `postgres://` URL (see Postgres.ts). For SQLite, the process's one connection:
 * two connections in one process can block the event loop on a lock for the whole busy timeout.
 */
import { FileSystem, Path } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import type { MigrationError } from "@effect/sql/Migrator"
import type { SqlError } from "@effect/sql/SqlError"
import type { PlatformError } from "@effect/platform/Error"
import { SqliteClient, SqliteMigrator } from "@effect/sql-sqlite-node"
import { type ConfigError, Effect, Layer } from "effect"
import { AppConfig } from "../config.js"
import { Broadcast } from "./Broadcast.js"
import { migrations } from "./migrations/index.js"
import { nameTransforms } from "./names.js"
import { isPostgresUrl, postgresLayer } from "./Postgres.js"

const IN_MEMORY = ":memory:"

/** Writers wait this long for another process's write lock (job workers may share the file). */
const BUSY_TIMEOUT_MS = 5000

const pragmas = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`PRAGMA foreign_keys = ON`
  // better-sqlite3 runs WAL with synchronous = NORMAL, which survives a crashed process but can lose
  // the last commits to a power cut; results and ratings must not be lost, so every commit is synced.
  yield* sql`PRAGMA synchronous = FULL`
  yield* sql.unsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
})

/** Applies every pending migration; returns the ones it applied as `[id, name]`. */
export const migrate = SqliteMigrator.run({ loader: migrations })

const ensureFolder = (filename: string) =>
  Effect.gen(function* () {
    if (filename === IN_MEMORY) return
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    yield* fs.makeDirectory(path.dirname(filename), { recursive: true })
  })

/**
 * A migrated SQLite database at `filename` (its folder is created), or in memory for `:memory:`;
 * this process is alone with it (`Broadcast.Local`).
 */
export const sqliteLayer = (filename: string) =>
  Layer.merge(Layer.effectDiscard(Effect.zipRight(pragmas, migrate)), Broadcast.Local).pipe(
    Layer.provideMerge(
      SqliteClient.layer({
        filename,
        ...nameTransforms
      })
    ),
    Layer.provide(Layer.effectDiscard(ensureFolder(filename))),
    Layer.provide(NodeContext.layer)
  )

/** The database at `url`: PostgreSQL for `postgres://…`, otherwise a SQLite file. */
export const databaseLayer = (
  url: string
): Layer.Layer<
  SqlClient.SqlClient | Broadcast,
  SqlError | MigrationError | PlatformError | ConfigError.ConfigError
> => (isPostgresUrl(url) ? postgresLayer(url) : sqliteLayer(url))

/** The database named by `EVOLADDER_DB`. */
export const DatabaseLive = Layer.unwrapEffect(
  Effect.map(AppConfig, (config) => databaseLayer(config.operations.databaseUrl))
)

/** A migrated in-memory database; every build of the layer (each `Effect.provide`) gets its own. */
export const DatabaseTest = sqliteLayer(IN_MEMORY)
