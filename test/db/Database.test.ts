import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Layer } from "effect"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DatabaseLive, DatabaseTest } from "../../src/db/Database.js"
import { configLayer } from "../support/layers.js"

const everyTable = [
  "admin_actions",
  "bot_messages",
  "command_calls",
  "interaction_state",
  "jobs",
  "matches",
  "mmr_history",
  "player_action_logs",
  "players",
  "queue_activity",
  "queue_entries",
  "queue_preferences",
  "ratings",
  "replays",
  "staff"
]

const tables = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql<{ readonly name: string }>`
    SELECT name FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'effect_sql_migrations' ORDER BY name`
  return rows.map((row) => row.name)
})

const pragma = (name: string) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql.unsafe<Record<string, unknown>>(`PRAGMA ${name}`)
    return rows[0] ? Object.values(rows[0])[0] : undefined
  })

describe("Database", () => {
  it.effect(
    "creates every table in a new file at EVOLADDER_DB (folder included), WAL and foreign keys on",
    () =>
      Effect.gen(function* () {
        const file = join(mkdtempSync(join(tmpdir(), "evoladder-db-")), "nested", "ladder.sqlite")
        const layer = DatabaseLive.pipe(Layer.provide(configLayer({ EVOLADDER_DB: file })))
        const [found, journal, foreignKeys] = yield* Effect.provide(
          Effect.all([tables, pragma("journal_mode"), pragma("foreign_keys")]),
          layer
        )
        expect(existsSync(file)).toBe(true)
        expect(found).toEqual(everyTable)
        expect(journal).toBe("wal")
        expect(foreignKeys).toBe(1)
      })
  )

  it.effect("migrates an existing file only once", () =>
    Effect.gen(function* () {
      const file = join(mkdtempSync(join(tmpdir(), "evoladder-db-")), "ladder.sqlite")
      const layer = DatabaseLive.pipe(Layer.provide(configLayer({ EVOLADDER_DB: file })))
      const count = Effect.flatMap(
        SqlClient.SqlClient,
        (sql) => sql`SELECT count(*) AS n FROM effect_sql_migrations`
      )
      const first = yield* Effect.provide(count, layer)
      const second = yield* Effect.provide(count, layer)
      expect(first).toEqual(second)
    })
  )

  it.layer(DatabaseTest)("constraints guard the state machines", (it) => {
    const insertPlayer = (uid: string) =>
      Effect.flatMap(
        SqlClient.SqlClient,
        (sql) =>
          sql`INSERT INTO players ${sql.insert({
            discordUid: uid,
            discordUsername: `user${uid}`,
            remainingAborts: 3,
            abortsMonth: "2026-11",
            createdAt: 0,
            updatedAt: 0
          })}`
      )

    it.effect("a player cannot be in_match without a match, nor have a negative abort count", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* insertPlayer("100000000000000001")
        const inMatch = yield* Effect.flip(
          sql`UPDATE players SET state = 'in_match' WHERE discord_uid = '100000000000000001'`
        )
        expect(String(inMatch.cause)).toMatch(/CHECK constraint failed/)
        const negative = yield* Effect.flip(
          sql`UPDATE players SET remaining_aborts = -1 WHERE discord_uid = '100000000000000001'`
        )
        expect(String(negative.cause)).toMatch(/CHECK constraint failed/)
      })
    )

    it.effect("a match needs two different registered players, and a result only when completed", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* insertPlayer("100000000000000002")
        const match = (player2: string, extra: Record<string, unknown> = {}) =>
          sql`INSERT INTO matches ${sql.insert({
            season: "season_alpha",
            player1Uid: "100000000000000002",
            player2Uid: player2,
            player1Race: "bw_zerg",
            player2Race: "sc2_terran",
            player1Mmr: 1500,
            player2Mmr: 1500,
            mapName: "Khione SEL",
            server: "USW",
            confirmDeadlineAt: 60_000,
            createdAt: 0,
            updatedAt: 0,
            ...extra
          })}`
        expect(String((yield* Effect.flip(match("100000000000000002"))).cause)).toMatch(/CHECK/)
        expect(String((yield* Effect.flip(match("199999999999999999"))).cause)).toMatch(/FOREIGN KEY/)
        yield* insertPlayer("100000000000000003")
        expect(String((yield* Effect.flip(match("100000000000000003", { result: 1 }))).cause)).toMatch(
          /CHECK/
        )
        yield* match("100000000000000003")
      })
    )

    it.effect("a job is running exactly when it holds a lease, and its key is unique per kind", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const job = (key: string, extra: Record<string, unknown> = {}) =>
          sql`INSERT INTO jobs ${sql.insert({
            kind: "replay",
            payload: "{}",
            idempotencyKey: key,
            maxAttempts: 5,
            nextRunAt: 0,
            createdAt: 0,
            updatedAt: 0,
            ...extra
          })}`
        expect(String((yield* Effect.flip(job("a", { status: "running" }))).cause)).toMatch(/CHECK/)
        yield* job("a")
        expect(String((yield* Effect.flip(job("a"))).cause)).toMatch(/UNIQUE/)
      })
    )
  })
})
