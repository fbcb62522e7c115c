import { describe, expect, it, layer } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Cause, Clock, Effect, Exit, Fiber, Layer, Metric, Ref, TestClock } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { noFilters, queryLeaderboard } from "../../src/domain/Leaderboard.js"
import { assignRanks } from "../../src/domain/Rank.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../../src/ladder/DomainEvents.js"
import { Leaderboard, leaderboardComputations, leaderboardPatches } from "../../src/ladder/Leaderboard.js"
import { readRankedLadder } from "../../src/ladder/readRankedLadder.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { RatingsRepo } from "../../src/ladder/RatingsRepo.js"
import { backends, type DatabaseLayer } from "../support/backends.js"
import { testCore } from "../support/layers.js"
import { ladderRows } from "../support/rankedLadder.js"

const DAY = 86_400_000
const NOW = 1000 * DAY
const uid = (n: number) => Snowflake.make(`3${String(n).padStart(17, "0")}`)

/** Players 1…n, each with a Brood War and a StarCraft II rating, some idle for longer than 14 days. */
const seed = (n: number, now = NOW) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const players = yield* PlayersRepo
    for (let i = 1; i <= n; i++) {
      yield* players.ensure(uid(i), `player${i}`)
      yield* players.updateSettings(
        uid(i),
        { playerName: `Name${i}`, country: i % 3 === 0 ? "KR" : "US" },
        "player"
      )
      for (const [race, offset] of [
        ["bw_zerg", 0],
        ["sc2_terran", 7]
      ] as const) {
        yield* sql`INSERT INTO ratings ${sql.insert({
          discordUid: uid(i),
          race,
          mmr: 1500 + ((i * 37 + offset) % 400),
          gamesPlayed: i % 5 === 0 ? 0 : 3,
          gamesWon: i % 5 === 0 ? 0 : 3,
          lastPlayedAt: i % 5 === 0 ? null : now - ((i * 13 + offset) % 20) * DAY,
          createdAt: 0,
          updatedAt: 0
        })}`
      }
    }
  })

/** Sets one rating's MMR in a transaction that emits MmrChanged after it commits (as a match does). */
const setMmr = (player: number, mmr: number) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents
    yield* events.transactional(
      Effect.gen(function* () {
        yield* sql`UPDATE ratings SET mmr = ${mmr} WHERE discord_uid = ${uid(player)} AND race = 'bw_zerg'`
        yield* events.emit(DomainEvent.MmrChanged({ matchId: null, players: [uid(player)] }))
      })
    )
  })

const mmrShown = (player: number) =>
  Effect.map(
    Effect.flatMap(Leaderboard, (board) => board.snapshot),
    (snapshot) =>
      ladderRows(snapshot.ladder).find((row) => row.discordUid === uid(player) && row.race === "bw_zerg")?.mmr
  )

/** A player's first game of `race`, now: the rating enters the ladder (as a recorded match does). */
const playFirstGame = (player: number, race: "bw_zerg" | "sc2_terran") =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents
    const now = yield* Clock.currentTimeMillis
    yield* events.transactional(
      Effect.gen(function* () {
        yield* sql`UPDATE ratings SET games_played = games_played + 1, games_won = games_won + 1,
                   last_played_at = ${now} WHERE discord_uid = ${uid(player)} AND race = ${race}`
        yield* events.emit(DomainEvent.MmrChanged({ matchId: null, players: [uid(player)] }))
      })
    )
  })

const computations = Effect.map(Metric.value(leaderboardComputations), (state) => state.count)
const patches = Effect.map(Metric.value(leaderboardPatches), (state) => state.count)

const boardLayer = (env: Record<string, string> = {}, database?: DatabaseLayer) =>
  Leaderboard.Default.pipe(Layer.provideMerge(testCore(env, database)))

