/**
 * Copies every table of one database into a new PostgreSQL database: how a ladder that outgrew
 * one machine moves from its SQLite file to PostgreSQL (`evoladder db copy --to postgres://…`,
 * docs/scaling.md). The target is migrated first and must be empty; the copy is one transaction
 * (all or nothing) with the foreign keys checked at COMMIT, ids are kept, and each identity
 * sequence continues after the largest id copied.
 */
import { SqlClient } from "@effect/sql"
import { Context, Data, Effect, Layer, Option, Schema } from "effect"
import { databaseLayer } from "./Database.js"
import { listTables } from "./portable.js"
import { isPostgresUrl } from "./Postgres.js"
import { rowDecoder } from "./rows.js"

export class CopyRefused extends Data.TaggedError("CopyRefused")<{ readonly message: string }> {}

export interface CopiedTable {
  readonly table: string
  readonly rows: number
}

/** Rows read and inserted per statement (36 columns at most: well under Postgres' 65,535 parameters). */
const PAGE = 1000

type Row = Readonly<Record<string, unknown>>

/**
 * Runs a statement of the source database inside the target's transaction: @effect/sql keeps the
 * open transaction's connection under one tag for every client, so the source client would send
 * its statement down the target's connection.
 */
const outsideTransaction = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.mapInputContext(effect, (context: Context.Context<never>) =>
    Context.omit(SqlClient.TransactionConnection)(context)
  )

/**
 * Every row of `table`, a page at a time, in the order of its first column (each table's primary
 * key): keyset pages, so a large table costs no more per page than a small one.
 */
const copyTable = (source: SqlClient.SqlClient, target: SqlClient.SqlClient, table: string) =>
  Effect.gen(function* () {
    let copied = 0
    let after: { readonly column: string; readonly value: unknown } | undefined
    for (;;) {
      const where = after === undefined ? source`` : source`WHERE ${source(after.column)} > ${after.value}`
      const rows: ReadonlyArray<Row> = yield* outsideTransaction(
        source`SELECT * FROM ${source(table)} ${where} ORDER BY 1 LIMIT ${PAGE}`.withoutTransform
      )
      const last = rows.at(-1)
      if (last === undefined) return copied
      yield* target`INSERT INTO ${target(table)} ${target.insert(rows)}`.withoutTransform
      copied += rows.length
      const column = Object.keys(last)[0]
      if (column === undefined || rows.length < PAGE) return copied
      after = { column, value: last[column] }
    }
  })

const Count = rowDecoder(Schema.Struct({ n: Schema.Number }))

const rowCount = (sql: SqlClient.SqlClient, table: string) =>
  Effect.map(
    Count.first(sql`SELECT count(*) AS n FROM ${sql(table)}`),
    Option.match({ onNone: () => 0, onSome: (row) => row.n })
  )

/** Makes each identity column's next value follow the largest id now in its table. */
const resetIdentities = (target: SqlClient.SqlClient) =>
  Effect.gen(function* () {
    const identities = yield* target<{ readonly table_name: string; readonly column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES'`.withoutTransform
    for (const { table_name: table, column_name: column } of identities) {
      yield* target`SELECT setval(pg_get_serial_sequence(${table}, ${column}),
                      COALESCE((SELECT max(${target(column)}) FROM ${target(table)}), 0) + 1, false)`
    }
  })

/** Copies every table of the database at `from` into the new PostgreSQL database at `to`. */
export const copyDatabase = (from: string, to: string) =>
  Effect.gen(function* () {
    if (!isPostgresUrl(to)) {
      return yield* new CopyRefused({ message: `--to must be a PostgreSQL URL (postgres://…), not ${to}` })
    }
    if (from === to)
      return yield* new CopyRefused({ message: "the source and the target are the same database" })
    const source = Context.get(yield* Layer.build(databaseLayer(from)), SqlClient.SqlClient)
    const target = Context.get(yield* Layer.build(databaseLayer(to)), SqlClient.SqlClient)
    const tables = yield* listTables(source)
    const known = new Set(yield* listTables(target))
    const missing = tables.filter((table) => !known.has(table))
    if (missing.length > 0) {
      return yield* new CopyRefused({
        message: `the target has no table ${missing.join(", ")}: is the source from a newer EvoLadder?`
      })
    }
    for (const table of tables) {
      const rows = yield* rowCount(target, table)
      if (rows > 0) {
        return yield* new CopyRefused({
          message: `the target is not empty (${table} has ${rows} rows): copy into a new database`
        })
      }
    }
    return yield* target.withTransaction(
      Effect.gen(function* () {
        // Rows arrive in table order, not in the order the foreign keys need (players and matches
        // refer to each other): every foreign key is DEFERRABLE, checked once, at COMMIT.
        yield* target`SET CONSTRAINTS ALL DEFERRED`
        const copied: Array<CopiedTable> = []
        for (const table of tables) copied.push({ table, rows: yield* copyTable(source, target, table) })
        yield* resetIdentities(target)
        return copied
      })
    )
  }).pipe(Effect.scoped)
