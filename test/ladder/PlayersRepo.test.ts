import { describe, expect, layer } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { Effect, Option, TestClock } from "effect"
import { abortsLeft } from "../../src/domain/Player.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { testCore } from "../support/layers.js"
import { backends } from "../support/backends.js"

const ALICE = Snowflake.make("200000000000000001")
const NOV_2026 = Date.UTC(2026, 10, 29)

const actionLog = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) =>
    sql<{
      readonly setting: string
      readonly oldValue: string | null
      readonly newValue: string | null
      readonly changedBy: string
      readonly playerName: string
    }>`SELECT setting, old_value, new_value, changed_by, player_name FROM player_action_logs ORDER BY id`
)

/** The same suite on every backend: SQLite, and PostgreSQL when a test server is configured. */
for (const backend of backends)
  describe(`PlayersRepo (${backend.name})`, () => {
    layer(testCore({}, backend.database))((it) => {
      it.effect("creates a player on first contact with a full abort budget for this month", () =>
        Effect.gen(function* () {
          yield* TestClock.setTime(NOV_2026)
          const players = yield* PlayersRepo
          const alice = yield* players.ensure(ALICE, "alice")
          expect(alice).toMatchObject({
            discordUid: ALICE,
            discordUsername: "alice",
            state: "idle",
            acceptedTos: false,
            completedSetup: false,
            isBanned: false,
            remainingAborts: 3,
            abortsMonth: "2026-11",
            createdAt: NOV_2026
          })
          expect(yield* actionLog).toEqual([])
          const again = yield* players.ensure(ALICE, "alice")
          expect(again.id).toBe(alice.id)
        })
      )

      it.effect("keeps the Discord username in sync and logs the change as the system", () =>
        Effect.gen(function* () {
          const players = yield* PlayersRepo
          const renamed = yield* players.ensure(ALICE, "alice_new")
          expect(renamed.discordUsername).toBe("alice_new")
          expect(yield* actionLog).toEqual([
            {
              setting: "discord_username",
              oldValue: "alice",
              newValue: "alice_new",
              changedBy: "system",
              playerName: "alice_new"
            }
          ])
        })
      )

      it.effect("writes only changed settings, logs each, and stamps ToS and setup dates", () =>
        Effect.gen(function* () {
          const players = yield* PlayersRepo
          yield* TestClock.setTime(NOV_2026 + 60_000)
          const accepted = yield* players.updateSettings(ALICE, { acceptedTos: true }, "player")
          expect(accepted.acceptedTos).toBe(true)
          expect(accepted.acceptedTosAt).toBe(NOV_2026 + 60_000)

          const setUp = yield* players.updateSettings(
            ALICE,
            {
              playerName: "Alice",
              battletag: "Alice#1234",
              altPlayerName1: null,
              country: "KR",
              region: "KRJ",
              completedSetup: true
            },
            "player"
          )
          expect(setUp).toMatchObject({ playerName: "Alice", country: "KR", completedSetup: true })
          expect(setUp.completedSetupAt).toBe(NOV_2026 + 60_000)

          const unchanged = yield* players.updateSettings(ALICE, { country: "KR" }, "player")
          expect(unchanged.updatedAt).toBe(setUp.updatedAt)

          yield* players.updateSettings(ALICE, { isBanned: true }, "admin:300000000000000001")
          const log = (yield* actionLog).slice(1)
          expect(log.map((row) => [row.setting, row.oldValue, row.newValue, row.changedBy])).toEqual([
            ["accepted_tos", "false", "true", "player"],
            ["player_name", null, "Alice", "player"],
            ["battletag", null, "Alice#1234", "player"],
            ["country", null, "KR", "player"],
            ["region", null, "KRJ", "player"],
            ["completed_setup", "false", "true", "player"],
            ["is_banned", "false", "true", "admin:300000000000000001"]
          ])
          expect(log.at(-1)?.playerName).toBe("Alice")
        })
      )

      it.effect("finds players by Discord username or in-game name, ignoring case", () =>
        Effect.gen(function* () {
          const players = yield* PlayersRepo
          expect((yield* players.findByName("ALICE")).map((p) => p.discordUid)).toEqual([ALICE])
          expect((yield* players.findByName("alice_NEW")).map((p) => p.discordUid)).toEqual([ALICE])
          expect(yield* players.findByName("bob")).toEqual([])
          expect(Option.isNone(yield* players.findByUid(Snowflake.make("299999999999999999")))).toBe(true)
        })
      )

      it.effect("refills the abort budget in a new month", () =>
        Effect.gen(function* () {
          const players = yield* PlayersRepo
          const alice = Option.getOrThrow(yield* players.findByUid(ALICE))
          expect(abortsLeft({ ...alice, remainingAborts: 1 }, NOV_2026, 3)).toBe(1)
          expect(abortsLeft({ ...alice, remainingAborts: 1 }, Date.UTC(2026, 11, 1), 3)).toBe(3)
        })
      )
    })
  })
