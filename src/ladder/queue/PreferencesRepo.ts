/** The races and map vetoes a player last chose in `/queue`, restored the next time. */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Option, Schema } from "effect"
import { decodeFirst } from "../../db/rows.js"
import { RaceCode } from "../../domain/Race.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../DomainEvents.js"

export const QueuePreferences = Schema.Struct({
  races: Schema.Array(RaceCode),
  vetoes: Schema.Array(Schema.String)
})
export type QueuePreferences = typeof QueuePreferences.Type

const Stored = Schema.Struct({
  races: Schema.parseJson(Schema.Array(RaceCode)),
  vetoes: Schema.parseJson(Schema.Array(Schema.String))
})

export const noPreferences: QueuePreferences = { races: [], vetoes: [] }

export class PreferencesRepo extends Effect.Service<PreferencesRepo>()("PreferencesRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents

    const get = Effect.fn("PreferencesRepo.get")(function* (discordUid: Snowflake) {
      const stored =
        yield* sql`SELECT races, vetoes FROM queue_preferences WHERE discord_uid = ${discordUid}`.pipe(
          decodeFirst(Stored)
        )
      return Option.getOrElse(stored, () => noPreferences)
    })

    /** Saves the choice as made (vetoes sorted by name, as the reference stored them). */
    const save = Effect.fn("PreferencesRepo.save")(function* (
      discordUid: Snowflake,
      preferences: QueuePreferences
    ) {
      const now = yield* Clock.currentTimeMillis
      const races = JSON.stringify(preferences.races)
      const vetoes = JSON.stringify([...preferences.vetoes].sort())
      yield* sql`INSERT INTO queue_preferences ${sql.insert({ discordUid, races, vetoes, updatedAt: now })}
                 ON CONFLICT (discord_uid) DO UPDATE SET races = excluded.races, vetoes = excluded.vetoes,
                 updated_at = excluded.updated_at`
      yield* events.emit(DomainEvent.PreferencesChanged({ discordUid }))
    })

    return { get, save }
  })
}) {}
