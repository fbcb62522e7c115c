/**
 * PostgreSQL as the shared store (`EVOLADDER_DB=postgres://…`): a connection pool behind the same
 * `SqlClient` the repositories use, the PostgreSQL migrations, and `Broadcast` over NOTIFY/LISTEN.
 *
 * node-postgres returns BIGINT (and so `count(*)` and `sum` of integers) as strings, because not
 * every 64-bit integer fits a JavaScript number. Every BIGINT here is an id, a count or epoch
 * milliseconds, all far below 2^53, so BIGINT is parsed as a number: row decoders stay the same
 * on both databases. NUMERIC stays a string (nothing stores or sums into one).
 */
import { Migrator, SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted, Ref, Schedule, Stream } from "effect"
import Pg from "pg"
import { Broadcast, Received } from "./Broadcast.js"
import { pgMigrations } from "./migrations/pg/index.js"
import { nameTransforms } from "./names.js"

/** Whether `EVOLADDER_DB` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url)

const bigintAsNumber = () => {
  const types = new Pg.TypeOverrides()
  types.setTypeParser(Pg.types.builtins.INT8, "text", Number)
  return types
}

/** Any number: processes that migrate at the same time take turns on this advisory lock. */
const MIGRATION_LOCK = 7_391_044_001

/**
 * Applies every pending PostgreSQL migration; returns the ones it applied as `[id, name]`. The
 * whole run is one transaction (DDL is transactional here) under an advisory lock, so processes
 * starting together on a new database neither race to create the migrations table nor apply a
 * migration twice.
 */
export const migratePostgres = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  sql.withTransaction(
    Effect.gen(function* () {
      yield* sql`SELECT pg_advisory_xact_lock(${sql.literal(`${MIGRATION_LOCK}`)})`
      // The same table the Migrator would create, made here under the lock.
      yield* sql`CREATE TABLE IF NOT EXISTS effect_sql_migrations (
                   migration_id integer PRIMARY KEY,
                   created_at timestamp with time zone NOT NULL DEFAULT now(),
                   name text NOT NULL
                 )`
      return yield* Migrator.make({})({ loader: pgMigrations })
    })
  )
)

/** A lost LISTEN connection is opened again after 0.1 s, 0.2 s, … at most 10 s apart. */
const relisten = Schedule.exponential("100 millis").pipe(
  Schedule.union(Schedule.spaced("10 seconds")),
  Schedule.resetAfter("1 minute")
)

/**
 * One connection of its own per channel (the pool's connections come and go), listening until its
 * scope closes; fails when the connection is lost. `announce` is emitted once listening.
 */
const listenOnce = (url: string, channel: string, announce: ReadonlyArray<Received>) =>
  Stream.asyncScoped<Received, SqlError>((emit) =>
    Effect.gen(function* () {
      const client = new Pg.Client({ connectionString: url, application_name: "evoladder listen" })
      const lost = (cause: unknown) => {
        void emit.fail(new SqlError({ cause, message: `LISTEN ${channel}: the connection was lost` }))
      }
      client.on("error", lost)
      client.on("end", () => {
        lost(new Error("connection ended"))
      })
      client.on("notification", (message) => {
        if (message.channel === channel)
          void emit.single(Received.Message({ payload: message.payload ?? "" }))
      })
      yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => client.connect(),
          catch: (cause) => new SqlError({ cause, message: `LISTEN ${channel}: could not connect` })
        }),
        () =>
          Effect.promise(() => {
            client.removeAllListeners("end")
            client.removeAllListeners("notification")
            return client.end().catch(() => undefined)
          })
      )
      yield* Effect.tryPromise({
        try: () => client.query(`LISTEN ${Pg.escapeIdentifier(channel)}`),
        catch: (cause) => new SqlError({ cause, message: `LISTEN ${channel} failed` })
      })
      for (const received of announce) void emit.single(received)
    })
  )

const broadcastLayer = (url: string) =>
  Layer.effect(
    Broadcast,
    Effect.map(SqlClient.SqlClient, (sql) => ({
      shared: true,
      // Through the SqlClient, so it joins the caller's transaction and is delivered at COMMIT.
      send: (channel: string, payload: string) =>
        Effect.asVoid(sql`SELECT pg_notify(${channel}, ${payload})`.withoutTransform),
      listen: (channel: string) =>
        Stream.unwrap(
          Effect.map(Ref.make(0), (connections) =>
            Stream.unwrap(
              Effect.map(
                Ref.getAndUpdate(connections, (n) => n + 1),
                (before) => listenOnce(url, channel, before === 0 ? [] : [Received.Reconnected()])
              )
            ).pipe(
              Stream.tapError((error) => Effect.logWarning(`${error.message}; listening again`, error.cause)),
              // The schedule never ends, so no error is left to die with.
              Stream.retry(relisten),
              Stream.orDie
            )
          )
        )
    }))
  )

/** A migrated PostgreSQL database at `url`, with `Broadcast` over NOTIFY/LISTEN. */
export const postgresLayer = (url: string) =>
  Layer.merge(Layer.effectDiscard(migratePostgres), broadcastLayer(url)).pipe(
    Layer.provideMerge(
      PgClient.layer({
        url: Redacted.make(url),
        applicationName: "evoladder",
        ...nameTransforms,
        types: bigintAsNumber()
      })
    )
  )
