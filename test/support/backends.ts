/**
 * The databases the storage and queue suites run on: SQLite always, PostgreSQL when
 * `EVOLADDER_TEST_PG_URL` names a server (`.ci/with-postgres` starts one and sets it). Without it,
 * the PostgreSQL half is skipped with a visible message, and with `EVOLADDER_REQUIRE_POSTGRES=1`
 * (CI) its absence fails the run.
 *
 * Each build of a PostgreSQL backend's layer gets a database of its own, created empty, migrated
 * by the layer itself and dropped when the layer closes, so tests share nothing (NOTIFY channels
 * included: they are per database).
 */
import type { SqlClient } from "@effect/sql"
import type { MigrationError } from "@effect/sql/Migrator"
import { SqlError } from "@effect/sql/SqlError"
import type { PlatformError } from "@effect/platform/Error"
import { type ConfigError, Effect, Layer } from "effect"
import Pg from "pg"
import type { Broadcast } from "../../src/db/Broadcast.js"
import { DatabaseTest } from "../../src/db/Database.js"
import { postgresLayer } from "../../src/db/Postgres.js"

export const postgresAdminUrl: string | undefined = process.env["EVOLADDER_TEST_PG_URL"] || undefined

if (postgresAdminUrl === undefined) {
  if (process.env["EVOLADDER_REQUIRE_POSTGRES"] === "1") {
    throw new Error("PostgreSQL required but EVOLADDER_TEST_PG_URL is not set (run under .ci/with-postgres)")
  }
  console.warn(
    "[postgres] EVOLADDER_TEST_PG_URL is not set: the PostgreSQL half of the storage suites is skipped (run `.ci/with-postgres npm test` to include it)"
  )
}

export type DatabaseLayer = Layer.Layer<
  SqlClient.SqlClient | Broadcast,
  SqlError | MigrationError | PlatformError | ConfigError.ConfigError
>

export interface Backend {
  readonly name: "sqlite" | "postgres"
  /** A fresh, migrated, empty database for each build of the layer. */
  readonly database: DatabaseLayer
}

/** The URL of database `name` on the test server. */
export const postgresUrlOf = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

const admin = (adminUrl: string, statement: string) =>
  Effect.acquireUseRelease(
    Effect.tryPromise({
      try: async () => {
        const client = new Pg.Client({ connectionString: adminUrl })
        await client.connect()
        return client
      },
      catch: (cause) => new SqlError({ cause, message: "could not reach the test PostgreSQL server" })
    }),
    (client) =>
      Effect.tryPromise({
        try: () => client.query(statement),
        catch: (cause) => new SqlError({ cause, message: `test server: ${statement} failed` })
      }),
    (client) => Effect.promise(() => client.end())
  ).pipe(Effect.asVoid)

let databases = 0

/** An empty database on the test server for as long as the scope is open; its URL. */
export const scratchPostgresDatabase = (adminUrl: string) =>
  Effect.acquireRelease(
    Effect.suspend(() => {
      const name = `evoladder_test_${process.pid}_${++databases}`
      return Effect.as(admin(adminUrl, `CREATE DATABASE ${name}`), name)
    }),
    (name) => Effect.orDie(admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  ).pipe(Effect.map((name) => postgresUrlOf(adminUrl, name)))

/** A fresh migrated PostgreSQL database on the test server for each build of the layer. */
export const freshPostgres = (adminUrl: string): DatabaseLayer =>
  Layer.unwrapScoped(Effect.map(scratchPostgresDatabase(adminUrl), postgresLayer))

export const sqliteBackend: Backend = { name: "sqlite", database: DatabaseTest }

/** Every backend this run can test: SQLite, and PostgreSQL when a server is configured. */
export const backends: ReadonlyArray<Backend> =
  postgresAdminUrl === undefined
    ? [sqliteBackend]
    : [sqliteBackend, { name: "postgres", database: freshPostgres(postgresAdminUrl) }]