/** The same suite on every backend: SQLite, and PostgreSQL when a test server is configured. */
for (const backend of backends)
  describe(`Leaderboard (${backend.name})`, () => {
    const patching = backend.name === "sqlite"
    layer(boardLayer({}, backend.database))((it) => {
      it.effect("ranks exactly as the rank rules do over every rating row", () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOW)
          yield* seed(120)
          const board = yield* Leaderboard
          const snapshot = yield* board.snapshot
          const expected = assignRanks(yield* (yield* RatingsRepo).all(), NOW, 14 * DAY).filter(
            (row) => row.globalRank !== null
          )
          expect(
            ladderRows(snapshot.ladder).map((row) => [row.discordUid, row.race, row.globalRank, row.letter])
          ).toEqual(
            expected.map((row) => [row.rating.discordUid, row.rating.race, row.globalRank, row.letter])
          )
          expect(snapshot.ladder.rowAt(0)?.playerName).toMatch(/^Name\d+$/)
          const page = yield* board.query(noFilters)
          expect(page.rows).toHaveLength(40)
          expect(page.totalRows).toBe(expected.length)
          expect(yield* board.rankOf(uid(5), "bw_zerg")).toEqual({ letter: "U", globalRank: null })
        })
      )

      it.effect("shows a player without a player name by their Discord username, read whole or alone", () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const nameShown = Effect.map(
            Effect.flatMap(Leaderboard, (board) => board.snapshot),
            (snapshot) => ladderRows(snapshot.ladder).find((row) => row.discordUid === uid(1))?.playerName
          )
          const rename = (name: string | null) =>
            sql`UPDATE players SET player_name = ${name} WHERE discord_uid = ${uid(1)}`
          yield* rename(null)
          // Older than the TTL: everyone is read again.
          yield* TestClock.adjust("11 minutes")
          expect(yield* nameShown).toBe("player1")
          // A change naming the player: read again alone where patching applies.
          yield* rename("Renamed")
          yield* setMmr(1, 1600)
          expect(yield* nameShown).toBe("Renamed")
          yield* rename(null)
          yield* setMmr(1, 1601)
          expect(yield* nameShown).toBe("player1")
          yield* rename("Name1")
          yield* setMmr(1, 1602)
          expect(yield* nameShown).toBe("Name1")
        })
      )

      it.effect("is not recomputed while nothing changes, nor while nobody reads", () =>
        Effect.gen(function* () {
          const board = yield* Leaderboard
          yield* board.snapshot
          const before = yield* computations
          for (let i = 0; i < 10; i++) yield* board.query(noFilters)
          yield* TestClock.adjust("9 minutes")
          expect(yield* computations).toBe(before)
          yield* setMmr(1, 1999)
          yield* TestClock.adjust("1 hour")
          expect(yield* computations).toBe(before)
        })
      )

      it.effect("shows an MMR change on the very next read, without waiting for any subscriber", () =>
        Effect.gen(function* () {
          yield* setMmr(1, 2345)
          expect(yield* mmrShown(1)).toBe(2345)
          yield* setMmr(1, 1234)
          expect(yield* mmrShown(1)).toBe(1234)
        })
      )

      it.effect("a filtered view pages as the filters say, and shows a change on the very next read", () =>
        Effect.gen(function* () {
          const board = yield* Leaderboard
          const korea = { ...noFilters, races: ["bw_zerg" as const], countries: ["KR"] }
          const expected = queryLeaderboard(
            (yield* board.snapshot).ladder,
            korea,
            { pageSize: 1000, maxPages: 1 },
            new Set()
          )
          const first = yield* board.query(korea)
          expect(first.rows).toEqual(expected.rows.slice(0, 40))
          expect(first.totalRows).toBe(expected.totalRows)
          // Same filters in another order: the same view.
          expect(yield* board.query({ ...korea, countries: ["KR"], races: ["bw_zerg"], page: 1 })).toEqual(
            first
          )
          const koreanBest = expected.rows[0]
          if (koreanBest === undefined) return expect.fail("no Korean Brood War player")
          const player = Number(koreanBest.discordUid.slice(1))
          yield* setMmr(player, 1)
          const after = yield* board.query(korea)
          expect(after.rows[0]?.discordUid).not.toBe(koreanBest.discordUid)
          expect(after.totalRows).toBe(first.totalRows)
          const last = yield* board.query({ ...korea, page: after.totalPages })
          expect(last.rows.at(-1)).toMatchObject({ discordUid: koreanBest.discordUid, mmr: 1 })
        })
      )

      it.effect(
        "recomputes after rating and name/country events, not after preference changes or aborts",
        () =>
          Effect.gen(function* () {
            const board = yield* Leaderboard
            const events = yield* DomainEvents
            const recomputedAfter = <E>(effect: Effect.Effect<void, E>) =>
              Effect.gen(function* () {
                yield* board.snapshot
                const before = yield* computations
                yield* effect
                yield* board.snapshot
                return (yield* computations) - before
              })
            expect(
              yield* recomputedAfter(events.emit(DomainEvent.PreferencesChanged({ discordUid: uid(1) })))
            ).toBe(0)
            expect(yield* recomputedAfter(events.emit(DomainEvent.MatchAborted({ matchId: 1 })))).toBe(0)
            expect(
              yield* recomputedAfter(
                events.emit(DomainEvent.MmrAdjusted({ discordUid: uid(1), race: "bw_zerg" }))
              )
            ).toBe(1)
            const players = yield* PlayersRepo
            expect(
              yield* recomputedAfter(
                Effect.asVoid(players.updateSettings(uid(2), { playerName: "Renamed" }, "player"))
              )
            ).toBe(1)
            expect(
              yield* recomputedAfter(
                Effect.asVoid(players.updateSettings(uid(2), { shieldBatteryAck: true }, "player"))
              )
            ).toBe(0)
            expect(
              ladderRows((yield* board.snapshot).ladder).some((row) => row.playerName === "Renamed")
            ).toBe(true)
          })
      )

      it.effect("recomputes when the 10-minute TTL lapses and someone reads", () =>
        Effect.gen(function* () {
          const board = yield* Leaderboard
          yield* board.snapshot
          const before = yield* computations
          yield* TestClock.adjust("10 minutes")
          yield* board.snapshot
          expect((yield* computations) - before).toBe(1)
        })
      )

      it.effect("never publishes the events of a rolled-back transaction", () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const events = yield* DomainEvents
          const before = yield* events.latestOf(["MmrChanged"])
          const failed = yield* Effect.flip(
            events.transactional(
              Effect.gen(function* () {
                yield* sql`UPDATE ratings SET mmr = 1 WHERE discord_uid = ${uid(1)}`
                yield* events.emit(DomainEvent.MmrChanged({ matchId: null, players: [uid(1)] }))
                return yield* Effect.fail("boom")
              })
            )
          )
          expect(failed).toBe("boom")
          expect(yield* events.latestOf(["MmrChanged"])).toBe(before)
          expect(yield* mmrShown(1)).toBe(1234)
        })
      )

      it.effect(
        "patches the players events name into the last snapshot, exactly as reading everyone shows them",
        () =>
          Effect.gen(function* () {
            const board = yield* Leaderboard
            const players = yield* PlayersRepo
            yield* board.snapshot
            const before = { computed: yield* computations, patched: yield* patches }
            for (let i = 0; i < 40; i++) {
              const player = 1 + ((i * 37) % 120)
              if (i % 5 === 4) {
                yield* players.updateSettings(
                  uid(player),
                  { playerName: `Renamed${i}`, country: i % 2 === 0 ? "DE" : "KR" },
                  "player"
                )
              } else if (i % 5 === 2) {
                // Players 5, 10, … have not played: their rating enters the ladder.
                yield* playFirstGame(5 * (1 + (i % 24)), i % 2 === 0 ? "bw_zerg" : "sc2_terran")
              } else {
                yield* setMmr(player, 1300 + ((i * 53) % 500))
              }
              const snapshot = yield* board.snapshot
              const whole = ladderRows(yield* readRankedLadder(snapshot.since))
              expect(ladderRows(snapshot.ladder)).toEqual(whole)
              const row = whole.find((shown) => shown.discordUid === uid(player) && shown.race === "bw_zerg")
              expect(yield* board.rankOf(uid(player), "bw_zerg")).toEqual(
                row === undefined
                  ? { letter: "U", globalRank: null }
                  : { letter: row.letter, globalRank: row.globalRank }
              )
            }
            expect((yield* computations) - before.computed).toBe(40)
            // On PostgreSQL, processes share events through the database, and this one cannot know
            // them all: every computation reads everyone.
            expect((yield* patches) - before.patched).toBe(patching ? 40 : 0)
          })
      )

      it.effect("reads everyone again for too many players, too many events, or an old base", () =>
        Effect.gen(function* () {
          const board = yield* Leaderboard
          const events = yield* DomainEvents
          const wholeReadsAfter = <E, R>(effect: Effect.Effect<void, E, R>) =>
            Effect.gen(function* () {
              yield* board.snapshot
              const before = (yield* computations) - (yield* patches)
              yield* effect
              yield* board.snapshot
              return (yield* computations) - (yield* patches) - before
            })
          expect(yield* wholeReadsAfter(setMmr(1, 1444))).toBe(patching ? 0 : 1)
          const many = Effect.forEach(
            Array.from({ length: 257 }, (_, n) => uid(1000 + n)),
            (discordUid) => events.emit(DomainEvent.PlayerUpdated({ discordUid, settings: ["country"] })),
            { discard: true }
          )
          expect(yield* wholeReadsAfter(many)).toBe(1)
          const unrelated = Effect.forEach(
            Array.from({ length: 600 }, (_, n) => uid(1000 + n)),
            (discordUid) => events.emit(DomainEvent.PreferencesChanged({ discordUid })),
            { discard: true }
          )
          expect(yield* wholeReadsAfter(Effect.zipRight(unrelated, setMmr(1, 1445)))).toBe(1)
          expect(
            yield* wholeReadsAfter(Effect.zipRight(TestClock.adjust("9 minutes"), setMmr(1, 1446)))
          ).toBe(patching ? 0 : 1)
          expect(
            yield* wholeReadsAfter(Effect.zipRight(TestClock.adjust("2 minutes"), setMmr(1, 1447)))
          ).toBe(1)
          expect(yield* mmrShown(1)).toBe(1447)
        })
      )

      it.effect("treats a rating row that does not match as a defect, naming the row", () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          /** The snapshot read after `change` while one of player 1's ratings has an unknown race. */
          const readWithBadRace = <E, R>(change: Effect.Effect<void, E, R>) =>
            Effect.gen(function* () {
              yield* sql`UPDATE ratings SET race = 'zerg' WHERE discord_uid = ${uid(1)} AND race = 'sc2_terran'`
              yield* change
              const exit = yield* Effect.exit((yield* Leaderboard).snapshot)
              yield* sql`UPDATE ratings SET race = 'sc2_terran' WHERE discord_uid = ${uid(1)} AND race = 'zerg'`
              return exit
            })
          // A change of player 1 (read again alone, where patching applies) and a whole read (the
          // snapshot older than the TTL).
          const changes = [setMmr(1, 1234), TestClock.adjust("11 minutes")]
          for (const change of changes) {
            const exit = yield* readWithBadRace(change)
            expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
            // Either form of the row: a row read alone, or a record of the whole ladder's text.
            expect(Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "").toMatch(
              new RegExp(
                `a rating read for the leaderboard does not match: (\\["${uid(1)}","zerg"|"${uid(1)},zerg,)`
              )
            )
            yield* setMmr(1, 1234)
            expect(yield* mmrShown(1)).toBe(1234)
          }
        })
      )
    })

    it.live(
      "never shows an MMR older than the last acknowledged change, under interleaved commits and reads",
      () =>
        Effect.gen(function* () {
          yield* seed(600, yield* Clock.currentTimeMillis)
          const acknowledged = yield* Ref.make(1500)
          const stale = yield* Ref.make<ReadonlyArray<string>>([])
          const reader = Effect.gen(function* () {
            for (;;) {
              const mustSee = yield* Ref.get(acknowledged)
              const seen = yield* mmrShown(1)
              if (seen === undefined || seen < mustSee) {
                yield* Ref.update(stale, (found) => [
                  ...found,
                  `saw ${seen} after ${mustSee} was acknowledged`
                ])
              }
              yield* Effect.yieldNow()
            }
          })
          const readers = yield* Effect.forkAll([reader, reader, reader])
          for (let mmr = 1501; mmr <= 1700; mmr++) {
            yield* setMmr(1, mmr)
            yield* Ref.set(acknowledged, mmr)
            expect(yield* mmrShown(1)).toBe(mmr)
            yield* Effect.yieldNow()
          }
          yield* Fiber.interrupt(readers)
          expect(yield* Ref.get(stale)).toEqual([])
        }).pipe(
          Effect.provide(
            backend.name === "sqlite"
              ? boardLayer({
                  EVOLADDER_DB: join(mkdtempSync(join(tmpdir(), "evoladder-board-")), "ladder.sqlite")
                })
              : boardLayer({}, backend.database)
          )
        )
    )
  })
