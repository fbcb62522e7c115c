/**
 * `evoladder db copy`: a SQLite ladder with a played match, a queue, a job and staff moves to a new
 * PostgreSQL database with every row of every table as it was, and new rows continue after the
 * copied ids. A target that is not PostgreSQL, or not empty, is refused with a reason. Skipped
 * without a test server (see support/backends.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Context, Effect, Layer, Schema } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { copyDatabase } from "../../src/db/copy.js"
import { databaseLayer, sqliteLayer } from "../../src/db/Database.js"
import { listTables } from "../../src/db/portable.js"
import * as JobKind from "../../src/jobs/JobKind.js"
import { JobQueueLive } from "../../src/jobs/layers.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { MatchService } from "../../src/ladder/matches/MatchService.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { QueueRepo } from "../../src/ladder/queue/QueueRepo.js"
import { postgresAdminUrl, scratchPostgresDatabase } from "../support/backends.js"
import { ladderLayer, pairedMatch, playerId, registered } from "../support/ladder.js"

const noopKind = JobKind.make({
  kind: "test.noop",
  payload: Schema.Struct({}),
  result: Schema.Struct({}),
  handler: () => Effect.succeed({})
})

/** A ladder in a SQLite file: a completed match, one player queueing, a job, a staff member. */
const playedLadder = (file: string) =>
  Effect.gen(function* () {
    const matches = yield* MatchService
    const id = yield* pairedMatch(1, 2)
    yield* matches.confirm(id, playerId(1))
    yield* matches.confirm(id, playerId(2))
    yield* matches.report(id, playerId(1), 1)
    yield* matches.report(id, playerId(2), 1)
    yield* registered(3)
    yield* (yield* QueueRepo).join(playerId(3), { bwRace: "bw_protoss", sc2Race: null, vetoes: [] })
    yield* (yield* JobQueue).enqueue(noopKind, {}, { idempotencyKey: "kept" })
  }).pipe(
    Effect.provide(
      JobQueueLive.pipe(
        Layer.provideMerge(ladderLayer({ EVOLADDER_DB: file, EVOLADDER_OWNER_ID: "100000000000000009" }))
      )
    )
  )

/** Every row of every table, in primary-key order. */
const everything = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const tables = (yield* listTables(sql)).filter((table) => table !== "event_versions")
  const rows: Record<string, ReadonlyArray<unknown>> = {}
  for (const table of tables)
    rows[table] = yield* sql`SELECT * FROM ${sql(table)} ORDER BY 1`.withoutTransform
  return rows
})

describe.skipIf(postgresAdminUrl === undefined)("evoladder db copy", () => {
  const adminUrl = postgresAdminUrl ?? ""

  it.live(
    "copies every row of every table, and new rows continue after the copied ids",
    () =>
      Effect.gen(function* () {
        const file = join(mkdtempSync(join(tmpdir(), "evoladder-copy-")), "ladder.sqlite")
        yield* playedLadder(file)
        const url = yield* scratchPostgresDatabase(adminUrl)
        const copied = yield* copyDatabase(file, url)
        const before = yield* Effect.provide(everything, sqliteLayer(file))
        const target = Context.get(yield* Layer.build(databaseLayer(url)), SqlClient.SqlClient)
        const after = yield* Effect.provide(everything, Layer.succeed(SqlClient.SqlClient, target))

        expect(Object.keys(after)).toEqual(Object.keys(before))
        expect(after).toEqual(before)
        expect(copied.find((table) => table.table === "matches")?.rows).toBe(1)
        expect(copied.reduce((sum, table) => sum + table.rows, 0)).toBeGreaterThan(20)

        const players = yield* Effect.provide(
          Effect.flatMap(PlayersRepo, (repo) => repo.ensure(playerId(4), "newcomer")),
          ladderLayer({}, databaseLayer(url))
        )
        expect(players.id).toBe(4)
      }).pipe(Effect.scoped),
    60_000
  )

  it.live("refuses a target that is not PostgreSQL, or not empty", () =>
    Effect.gen(function* () {
      const file = join(mkdtempSync(join(tmpdir(), "evoladder-copy-")), "ladder.sqlite")
      yield* playedLadder(file)
      const notPostgres = yield* Effect.flip(copyDatabase(file, join(tmpdir(), "other.sqlite")))
      expect(notPostgres.message).toMatch(/--to must be a PostgreSQL URL/)
      const url = yield* scratchPostgresDatabase(adminUrl)
      yield* copyDatabase(file, url)
      const again = yield* Effect.flip(copyDatabase(file, url))
      expect(again.message).toMatch(
        /^the target is not empty \(\w+ has \d+ rows\): copy into a new database$/
      )
    }).pipe(Effect.scoped)
  )
})
