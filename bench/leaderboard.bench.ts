/**
 * `leaderboard`: the ranked snapshot on a file-backed SQLite database with 1k, 10k and 100k rating
 * rows (half of them active): the cold computation, a warm page read with and without filters (paging
 * through one filtered view; and the first read of a filter on a snapshot), and the next read after
 * an MMR change (invalidate → recompute, which patches the changed player into the last snapshot).
 */
import { NodeContext } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import { ConfigProvider, Effect, Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AppConfig, appConfig } from "../src/config.js"
import { sqliteLayer } from "../src/db/Database.js"
import { noFilters } from "../src/domain/Leaderboard.js"
import { raceCodes } from "../src/domain/Race.js"
import { Snowflake } from "../src/domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../src/ladder/DomainEvents.js"
import { LadderData } from "../src/ladder/LadderData.js"
import { Leaderboard } from "../src/ladder/Leaderboard.js"
import { median, type Bench } from "./Bench.js"

const DAY = 86_400_000
const COUNTRIES = ["US", "KR", "DE", "FR", "CN", "BR", "XX", "TG"]

/** A deterministic pseudo-random sequence (mulberry32), so every run benches the same data. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const seed = (rows: number, now: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const next = random(rows)
    const playerCount = Math.ceil(rows / raceCodes.length)
    yield* sql.withTransaction(
      Effect.gen(function* () {
        for (let p = 0; p < playerCount; p++) {
          const uid = `5${String(p).padStart(17, "0")}`
          yield* sql`INSERT INTO players ${sql.insert({
            discordUid: uid,
            discordUsername: `user${p}`,
            playerName: `Player${p}`,
            country: COUNTRIES[p % COUNTRIES.length] ?? "US",
            remainingAborts: 3,
            abortsMonth: "2026-11",
            createdAt: 0,
            updatedAt: 0
          })}`
          for (const race of raceCodes) {
            if (p * raceCodes.length + raceCodes.indexOf(race) >= rows) break
            const active = next() < 0.5
            yield* sql`INSERT INTO ratings ${sql.insert({
              discordUid: uid,
              race,
              mmr: Math.round(1000 + next() * 1500),
              gamesPlayed: 5,
              gamesWon: 3,
              gamesLost: 2,
              lastPlayedAt: Math.round(now - (active ? next() * 13 : 15 + next() * 60) * DAY),
              createdAt: 0,
              updatedAt: 0
            })}`
          }
        }
      })
    )
  })

const time = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const started = performance.now()
    yield* effect
    return performance.now() - started
  })

const measure = (rows: number) =>
  Effect.gen(function* () {
    const now = Date.UTC(2026, 10, 29)
    yield* seed(rows, now)
    const board = yield* Leaderboard
    const events = yield* DomainEvents
    const cold = yield* time(board.snapshot)
    const warm: Array<number> = []
    const filtered: Array<number> = []
    const filters = { ...noFilters, races: raceCodes.slice(0, 2), countries: ["KR", "ZZ"] }
    for (let i = 0; i < 200; i++) {
      warm.push(yield* time(board.query({ ...noFilters, page: 1 + (i % 25) })))
      // Paging through one filtered view: the snapshot's filtered list is reused after the first page.
      filtered.push(yield* time(board.query({ ...filters, page: 1 + (i % 25) })))
    }
    // A filter not seen on this snapshot yet: one pass over every row.
    const firstFiltered: Array<number> = []
    for (const race of raceCodes) {
      firstFiltered.push(yield* time(board.query({ ...noFilters, races: [race], countries: ["KR", "ZZ"] })))
    }
    const invalidated: Array<number> = []
    for (let i = 0; i < 5; i++) {
      yield* events.emit(
        DomainEvent.MmrAdjusted({ discordUid: Snowflake.make("500000000000000000"), race: "bw_zerg" })
      )
      invalidated.push(yield* time(board.query(noFilters)))
    }
    return {
      cold,
      warm: median(warm),
      filtered: median(filtered),
      firstFiltered: median(firstFiltered),
      invalidated: median(invalidated)
    }
  })

const layerFor = (rows: number) => {
  const file = join(mkdtempSync(join(tmpdir(), "evoladder-bench-")), `board-${rows}.sqlite`)
  const config = Layer.effect(
    AppConfig,
    Effect.withConfigProvider(Effect.map(appConfig, AppConfig.make), ConfigProvider.fromMap(new Map()))
  )
  return Leaderboard.Default.pipe(
    Layer.provideMerge(Layer.mergeAll(DomainEvents.Default, LadderData.Default)),
    Layer.provideMerge(sqliteLayer(file)),
    Layer.provideMerge(Layer.merge(config, NodeContext.layer))
  )
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits))

const bench: Bench = {
  name: "leaderboard",
  run: Effect.gen(function* () {
    const sizes = [1_000, 10_000, 100_000] as const
    const results = []
    for (const rows of sizes) results.push(yield* Effect.provide(measure(rows), layerFor(rows)))
    const [small, medium, large] = results
    if (small === undefined || medium === undefined || large === undefined) return []
    return [
      { metric: "cold_ms_1k", value: round(small.cold), unit: "ms" },
      { metric: "cold_ms_10k", value: round(medium.cold), unit: "ms" },
      { metric: "cold_ms_100k", value: round(large.cold), unit: "ms" },
      { metric: "warm_read_us", value: round(large.warm * 1000, 1), unit: "µs" },
      { metric: "warm_filtered_read_us", value: round(large.filtered * 1000, 1), unit: "µs" },
      { metric: "first_filtered_read_us", value: round(large.firstFiltered * 1000, 1), unit: "µs" },
      { metric: "invalidate_to_read_ms", value: round(large.invalidated), unit: "ms" }
    ]
  })
}

export default bench
