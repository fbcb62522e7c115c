import { describe, expect, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { RatingsRepo } from "../../src/ladder/RatingsRepo.js"
import { StaffRepo, seedOwner } from "../../src/ladder/StaffRepo.js"
import { testCore } from "../support/layers.js"
import { backends } from "../support/backends.js"

const BOB = Snowflake.make("200000000000000002")
const OWNER = Snowflake.make("300000000000000001")

/** The same suite on every backend: SQLite, and PostgreSQL when a test server is configured. */
for (const backend of backends)
  describe(`RatingsRepo (${backend.name})`, () => {
    layer(testCore({ EVOLADDER_RATING_INITIAL: "1200" }, backend.database))((it) => {
      it.effect("creates a race's rating at the model's initial value, once", () =>
        Effect.gen(function* () {
          yield* (yield* PlayersRepo).ensure(BOB, "bob")
          const ratings = yield* RatingsRepo
          const created = yield* ratings.ensure(BOB, "bw_zerg")
          expect(created).toMatchObject({ race: "bw_zerg", mmr: 1200, gamesPlayed: 0, lastPlayedAt: null })
          const again = yield* ratings.ensure(BOB, "bw_zerg")
          expect(again.id).toBe(created.id)
          yield* ratings.ensure(BOB, "sc2_terran")
          expect((yield* ratings.forPlayer(BOB)).map((r) => r.race)).toEqual(["bw_zerg", "sc2_terran"])
          expect(yield* ratings.all()).toHaveLength(2)
          expect(Option.isNone(yield* ratings.find(BOB, "sc2_zerg"))).toBe(true)
        })
      )

      it.effect("refuses a rating for someone who is not a player", () =>
        Effect.gen(function* () {
          const error = yield* Effect.flip(
            (yield* RatingsRepo).ensure(Snowflake.make("299999999999999999"), "bw_zerg")
          )
          expect(String(error.cause)).toMatch(/foreign key/i)
        })
      )
    })
  })

for (const backend of backends)
  describe(`StaffRepo (${backend.name})`, () => {
    layer(testCore({ EVOLADDER_OWNER_ID: OWNER }, backend.database))((it) => {
      it.effect("seeds the configured owner, grants and revokes admins", () =>
        Effect.gen(function* () {
          const staff = yield* StaffRepo
          yield* seedOwner
          yield* seedOwner
          expect(Option.getOrNull(yield* staff.roleOf(OWNER))).toBe("owner")
          yield* staff.grant(BOB, "bob", "admin", OWNER)
          expect((yield* staff.list()).map((m) => [m.discordUid, m.role])).toEqual([
            [OWNER, "owner"],
            [BOB, "admin"]
          ])
          yield* staff.revoke(BOB)
          expect(Option.isNone(yield* staff.roleOf(BOB))).toBe(true)
        })
      )
    })
  })
