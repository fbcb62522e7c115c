import { Command, Options } from "@effect/cli"
import { SqlClient } from "@effect/sql"
import { Console, Effect } from "effect"
import { AppConfig } from "../config.js"
import { ExitStatus } from "../ExitStatus.js"
import { copyDatabase } from "./copy.js"
import { databaseLayer } from "./Database.js"
import { listTables } from "./portable.js"
import { isPostgresUrl } from "./Postgres.js"

/** A PostgreSQL URL as it may be printed; a file name as it is. */
const withoutPassword = (databaseUrl: string) => {
  if (!isPostgresUrl(databaseUrl)) return databaseUrl
  const url = new URL(databaseUrl)
  if (url.password !== "") url.password = "***"
  return url.toString()
}

/** The database with every migration applied (building the layer migrates), described. */
const describeDatabase = (databaseUrl: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const migrations = yield* sql<{ readonly migrationId: number; readonly name: string }>`
      SELECT migration_id, name FROM effect_sql_migrations ORDER BY migration_id`
    const tables = yield* listTables(sql)
    yield* Console.log(`Database: ${withoutPassword(databaseUrl)}`)
    yield* Console.log(`Migrations: ${migrations.map((m) => `${m.migrationId}_${m.name}`).join(", ")}`)
    yield* Console.log(`Tables: ${tables.join(", ")}`)
  }).pipe(Effect.provide(databaseLayer(databaseUrl)))

/** `evoladder db migrate`: creates or upgrades the database `EVOLADDER_DB` names and lists its tables. */
const migrateCommand = Command.make("migrate", {}, () =>
  Effect.flatMap(AppConfig, ({ operations }) => describeDatabase(operations.databaseUrl)).pipe(
    Effect.provide(AppConfig.Default)
  )
).pipe(Command.withDescription("Create or upgrade the database named by EVOLADDER_DB"))

const to = Options.text("to").pipe(
  Options.withDescription("The new PostgreSQL database (postgres://user:password@host:port/name)")
)

/** `evoladder db copy --to postgres://…`: moves the ladder in EVOLADDER_DB to a new PostgreSQL database. */
const copyCommand = Command.make("copy", { to }, ({ to }) =>
  Effect.gen(function* () {
    const { operations } = yield* AppConfig
    const copied = yield* copyDatabase(operations.databaseUrl, to)
    for (const { table, rows } of copied) yield* Console.log(`${table}: ${rows} rows`)
    yield* Console.log(`Copied ${copied.length} tables. Set EVOLADDER_DB to the new database and restart.`)
  }).pipe(
    Effect.provide(AppConfig.Default),
    Effect.catchTag(
      "CopyRefused",
      (error) => new ExitStatus({ code: 1, message: `db copy: ${error.message}` })
    )
  )
).pipe(
  Command.withDescription(
    "Copy every table of the database EVOLADDER_DB names into a new, empty PostgreSQL database (stop the bot first)"
  )
)

export const dbCommand = Command.make("db").pipe(
  Command.withDescription("Database tasks"),
  Command.withSubcommands([migrateCommand, copyCommand])
)
