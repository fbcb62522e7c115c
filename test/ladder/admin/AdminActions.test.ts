/**
 * The admin actions on the ladder's own services (no Discord): every change with its audit row in
 * one transaction, and match resolution's fresh / terminal / unchanged paths, including the fix of
 * the reference's defect 13 (a re-resolution keeps rating changes made after the match).
 */
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, TestClock } from "effect"
import { JobQueueLive } from "../../../src/jobs/layers.js"
import { AdminActions } from "../../../src/ladder/admin/AdminActions.js"
import type { Actor } from "../../../src/ladder/admin/AdminAudit.js"
import { AdminLive } from "../../../src/ladder/admin/layer.js"
import { Leaderboard } from "../../../src/ladder/Leaderboard.js"
import { MatchService } from "../../../src/ladder/matches/MatchService.js"
import { PlayersRepo } from "../../../src/ladder/PlayersRepo.js"
import { QueueRepo } from "../../../src/ladder/queue/QueueRepo.js"
import { RatingsRepo } from "../../../src/ladder/RatingsRepo.js"
import { StaffRepo } from "../../../src/ladder/StaffRepo.js"
import { backends, type DatabaseLayer } from "../../support/backends.js"
import { ladderLayer, pairedMatch, playerId, registered } from "../../support/ladder.js"
import { ladderRows } from "../../support/rankedLadder.js"

const NOV = Date.UTC(2026, 10, 20)
const admin: Actor = { uid: playerId(90), username: "boss" }

const layer = (database?: DatabaseLayer) =>
  AdminLive.pipe(Layer.provideMerge(JobQueueLive), Layer.provideMerge(ladderLayer({}, database)))

const rating = (n: number, race: "bw_zerg" | "sc2_terran") =>
  Effect.flatMap(RatingsRepo, (ratings) => Effect.map(ratings.find(playerId(n), race), Option.getOrThrow))

const record = (n: number, race: "bw_zerg" | "sc2_terran") =>
  Effect.map(rating(n, race), (r) => [r.mmr, r.gamesPlayed, r.gamesWon, r.gamesLost, r.gamesDrawn])

const audit = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    sql<{
      readonly action: string
      readonly targetUid: string | null
      readonly targetMatchId: number | null
      readonly before: string
      readonly after: string
      readonly reason: string
    }>`SELECT action, target_uid, target_match_id, before, after, reason FROM admin_actions ORDER BY id`
)

const history = (matchId: number) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql<{
      readonly discordUid: string
      readonly cause: string
      readonly mmrBefore: number
      readonly mmrAfter: number
    }>`
      SELECT discord_uid, cause, mmr_before, mmr_after FROM mmr_history WHERE match_id = ${matchId} ORDER BY id`
  )

/** A match whose players reported different results (a conflict). */
const conflicted = Effect.gen(function* () {
  const id = yield* pairedMatch(1, 2)
  const matches = yield* MatchService
  yield* matches.confirm(id, playerId(1))
  yield* matches.confirm(id, playerId(2))
  yield* matches.report(id, playerId(1), 1)
  yield* matches.report(id, playerId(2), 2)
  return id
})

const refusal = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (error) => ("reason" in error ? error.reason : error._tag))

