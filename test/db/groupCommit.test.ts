import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Exit } from "effect"
import { DatabaseTest } from "../../src/db/Database.js"
import { makeGroupCommit } from "../../src/db/groupCommit.js"

const setUp = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)`
  const submit = yield* makeGroupCommit(64)
  const insert = (note: { readonly id: number; readonly text: string }) =>
    submit(Effect.as(sql`INSERT INTO notes (id, text) VALUES (${note.id}, ${note.text})`, note.id))
  const stored = Effect.map(sql<{ readonly id: number }>`SELECT id FROM notes ORDER BY id`, (rows) =>
    rows.map((row) => row.id)
  )
  return { insert, stored }
})

describe("group commit", () => {
  it.scoped("gives each submitter its own write's result, one after another or together", () =>
    Effect.gen(function* () {
      const { insert, stored } = yield* setUp
      expect(yield* insert({ id: 1, text: "alone" })).toBe(1)
      const together = yield* Effect.all(
        [2, 3, 4, 5].map((id) => insert({ id, text: "together" })),
        { concurrency: "unbounded" }
      )
      expect(together).toEqual([2, 3, 4, 5])
      expect(yield* stored).toEqual([1, 2, 3, 4, 5])
    }).pipe(Effect.provide(DatabaseTest))
  )

  it.scoped("writes submitted together share one transaction: one failure undoes them all", () =>
    Effect.gen(function* () {
      const { insert, stored } = yield* setUp
      yield* insert({ id: 1, text: "first" })
      // Id 1 again fails; the three others went into the same transaction and are rolled back.
      const exits = yield* Effect.all(
        [2, 1, 3, 4].map((id) => Effect.exit(insert({ id, text: "batch" }))),
        { concurrency: "unbounded" }
      )
      expect(exits.map(Exit.isFailure)).toEqual([true, true, true, true])
      expect(yield* stored).toEqual([1])
      // The next write is a transaction of its own again.
      expect(yield* insert({ id: 2, text: "later" })).toBe(2)
      expect(yield* stored).toEqual([1, 2])
    }).pipe(Effect.provide(DatabaseTest))
  )

  it.scoped("a write submitted inside a transaction is part of that transaction", () =>
    Effect.gen(function* () {
      const { insert, stored } = yield* setUp
      const sql = yield* SqlClient.SqlClient
      const rolledBack = yield* Effect.exit(
        sql.withTransaction(
          Effect.zipRight(insert({ id: 1, text: "inside" }), Effect.fail("changed my mind"))
        )
      )
      expect(Exit.isFailure(rolledBack)).toBe(true)
      expect(yield* stored).toEqual([])
    }).pipe(Effect.provide(DatabaseTest))
  )
})
