import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Option, TestClock } from "effect"
import { MatchService } from "../../../src/ladder/matches/MatchService.js"
import { PlayersRepo } from "../../../src/ladder/PlayersRepo.js"
import { QueueRepo } from "../../../src/ladder/queue/QueueRepo.js"
import { RatingsRepo } from "../../../src/ladder/RatingsRepo.js"
import { ladderLayer, pairedMatch, playerId, registered } from "../../support/ladder.js"
import { backends } from "../../support/backends.js"

const NOV = Date.UTC(2026, 10, 20)

const matchOf = (id: number) =>
  Effect.flatMap(MatchService, (matches) => Effect.map(matches.find(id), Option.getOrThrow))

const stateOf = (n: number) =>
  Effect.flatMap(PlayersRepo, (players) =>
    Effect.map(players.findByUid(playerId(n)), (p) =>
      Option.map(p, (player) => [player.state, player.currentMatchId])
    )
  )

const refusal = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (error) => ("reason" in error ? error.reason : error._tag))

const confirmBoth = (id: number, a: number, b: number) =>
  Effect.flatMap(MatchService, (matches) =>
    Effect.zipRight(matches.confirm(id, playerId(a)), matches.confirm(id, playerId(b)))
  )

/** The same suite on every backend: SQLite, and PostgreSQL when a test server is configured. */
for (const backend of backends)
  describe(`MatchService (${backend.name})`, () => {
    it.effect("a wave's pairing becomes a match: players in_match, queue emptied, 60 s to confirm", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* pairedMatch(1, 2)
        const match = yield* matchOf(id)
        expect(match).toMatchObject({ status: "awaiting_confirmation", confirmDeadlineAt: NOV + 60_000 })
        expect(yield* stateOf(1)).toEqual(Option.some(["in_match", id]))
        expect(yield* (yield* QueueRepo).isEmpty).toBe(true)
      }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect("both confirm → in progress with a 24 h report deadline; a second confirm is refused", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* pairedMatch(1, 2)
        const matches = yield* MatchService
        expect(yield* matches.confirm(id, playerId(1))).toEqual({ both: false })
        expect(yield* refusal(matches.confirm(id, playerId(1)))).toBe("already_confirmed")
        expect(yield* refusal(matches.confirm(id, playerId(3)))).toBe("not_a_player")
        expect(yield* matches.confirm(id, playerId(2))).toEqual({ both: true })
        const match = yield* matchOf(id)
        expect(match).toMatchObject({
          status: "in_progress",
          confirmedAt: NOV,
          reportDeadlineAt: NOV + 86_400_000
        })
        expect(yield* refusal(matches.abort(id, playerId(1)))).toBe("not_awaiting_confirmation")
      }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect(
      "agreeing reports complete the match with the reference's Elo, counters, history; both idle",
      () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOV)
          const id = yield* pairedMatch(1, 2)
          const matches = yield* MatchService
          yield* confirmBoth(id, 1, 2)
          expect((yield* matches.report(id, playerId(1), 1))._tag).toBe("Waiting")
          expect(yield* refusal(matches.report(id, playerId(1), 1))).toBe("already_reported")
          expect((yield* matches.report(id, playerId(2), 1))._tag).toBe("Agreed")
          const match = yield* matchOf(id)
          expect(match).toMatchObject({
            status: "completed",
            result: 1,
            player1MmrChange: 20,
            player2MmrChange: -20
          })
          const ratings = yield* RatingsRepo
          const winner = Option.getOrThrow(yield* ratings.find(playerId(1), "bw_zerg"))
          const loser = Option.getOrThrow(yield* ratings.find(playerId(2), "sc2_terran"))
          expect(winner).toMatchObject({ mmr: 1520, gamesPlayed: 1, gamesWon: 1, lastPlayedAt: NOV })
          expect(loser).toMatchObject({ mmr: 1480, gamesPlayed: 1, gamesLost: 1 })
          const sql = yield* SqlClient.SqlClient
          expect(yield* sql`SELECT discord_uid, mmr_before, mmr_after FROM mmr_history ORDER BY id`).toEqual([
            { discordUid: playerId(1), mmrBefore: 1500, mmrAfter: 1520 },
            { discordUid: playerId(2), mmrBefore: 1500, mmrAfter: 1480 }
          ])
          expect(yield* stateOf(1)).toEqual(Option.some(["idle", null]))
          expect(yield* stateOf(2)).toEqual(Option.some(["idle", null]))
          expect(yield* refusal(matches.report(id, playerId(2), 2))).toBe("not_in_progress")
        }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect("different reports are a conflict: no MMR change, both players released", () =>
      Effect.gen(function* () {
        const id = yield* pairedMatch(1, 2)
        const matches = yield* MatchService
        yield* confirmBoth(id, 1, 2)
        yield* matches.report(id, playerId(1), 1)
        expect((yield* matches.report(id, playerId(2), 2))._tag).toBe("Conflict")
        expect((yield* matchOf(id)).status).toBe("conflict")
        expect(Option.getOrThrow(yield* (yield* RatingsRepo).find(playerId(1), "bw_zerg")).mmr).toBe(1500)
        expect(yield* stateOf(2)).toEqual(Option.some(["idle", null]))
      }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect(
      "abort before confirming: one abort spent, -3/-1, both released; a second abort is refused",
      () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOV)
          const id = yield* pairedMatch(1, 2)
          const matches = yield* MatchService
          expect(yield* matches.abort(id, playerId(2))).toEqual({ remainingAborts: 2 })
          expect(yield* matchOf(id)).toMatchObject({
            status: "aborted",
            abortedByUid: playerId(2),
            player1Report: -1,
            player2Report: -3
          })
          expect(yield* refusal(matches.abort(id, playerId(1)))).toBe("not_awaiting_confirmation")
          expect(yield* refusal(matches.confirm(id, playerId(1)))).toBe("not_awaiting_confirmation")
          expect(yield* stateOf(1)).toEqual(Option.some(["idle", null]))
          const player2 = Option.getOrThrow(yield* (yield* PlayersRepo).findByUid(playerId(2)))
          expect([player2.remainingAborts, player2.abortsMonth]).toEqual([2, "2026-11"])
        }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect("the abort budget is 3 per calendar month and refills in the next month", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const matches = yield* MatchService
        for (let round = 0; round < 3; round++) {
          const id = yield* pairedMatch(1, 10 + round)
          yield* matches.abort(id, playerId(1))
        }
        const fourth = yield* pairedMatch(1, 20)
        expect(yield* refusal(matches.abort(fourth, playerId(1)))).toBe("no_aborts_left")
        yield* TestClock.setTime(Date.UTC(2026, 11, 1))
        expect(yield* matches.abort(fourth, playerId(1))).toEqual({ remainingAborts: 2 })
      }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect("the confirmation window lapses: abandoned at no cost, -4 for whoever did not confirm", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* pairedMatch(1, 2)
        const matches = yield* MatchService
        yield* matches.confirm(id, playerId(1))
        expect(yield* matches.expireConfirmation(id)).toBe(false)
        yield* TestClock.adjust("60 seconds")
        expect(yield* matches.expireConfirmation(id)).toBe(true)
        expect(yield* matchOf(id)).toMatchObject({
          status: "abandoned",
          player1Report: null,
          player2Report: -4
        })
        expect(Option.getOrThrow(yield* (yield* PlayersRepo).findByUid(playerId(2))).remainingAborts).toBe(3)
        expect(yield* stateOf(2)).toEqual(Option.some(["idle", null]))
        expect(yield* matches.expireConfirmation(id)).toBe(false)
      }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect(
      "after 24 h a lone report stands; with none the match is unreported and players are freed",
      () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOV)
          const matches = yield* MatchService
          const lone = yield* pairedMatch(1, 2)
          const silent = yield* pairedMatch(3, 4)
          yield* confirmBoth(lone, 1, 2)
          yield* confirmBoth(silent, 3, 4)
          yield* matches.report(lone, playerId(2), 2)
          expect(yield* matches.expireReports(lone)).toBe("not_due")
          yield* TestClock.adjust("24 hours")
          expect(yield* matches.expireReports(lone)).toBe("lone_report_stands")
          expect(yield* matchOf(lone)).toMatchObject({ status: "completed", result: 2, player2MmrChange: 20 })
          expect(yield* matches.expireReports(silent)).toBe("unreported")
          expect((yield* matchOf(silent)).status).toBe("unreported")
          expect(yield* stateOf(3)).toEqual(Option.some(["idle", null]))
        }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    it.effect("a verified replay reports for both; a player who reported otherwise makes it a conflict", () =>
      Effect.gen(function* () {
        const matches = yield* MatchService
        const agreed = yield* pairedMatch(1, 2)
        yield* confirmBoth(agreed, 1, 2)
        expect(yield* matches.reportFromReplay(agreed, 0)).toEqual({ _tag: "Agreed", result: 0 })
        expect(yield* matchOf(agreed)).toMatchObject({ status: "completed", result: 0, player1MmrChange: 0 })
        const disputed = yield* pairedMatch(3, 4)
        yield* confirmBoth(disputed, 3, 4)
        yield* matches.report(disputed, playerId(4), 2)
        expect((yield* matches.reportFromReplay(disputed, 1))._tag).toBe("Conflict")
      }).pipe(Effect.provide(ladderLayer({}, backend.database)))
    )

    describe("the reference's race conditions cannot happen (§8.4 test_race_conditions.py)", () => {
      it.effect("abort vs completion, double abort, and two reports at once", () =>
        Effect.gen(function* () {
          const matches = yield* MatchService
          const id = yield* pairedMatch(1, 2)
          const aborts = yield* Effect.all(
            [Effect.either(matches.abort(id, playerId(1))), Effect.either(matches.abort(id, playerId(2)))],
            { concurrency: "unbounded" }
          )
          expect(aborts.filter((result) => result._tag === "Right")).toHaveLength(1)
          const aborted = yield* matchOf(id)
          const players = yield* PlayersRepo
          const spent = yield* Effect.forEach([1, 2], (n) =>
            Effect.map(players.findByUid(playerId(n)), (p) => Option.getOrThrow(p).remainingAborts)
          )
          expect(spent.sort()).toEqual([2, 3])
          expect(aborted.status).toBe("aborted")

          const played = yield* pairedMatch(3, 4)
          yield* confirmBoth(played, 3, 4)
          const reports = yield* Effect.all(
            [
              Effect.either(matches.report(played, playerId(3), 1)),
              Effect.either(matches.report(played, playerId(4), 1))
            ],
            { concurrency: "unbounded" }
          )
          expect(reports.every((result) => result._tag === "Right")).toBe(true)
          expect(yield* matchOf(played)).toMatchObject({ status: "completed", result: 1 })
          const sql = yield* SqlClient.SqlClient
          expect(yield* sql`SELECT count(*) AS n FROM mmr_history WHERE match_id = ${played}`).toEqual([
            { n: 2 }
          ])
        }).pipe(Effect.provide(ladderLayer({}, backend.database)))
      )

      it.effect("no queueing while in a match, no second join while queueing", () =>
        Effect.gen(function* () {
          const queue = yield* QueueRepo
          const id = yield* pairedMatch(1, 2)
          const inMatch = yield* Effect.flip(
            queue.join(playerId(1), { bwRace: "bw_terran", sc2Race: null, vetoes: [] })
          )
          expect(inMatch).toMatchObject({ _tag: "CannotQueue", state: "in_match", matchId: id })
          yield* registered(5)
          yield* queue.join(playerId(5), { bwRace: "bw_terran", sc2Race: "sc2_zerg", vetoes: ["Khione SEL"] })
          const twice = yield* Effect.flip(
            queue.join(playerId(5), { bwRace: "bw_terran", sc2Race: null, vetoes: [] })
          )
          expect(twice).toMatchObject({ _tag: "CannotQueue", state: "queueing" })
          expect(
            (yield* queue.entries()).map((entry) => [entry.discordUid, entry.bwMmr, entry.sc2Mmr])
          ).toEqual([[playerId(5), 1500, 1500]])
          expect(yield* queue.leave(playerId(5), "cancelled")).toBe(true)
          expect(yield* queue.leave(playerId(5), "cancelled")).toBe(false)
        }).pipe(Effect.provide(ladderLayer({}, backend.database)))
      )
    })
  })
