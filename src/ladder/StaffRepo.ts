/**
 * Admins and owners, kept in the database (the reference edited a JSON file on the container's disk
 * and lost every change on redeploy). The first owner comes from `EVOLADDER_OWNER_ID`.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Option, Schema } from "effect"
import { AppConfig } from "../config.js"
import { decodeFirst, decodeRows } from "../db/rows.js"
import { Snowflake } from "../domain/Snowflake.js"

export const StaffRole = Schema.Literal("owner", "admin")
export type StaffRole = typeof StaffRole.Type

export const StaffMember = Schema.Struct({
  discordUid: Snowflake,
  name: Schema.String,
  role: StaffRole,
  grantedByUid: Schema.NullOr(Schema.String),
  grantedAt: Schema.Int
})
export type StaffMember = typeof StaffMember.Type

export class StaffRepo extends Effect.Service<StaffRepo>()("StaffRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient

    const find = Effect.fn("StaffRepo.find")(function* (discordUid: Snowflake) {
      return yield* sql`SELECT * FROM staff WHERE discord_uid = ${discordUid}`.pipe(decodeFirst(StaffMember))
    })

    const roleOf = (discordUid: Snowflake) =>
      Effect.map(
        find(discordUid),
        Option.map((member) => member.role)
      )

    const list = Effect.fn("StaffRepo.list")(function* () {
      return yield* sql`SELECT * FROM staff ORDER BY role DESC, name`.pipe(decodeRows(StaffMember))
    })

    /** Makes the user staff with `role` (replacing an earlier role). */
    const grant = Effect.fn("StaffRepo.grant")(function* (
      discordUid: Snowflake,
      name: string,
      role: StaffRole,
      grantedByUid: Snowflake | null
    ) {
      const now = yield* Clock.currentTimeMillis
      yield* sql`INSERT INTO staff ${sql.insert({ discordUid, name, role, grantedByUid, grantedAt: now })}
                 ON CONFLICT (discord_uid) DO UPDATE SET role = excluded.role, name = excluded.name,
                 granted_by_uid = excluded.granted_by_uid, granted_at = excluded.granted_at`
    })

    const revoke = Effect.fn("StaffRepo.revoke")(function* (discordUid: Snowflake) {
      yield* sql`DELETE FROM staff WHERE discord_uid = ${discordUid}`
    })

    return { find, roleOf, list, grant, revoke }
  })
}) {}

/** Records the configured first owner, once; later role changes made through the bot are kept. */
export const seedOwner = Effect.gen(function* () {
  const { operations } = yield* AppConfig
  if (Option.isNone(operations.ownerId)) return
  const staff = yield* StaffRepo
  const existing = yield* staff.find(operations.ownerId.value)
  if (Option.isSome(existing) && existing.value.role === "owner") return
  yield* staff.grant(operations.ownerId.value, "owner (EVOLADDER_OWNER_ID)", "owner", null)
})
