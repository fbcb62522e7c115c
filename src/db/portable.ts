/**
 * SQL whose spelling differs between SQLite and PostgreSQL, for the repositories: each helper
 * matches the indexes its database's migrations create.
 */
import type { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/**
 * `column = value`, ignoring case: SQLite's NOCASE collation, which its name indexes use; `lower()`
 * on both sides in PostgreSQL, whose migration indexes `lower(column)`.
 */
export const equalsIgnoringCase = (sql: SqlClient.SqlClient, column: string, value: string) =>
  sql.onDialectOrElse({
    pg: () => sql`lower(${sql.literal(column)}) = lower(${value})`,
    orElse: () => sql`${sql.literal(column)} = ${value} COLLATE NOCASE`
  })

/** The application's tables (not the migrations' own), by name. */
export const listTables = (sql: SqlClient.SqlClient) =>
  Effect.map(
    sql.onDialectOrElse({
      pg: () => sql<{ readonly name: string }>`
        SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          AND table_name <> 'effect_sql_migrations' ORDER BY table_name`,
      orElse: () => sql<{ readonly name: string }>`
        SELECT name FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'effect_sql_migrations' ORDER BY name`
    }),
    (rows) => rows.map((row) => row.name)
  )
