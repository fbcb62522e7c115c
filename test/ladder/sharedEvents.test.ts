/**
 * Two processes on one PostgreSQL database, as a gateway and a replay worker are: each is a whole
 * stack of its own (pool, LISTEN connection, DomainEvents, Leaderboard cache) built twice in this
 * test process. A rating one commits is on the other's very next leaderboard read (the database's
 * event counters, not a message, decide), the events reach the other's subscribers, and a rolled-back
 * transaction shows nowhere. Skipped without a test server (see support/backends.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Clock, type Context, Effect, Layer, Queue } from "effect"
import { databaseLayer } from "../../src/db/Database.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../../src/ladder/DomainEvents.js"
import { Leaderboard } from "../../src/ladder/Leaderboard.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { postgresAdminUrl, scratchPostgresDatabase } from "../support/backends.js"
import { testCore } from "../support/layers.js"
import { ladderRows } from "../support/rankedLadder.js"

const PLAYER = Snowflake.make("500000000000000001")

const processOn = (url: string) =>
  Leaderboard.Default.pipe(Layer.provideMerge(testCore({}, databaseLayer(url))))

type Process = Context.Context<Layer.Layer.Success<ReturnType<typeof processOn>>>

const setMmr = (mmr: number, fail = false) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents
    yield* events.transactional(
      Effect.gen(function* () {
        yield* sql`UPDATE ratings SET mmr = ${mmr} WHERE discord_uid = ${PLAYER}`
        yield* events.emit(DomainEvent.MmrChanged({ matchId: 7, players: [PLAYER] }))
        yield* events.emit(DomainEvent.MatchCompleted({ matchId: 7 }))
        if (fail) return yield* Effect.fail("rolled back")
      })
    )
  })

const mmrShown = Effect.map(
  Effect.flatMap(Leaderboard, (board) => board.snapshot),
  (snapshot) => ladderRows(snapshot.ladder).find((row) => row.discordUid === PLAYER)?.mmr
)

const seed = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* (yield* PlayersRepo).ensure(PLAYER, "player")
  yield* sql`INSERT INTO ratings ${sql.insert({
    discordUid: PLAYER,
    race: "bw_zerg",
    mmr: 1500,
    gamesPlayed: 1,
    gamesWon: 1,
    lastPlayedAt: yield* Clock.currentTimeMillis,
    createdAt: 0,
    updatedAt: 0
  })}`
})

const inside =
  (process: Process) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provide(effect, process)

describe.skipIf(postgresAdminUrl === undefined)("domain events between processes on PostgreSQL", () => {
  const adminUrl = postgresAdminUrl ?? ""

  it.live(
    "what one process commits is on the other's next leaderboard read, and its events reach the other's subscribers",
    () =>
      Effect.gen(function* () {
        const url = yield* scratchPostgresDatabase(adminUrl)
        const gateway = inside(yield* Layer.build(processOn(url)))
        const worker = inside(yield* Layer.build(processOn(url)))
        yield* gateway(seed)
        const subscribe = Effect.flatMap(DomainEvents, (events) => events.subscribe)
        const heardByWorker = yield* worker(subscribe)
        const heardByGateway = yield* gateway(subscribe)
        expect(yield* gateway(mmrShown)).toBe(1500)
        expect(yield* worker(mmrShown)).toBe(1500)

        yield* gateway(setMmr(1777))
        // No waiting for any message: the worker's next read already sees it.
        expect(yield* worker(mmrShown)).toBe(1777)
        yield* gateway(Effect.either(setMmr(1, true)))
        yield* gateway(setMmr(1800))
        expect(yield* worker(mmrShown)).toBe(1800)

        const committed = [
          { _tag: "MmrChanged", matchId: 7, players: [PLAYER] },
          { _tag: "MatchCompleted", matchId: 7 }
        ]
        const arrived = yield* Effect.forEach([1, 2, 3, 4], () => Queue.take(heardByWorker)).pipe(
          Effect.timeout("10 seconds")
        )
        expect(arrived.map(({ event }) => event)).toEqual([...committed, ...committed])
        // Nothing from the rolled-back transaction, and the gateway does not hear its own events twice.
        yield* Effect.sleep("300 millis")
        expect(yield* Queue.size(heardByWorker)).toBe(0)
        expect(yield* Queue.size(heardByGateway)).toBe(4)
      }).pipe(Effect.scoped),
    60_000
  )
})