/** The same suites on every backend: SQLite, and PostgreSQL when a test server is configured. */
for (const backend of backends)
  describe(`AdminActions.resolveMatch (${backend.name})`, () => {
    it.effect("fresh: a conflict resolved as a normal completion — MMR, W/L/D, history, audit", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* conflicted
        const actions = yield* AdminActions
        const outcome = yield* actions.resolveMatch(admin, id, 1, "replay shows P1 won")
        expect(outcome).toMatchObject({
          path: "fresh",
          result: 1,
          player1: { before: 1500, after: 1520 },
          player2: { before: 1500, after: 1480 }
        })
        expect(yield* record(1, "bw_zerg")).toEqual([1520, 1, 1, 0, 0])
        expect(yield* record(2, "sc2_terran")).toEqual([1480, 1, 0, 1, 0])
        const match = Option.getOrThrow(yield* (yield* MatchService).find(id))
        expect(match).toMatchObject({
          status: "completed",
          result: 1,
          resolvedByUid: admin.uid,
          resolvedAt: NOV
        })
        expect((yield* history(id)).map((row) => row.cause)).toEqual(["match", "match"])
        const [row] = yield* audit
        expect(row).toMatchObject({
          action: "resolve_match",
          targetMatchId: id,
          reason: "replay shows P1 won"
        })
        expect(JSON.parse(row?.before ?? "null")).toEqual({ status: "conflict", result: null })
      }).pipe(Effect.provide(layer(backend.database)))
    )

    it.effect("terminal: undoes only this match's delta, keeps later changes (defect 13), moves W/L/D", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* conflicted
        const actions = yield* AdminActions
        yield* actions.resolveMatch(admin, id, 1, "first look")
        // A later change the reference would have erased by restoring the pre-match snapshot.
        yield* actions.adjustMmr(admin, {
          discordUid: playerId(1),
          race: "bw_zerg",
          operation: "add",
          value: 100,
          expectedMmr: 1520,
          reason: "compensation"
        })
        const flipped = yield* actions.resolveMatch(admin, id, 2, "second look")
        expect(flipped).toMatchObject({
          path: "terminal",
          player1: { before: 1620, after: 1580 },
          player2: { before: 1480, after: 1520 }
        })
        expect(yield* record(1, "bw_zerg")).toEqual([1580, 1, 0, 1, 0])
        expect(yield* record(2, "sc2_terran")).toEqual([1520, 1, 1, 0, 0])
        expect((yield* history(id)).map((row) => [row.cause, row.mmrAfter - row.mmrBefore])).toEqual([
          ["match", 20],
          ["match", -20],
          ["admin_resolve", -40],
          ["admin_resolve", 40]
        ])

        const again = yield* actions.resolveMatch(admin, id, 2, "pressed twice")
        expect(again.path).toBe("unchanged")
        expect(yield* record(1, "bw_zerg")).toEqual([1580, 1, 0, 1, 0])

        const draw = yield* actions.resolveMatch(admin, id, 0, "actually a draw")
        expect(draw).toMatchObject({ path: "terminal", player1: { after: 1600 }, player2: { after: 1500 } })
        expect(yield* record(1, "bw_zerg")).toEqual([1600, 1, 0, 0, 1])

        const invalid = yield* actions.resolveMatch(admin, id, "invalidate", "smurf account")
        expect(invalid).toMatchObject({
          path: "terminal",
          result: null,
          player1: { after: 1600 },
          player2: { after: 1500 }
        })
        expect(yield* record(1, "bw_zerg")).toEqual([1600, 0, 0, 0, 0])
        expect(yield* record(2, "sc2_terran")).toEqual([1500, 0, 0, 0, 0])
        const match = Option.getOrThrow(yield* (yield* MatchService).find(id))
        expect(match).toMatchObject({ status: "invalidated", result: null, player1MmrChange: 0 })

        const back = yield* actions.resolveMatch(admin, id, 1, "reinstated")
        expect(back).toMatchObject({ path: "terminal", player1: { after: 1620 }, player2: { after: 1480 } })
        expect(yield* record(1, "bw_zerg")).toEqual([1620, 1, 1, 0, 0])
        expect((yield* audit).map((row) => row.action)).toEqual([
          "resolve_match",
          "adjust_mmr",
          "resolve_conflict",
          "resolve_match",
          "resolve_conflict",
          "resolve_conflict",
          "resolve_conflict"
        ])
      }).pipe(Effect.provide(layer(backend.database)))
    )

    it.effect("a resolution that changes games played but no MMR reaches the leaderboard at once", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* conflicted
        const actions = yield* AdminActions
        const ranked = Effect.map(
          Effect.flatMap(Leaderboard, (board) => board.snapshot),
          (snapshot) => ladderRows(snapshot.ladder).filter((row) => row.discordUid === playerId(1)).length
        )
        // Equal ratings: a draw moves no MMR, but it is their first game.
        yield* actions.resolveMatch(admin, id, 0, "a draw")
        expect(yield* record(1, "bw_zerg")).toEqual([1500, 1, 0, 0, 1])
        expect(yield* ranked).toBe(1)
        // Invalidated, it moves no MMR back either, and takes the game away: unranked again.
        const invalid = yield* actions.resolveMatch(admin, id, "invalidate", "wrong map")
        expect(invalid).toMatchObject({ path: "terminal", player1: { before: 1500, after: 1500 } })
        expect(yield* record(1, "bw_zerg")).toEqual([1500, 0, 0, 0, 0])
        expect(yield* ranked).toBe(0)
      }).pipe(Effect.provide(layer(backend.database)))
    )

    it.effect("invalidating a match that moved nothing closes it and frees both players", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const id = yield* pairedMatch(1, 2)
        const outcome = yield* (yield* AdminActions).resolveMatch(admin, id, "invalidate", "wrong map")
        expect(outcome.path).toBe("fresh")
        const match = Option.getOrThrow(yield* (yield* MatchService).find(id))
        expect(match.status).toBe("invalidated")
        const player = Option.getOrThrow(yield* (yield* PlayersRepo).findByUid(playerId(1)))
        expect([player.state, player.currentMatchId]).toEqual(["idle", null])
        expect(yield* record(1, "bw_zerg")).toEqual([1500, 0, 0, 0, 0])
        expect(yield* refusal((yield* AdminActions).resolveMatch(admin, 999, 1, "typo"))).toBe("not_found")
      }).pipe(Effect.provide(layer(backend.database)))
    )
  })

