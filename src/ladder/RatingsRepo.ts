/** Per-(player, race) rating rows: MMR, game counters and the last time the race was played. */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Option, Schema } from "effect"
import { decodeFirst, decodeRows } from "../db/rows.js"
import { RaceCode } from "../domain/Race.js"
import { Snowflake } from "../domain/Snowflake.js"
import { RatingModel } from "./RatingModel.js"

export const PlayerRating = Schema.Struct({
  id: Schema.Int,
  discordUid: Snowflake,
  race: RaceCode,
  mmr: Schema.Int,
  gamesPlayed: Schema.Int,
  gamesWon: Schema.Int,
  gamesLost: Schema.Int,
  gamesDrawn: Schema.Int,
  lastPlayedAt: Schema.NullOr(Schema.Int),
  /** Extra state of rating models other than Elo (JSON), null for Elo. */
  modelState: Schema.NullOr(Schema.String),
  createdAt: Schema.Int,
  updatedAt: Schema.Int
})
export type PlayerRating = typeof PlayerRating.Type

export class RatingsRepo extends Effect.Service<RatingsRepo>()("RatingsRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const model = yield* RatingModel

    const find = Effect.fn("RatingsRepo.find")(function* (discordUid: Snowflake, race: RaceCode) {
      return yield* sql`SELECT * FROM ratings WHERE discord_uid = ${discordUid} AND race = ${race}`.pipe(
        decodeFirst(PlayerRating)
      )
    })

    /** The player's rating for the race, created at the model's initial rating with no games if absent. */
    const ensure = Effect.fn("RatingsRepo.ensure")(function* (discordUid: Snowflake, race: RaceCode) {
      const now = yield* Clock.currentTimeMillis
      yield* sql`INSERT INTO ratings ${sql.insert({
        discordUid,
        race,
        mmr: model.initial,
        createdAt: now,
        updatedAt: now
      })} ON CONFLICT (discord_uid, race) DO NOTHING`
      return yield* find(discordUid, race).pipe(
        Effect.flatMap(
          Option.match({
            onNone: () => Effect.dieMessage(`rating ${discordUid}/${race} missing right after its insert`),
            onSome: Effect.succeed
          })
        )
      )
    })

    const forPlayer = Effect.fn("RatingsRepo.forPlayer")(function* (discordUid: Snowflake) {
      return yield* sql`SELECT * FROM ratings WHERE discord_uid = ${discordUid} ORDER BY id`.pipe(
        decodeRows(PlayerRating)
      )
    })

    const all = Effect.fn("RatingsRepo.all")(function* () {
      return yield* sql`SELECT * FROM ratings`.pipe(decodeRows(PlayerRating))
    })

    return { find, ensure, forPlayer, all }
  })
}) {}
