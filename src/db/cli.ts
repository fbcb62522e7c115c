import { Command } from "@effect/cli"
import { SqlClient } from "@effect/sql"
import { Console, Effect } from "effect"
import { AppConfig } from "../config.js"
import { sqliteLayer } from "./Database.js"

/** The database with every migration applied (building the layer migrates), described. */
const describeDatabase = (databaseUrl: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const migrations = yield* sql<{ readonly migrationId: number; readonly name: string }>`
      SELECT migration_id, name FROM effect_sql_migrations ORDER BY migration_id`
    const tables = yield* sql<{ readonly name: string }>`
      SELECT name FROM sqlite_master
      WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'effect_sql_migrations' ORDER BY name`
    yield* Console.log(`Database: ${databaseUrl}`)
    yield* Console.log(`Migrations: ${migrations.map((m) => `${m.migrationId}_${m.name}`).join(", ")}`)
    yield* Console.log(`Tables: ${tables.map((table) => table.name).join(", ")}`)
  }).pipe(Effect.provide(sqliteLayer(databaseUrl)))

/** `evoladder db migrate`: creates or upgrades the database `EVOLADDER_DB` names and lists its tables. */
const migrateCommand = Command.make("migrate", {}, () =>
  Effect.flatMap(AppConfig, ({ operations }) => describeDatabase(operations.databaseUrl)).pipe(
    Effect.provide(AppConfig.Default)
  )
).pipe(Command.withDescription("Create or upgrade the database named by EVOLADDER_DB"))

export const dbCommand = Command.make("db").pipe(
  Command.withDescription("Database tasks"),
  Command.withSubcommands([migrateCommand])
)
