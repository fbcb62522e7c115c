import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, TestClock } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { nextWaveAt, Matchmaker } from "../../src/ladder/Matchmaker.js"
import { MatchService } from "../../src/ladder/matches/MatchService.js"
import { MatchDeadlines } from "../../src/ladder/matches/MatchDeadlines.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { QueueRepo } from "../../src/ladder/queue/QueueRepo.js"
import { runningLadderLayer, playerId, registered } from "../support/ladder.js"

const T0 = Date.UTC(2026, 10, 29, 12, 0, 10)

/** Lets forked fibers (the matchmaker loop, event subscribers) catch up. */
const settle = Effect.repeatN(Effect.yieldNow(), 50)

const openMatches = Effect.flatMap(MatchService, (matches) => matches.open())

const queueTwo = Effect.gen(function* () {
  const queue = yield* QueueRepo
  yield* registered(1, "NAW")
  yield* registered(2, "EUW")
  yield* queue.join(playerId(1), {
    bwRace: "bw_protoss",
    sc2Race: null,
    vetoes: ["Khione SEL", "Mothership LE"]
  })
  yield* queue.join(playerId(2), {
    bwRace: null,
    sc2Race: "sc2_zerg",
    vetoes: ["Ruby Rock LE", "Keres Passage SEL", "Celestial Enclave LE", "[SC:Evo] Radeon (라데온)"]
  })
})

describe("Matchmaker", () => {
  it("schedules waves at multiples of 45 s since the epoch", () => {
    expect(nextWaveAt(0, 45_000)).toBe(45_000)
    expect(nextWaveAt(44_999, 45_000)).toBe(45_000)
    expect(nextWaveAt(45_000, 45_000)).toBe(90_000)
  })

  it.scoped("does nothing while the queue is empty, then pairs at the next wave boundary", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const matchmaker = yield* Matchmaker
      yield* TestClock.adjust("10 minutes")
      expect(yield* matchmaker.nextWaveAt).toBeNull()
      expect(yield* openMatches).toEqual([])

      yield* queueTwo
      yield* settle
      const boundary = nextWaveAt(T0 + 600_000, 45_000)
      expect(yield* matchmaker.nextWaveAt).toBe(boundary)
      yield* TestClock.setTime(boundary - 1)
      expect(yield* openMatches).toEqual([])
      yield* TestClock.setTime(boundary)
      yield* settle
      const [match] = yield* openMatches
      expect(match).toMatchObject({
        status: "awaiting_confirmation",
        player1Race: "bw_protoss",
        player2Race: "sc2_zerg",
        server: "USE",
        createdAt: boundary
      })
      expect([
        "[SC:Evo] Holy World (홀리월드)",
        "[SC:Evo] Sylphid (실피드)",
        "[SC:Evo] Vermeer (버미어)"
      ]).toContain(match?.mapName)
      expect(yield* (yield* QueueRepo).isEmpty).toBe(true)
      yield* settle
      expect(yield* matchmaker.nextWaveAt).toBeNull()
    }).pipe(Effect.provide(runningLadderLayer()))
  )

  it.scoped("abandons an unconfirmed match when its 60 s run out", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      yield* Matchmaker
      yield* queueTwo
      yield* settle
      yield* TestClock.adjust("45 seconds")
      yield* settle
      const [match] = yield* openMatches
      if (match === undefined) return yield* Effect.die("no match")
      yield* (yield* MatchService).confirm(match.id, playerId(1))
      yield* TestClock.setTime(match.createdAt + 59_000)
      yield* settle
      expect((yield* openMatches).map((m) => m.status)).toEqual(["awaiting_confirmation"])
      yield* TestClock.setTime(match.createdAt + 60_000)
      yield* settle
      expect(yield* openMatches).toEqual([])
      const found = Option.getOrThrow(yield* (yield* MatchService).find(match.id))
      expect([found.status, found.player1Report, found.player2Report]).toEqual(["abandoned", null, -4])
    }).pipe(Effect.provide(runningLadderLayer()))
  )

  it.scoped("takes a player out of the queue after 2.5 hours of searching", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      yield* Matchmaker
      const queue = yield* QueueRepo
      yield* registered(1)
      yield* queue.join(playerId(1), { bwRace: "bw_zerg", sc2Race: null, vetoes: [] })
      yield* TestClock.adjust("149 minutes")
      expect(yield* queue.isEmpty).toBe(false)
      yield* TestClock.adjust("1 minute")
      expect(yield* queue.isEmpty).toBe(true)
      const player = Option.getOrThrow(yield* (yield* PlayersRepo).findByUid(playerId(1)))
      expect(player.state).toBe("idle")
    }).pipe(Effect.provide(runningLadderLayer()))
  )

  it.effect("re-arms the deadlines of open matches after a restart", () =>
    Effect.gen(function* () {
      const file = join(mkdtempSync(join(tmpdir(), "evoladder-restart-")), "ladder.sqlite")
      const layer = runningLadderLayer({ EVOLADDER_DB: file })
      yield* TestClock.setTime(T0)
      // First life: two players are paired, then the process stops before anyone confirms.
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(layer)
          yield* Effect.provide(
            Effect.gen(function* () {
              yield* queueTwo
              yield* (yield* Matchmaker).wave
            }),
            context
          )
        })
      )
      // Second life: the deadline is armed again from the database and fires.
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(layer)
          yield* Effect.provide(
            Effect.gen(function* () {
              expect(yield* (yield* MatchDeadlines).pending).toBe(1)
              yield* TestClock.adjust("60 seconds")
              yield* settle
              const [abandoned] = yield* Effect.flatMap(MatchService, (m) =>
                Effect.map(m.find(1), Option.toArray)
              )
              expect(abandoned?.status).toBe("abandoned")
            }),
            context
          )
        })
      )
    })
  )
})