for (const backend of backends)
  describe(`AdminActions (${backend.name})`, () => {
    it.effect(
      "adjust_mmr: set / add / subtract, never negative, no counters or last-played, stale refused",
      () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOV)
          const id = yield* conflicted
          const actions = yield* AdminActions
          yield* actions.resolveMatch(admin, id, 1, "settle")
          const before = yield* rating(1, "bw_zerg")
          yield* TestClock.adjust("3 days")
          const change = { discordUid: playerId(1), race: "bw_zerg" as const, reason: "test" }
          expect(
            yield* actions.adjustMmr(admin, { ...change, operation: "set", value: 2000, expectedMmr: 1520 })
          ).toEqual({
            race: "bw_zerg",
            before: 1520,
            after: 2000
          })
          yield* actions.adjustMmr(admin, { ...change, operation: "subtract", value: 500, expectedMmr: 2000 })
          expect(
            yield* refusal(
              actions.adjustMmr(admin, { ...change, operation: "subtract", value: 1501, expectedMmr: 1500 })
            )
          ).toBe("negative_mmr")
          expect(
            yield* refusal(
              actions.adjustMmr(admin, { ...change, operation: "add", value: 1, expectedMmr: 2000 })
            )
          ).toBe("stale")
          expect(
            yield* refusal(
              actions.adjustMmr(admin, {
                ...change,
                race: "sc2_terran",
                operation: "add",
                value: 1,
                expectedMmr: null
              })
            )
          ).toBe("not_found")
          const after = yield* rating(1, "bw_zerg")
          expect(after).toMatchObject({
            mmr: 1500,
            gamesPlayed: before.gamesPlayed,
            gamesWon: before.gamesWon,
            lastPlayedAt: before.lastPlayedAt
          })
          const board = yield* (yield* Leaderboard).snapshot
          expect(ladderRows(board.ladder).find((row) => row.discordUid === playerId(1))?.mmr).toBe(1500)
          // Only the two applied adjustments left a trace; the refusals wrote nothing.
          expect((yield* audit).filter((row) => row.action === "adjust_mmr")).toHaveLength(2)
        }).pipe(Effect.provide(layer(backend.database)))
    )

    it.effect("ban takes the player out of the queue; unban; reset_aborts; remove / clear / unblock", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(NOV)
        const actions = yield* AdminActions
        const queue = yield* QueueRepo
        const players = yield* PlayersRepo
        for (const n of [1, 2, 3]) {
          yield* registered(n)
          yield* queue.join(playerId(n), { bwRace: "bw_zerg", sc2Race: null, vetoes: [] })
        }
        expect(yield* actions.setBanned(admin, playerId(1), true, "abuse")).toEqual({
          removedFromQueue: true
        })
        const banned = Option.getOrThrow(yield* players.findByUid(playerId(1)))
        expect([banned.isBanned, banned.state]).toEqual([true, "idle"])
        expect(yield* refusal(actions.setBanned(admin, playerId(1), true, "again"))).toBe("stale")
        yield* actions.setBanned(admin, playerId(1), false, "appeal")

        yield* actions.removeFromQueue(admin, playerId(2), "afk")
        expect(yield* refusal(actions.removeFromQueue(admin, playerId(2), "afk"))).toBe("not_in_queue")
        expect(yield* actions.clearQueue(admin, "maintenance")).toEqual([playerId(3)])
        expect(yield* queue.isEmpty).toBe(true)

        expect(yield* actions.resetAborts(admin, playerId(2), 1, "courtesy")).toEqual({ before: 3, after: 1 })
        expect(Option.getOrThrow(yield* players.findByUid(playerId(2))).remainingAborts).toBe(1)

        const id = yield* pairedMatch(4, 5)
        expect(yield* actions.unblockQueue(admin, playerId(4), "stuck")).toEqual({
          before: "in_match",
          matchId: id
        })
        expect(Option.getOrThrow(yield* players.findByUid(playerId(4))).state).toBe("idle")

        const sql = yield* SqlClient.SqlClient
        const logs = yield* sql<{ readonly setting: string; readonly changedBy: string }>`
        SELECT setting, changed_by FROM player_action_logs WHERE changed_by LIKE 'admin:%' ORDER BY id`
        expect(logs.map((log) => log.setting)).toEqual(["is_banned", "is_banned", "remaining_aborts"])
        expect(new Set(logs.map((log) => log.changedBy))).toEqual(new Set([`admin:${admin.uid}`]))
        expect((yield* audit).map((row) => row.action)).toEqual([
          "toggle_ban",
          "toggle_ban",
          "force_remove_queue",
          "emergency_clear_queue",
          "reset_aborts",
          "unblock_player_state"
        ])
      }).pipe(Effect.provide(layer(backend.database)))
    )

    it.effect("owners cannot be changed; admins are granted and revoked in the database", () =>
      Effect.gen(function* () {
        const actions = yield* AdminActions
        const staff = yield* StaffRepo
        yield* staff.grant(playerId(7), "theowner", "owner", null)
        expect(
          yield* refusal(actions.setAdmin(admin, { discordUid: playerId(7), name: "theowner" }, false, "x"))
        ).toBe("owner_protected")
        yield* actions.setAdmin(admin, { discordUid: playerId(8), name: "helper" }, true, "new mod")
        expect(yield* staff.roleOf(playerId(8))).toEqual(Option.some("admin"))
        yield* actions.setAdmin(admin, { discordUid: playerId(8), name: "helper" }, false, "stepped down")
        expect(yield* staff.roleOf(playerId(8))).toEqual(Option.none())
        expect(
          (yield* audit).map((row): ReadonlyArray<unknown> => [row.action, JSON.parse(row.after)])
        ).toEqual([
          ["toggle_admin_status", { role: "admin" }],
          ["toggle_admin_status", { role: null }]
        ])
      }).pipe(Effect.provide(layer(backend.database)))
    )
  })
