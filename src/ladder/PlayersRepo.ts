/**
 * Player rows: created on first contact, settings changed with every change written to the player
 * action log in the same transaction.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Option, Schema } from "effect"
import { AppConfig } from "../config.js"
import { SqlBoolean } from "../db/columns.js"
import { equalsIgnoringCase } from "../db/portable.js"
import { decodeFirst, decodeRows } from "../db/rows.js"
import { monthOf, Player, PlayerSettings, type ChangedBy } from "../domain/Player.js"
import type { Snowflake } from "../domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "./DomainEvents.js"

const booleans = {
  acceptedTos: SqlBoolean,
  completedSetup: SqlBoolean,
  readQuickStartGuide: SqlBoolean,
  shieldBatteryAck: SqlBoolean,
  isBanned: SqlBoolean
}

/** A `players` row as stored (booleans as 0/1). */
export const PlayerRow = Schema.Struct({ ...Player.fields, ...booleans })

const SettingsRow = Schema.Struct({ ...PlayerSettings.fields, ...booleans })

export type SettingsPatch = Partial<PlayerSettings>

const settingKeys = Object.keys(PlayerSettings.fields).filter(
  (key): key is keyof PlayerSettings => key in PlayerSettings.fields
)

const definedOnly = (patch: SettingsPatch): SettingsPatch =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))

/** Settings the leaderboard shows; changing one invalidates it. */
const LEADERBOARD_SETTINGS: ReadonlySet<keyof PlayerSettings> = new Set(["playerName", "country"])

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

const logValue = (value: PlayerSettings[keyof PlayerSettings]): string | null =>
  value === null ? null : typeof value === "boolean" ? (value ? "true" : "false") : value

export class PlayersRepo extends Effect.Service<PlayersRepo>()("PlayersRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const { ladder } = yield* AppConfig
    const events = yield* DomainEvents

    const findByUid = Effect.fn("PlayersRepo.findByUid")(function* (discordUid: Snowflake) {
      return yield* sql`SELECT * FROM players WHERE discord_uid = ${discordUid}`.pipe(decodeFirst(PlayerRow))
    })

    const getExisting = (discordUid: Snowflake) =>
      findByUid(discordUid).pipe(
        Effect.flatMap(
          Option.match({
            onNone: () => Effect.dieMessage(`player ${discordUid} vanished inside its own transaction`),
            onSome: Effect.succeed
          })
        )
      )

    /**
     * Every setting in `patch` that differs from the stored value is written, stamped (ToS and
     * setup dates) and logged with `changedBy`, all in one transaction. Settings listed in `always`
     * count as changed even when equal (a decision that is recorded each time, like the terms).
     * Returns the player after.
     */
    const updateSettings = Effect.fn("PlayersRepo.updateSettings")(function* (
      discordUid: Snowflake,
      patch: SettingsPatch,
      changedBy: ChangedBy,
      options: { readonly always?: ReadonlyArray<keyof PlayerSettings> } = {}
    ) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const before = yield* getExisting(discordUid)
          const always = new Set(options.always)
          const changed = settingKeys.filter(
            (key) => patch[key] !== undefined && (patch[key] !== before[key] || always.has(key))
          )
          if (changed.length === 0) return before
          const after: PlayerSettings = { ...before, ...definedOnly(patch) }
          const encoded = yield* Effect.orDie(Schema.encode(SettingsRow)(after))
          const columns: Record<string, unknown> = {}
          for (const key of changed) columns[key] = encoded[key]
          const stamps = {
            ...(changed.includes("acceptedTos") ? { acceptedTosAt: now } : {}),
            ...(changed.includes("completedSetup") && after.completedSetup ? { completedSetupAt: now } : {})
          }
          yield* sql`UPDATE players SET ${sql.update({ ...columns, ...stamps, updatedAt: now })}
                     WHERE discord_uid = ${discordUid}`
          const name = after.playerName ?? after.discordUsername
          for (const key of changed) {
            yield* sql`INSERT INTO player_action_logs ${sql.insert({
              discordUid,
              playerName: name,
              setting: snakeCase(key),
              oldValue: logValue(before[key]),
              newValue: logValue(after[key]),
              changedBy,
              changedAt: now
            })}`
          }
          const shown = changed.filter((key) => LEADERBOARD_SETTINGS.has(key))
          if (shown.length > 0) {
            yield* events.emit(DomainEvent.PlayerUpdated({ discordUid, settings: shown.map(snakeCase) }))
          }
          return yield* getExisting(discordUid)
        })
      )
    })

    /**
     * The player behind a Discord user, created on first contact with a full abort budget; a changed
     * Discord username is brought up to date and logged.
     */
    const ensure = Effect.fn("PlayersRepo.ensure")(function* (
      discordUid: Snowflake,
      discordUsername: string
    ) {
      const now = yield* Clock.currentTimeMillis
      yield* sql`INSERT INTO players ${sql.insert({
        discordUid,
        discordUsername,
        remainingAborts: ladder.abortsPerMonth,
        abortsMonth: monthOf(now),
        createdAt: now,
        updatedAt: now
      })} ON CONFLICT (discord_uid) DO NOTHING`
      return yield* updateSettings(discordUid, { discordUsername }, "system")
    })

    /** Players whose Discord username or in-game name is `name`, ignoring case. */
    const findByName = Effect.fn("PlayersRepo.findByName")(function* (name: string) {
      const username = equalsIgnoringCase(sql, "discord_username", name)
      return yield* sql`SELECT * FROM players
                        WHERE ${username} OR ${equalsIgnoringCase(sql, "player_name", name)}
                        ORDER BY ${username} DESC, id`.pipe(decodeRows(PlayerRow))
    })

    return { findByUid, findByName, ensure, updateSettings }
  })
}) {}
