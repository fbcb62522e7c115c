/**
 * The admin audit trail (`admin_actions`, reference §10): who did what to whom, the state before and
 * after, and why. `record` joins the caller's transaction, so a change and its row commit together.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Schema } from "effect"
import { decodeRows } from "../../db/rows.js"
import type { Snowflake } from "../../domain/Snowflake.js"

/** Whoever runs an admin or owner command. */
export interface Actor {
  readonly uid: Snowflake
  readonly username: string
}

/** The action names of the reference's audit log, plus the job-queue tool. */
export type AuditAction =
  | "resolve_match"
  | "resolve_conflict"
  | "adjust_mmr"
  | "force_remove_queue"
  | "unblock_player_state"
  | "toggle_ban"
  | "reset_aborts"
  | "emergency_clear_queue"
  | "toggle_admin_status"
  | "redrive_job"

export interface AuditEntry {
  readonly action: AuditAction
  readonly targetUid?: Snowflake | null
  readonly targetMatchId?: number | null
  readonly before: unknown
  readonly after: unknown
  readonly details?: Record<string, unknown>
  readonly reason: string
}

export const AuditRow = Schema.Struct({
  id: Schema.Int,
  adminUid: Schema.String,
  adminUsername: Schema.String,
  action: Schema.String,
  targetUid: Schema.NullOr(Schema.String),
  targetMatchId: Schema.NullOr(Schema.Int),
  before: Schema.NullOr(Schema.String),
  after: Schema.NullOr(Schema.String),
  details: Schema.String,
  reason: Schema.NullOr(Schema.String),
  performedAt: Schema.Int
})
export type AuditRow = typeof AuditRow.Type

export class AdminAudit extends Effect.Service<AdminAudit>()("AdminAudit", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient

    const record = Effect.fn("AdminAudit.record")(function* (actor: Actor, entry: AuditEntry) {
      const performedAt = yield* Clock.currentTimeMillis
      yield* sql`INSERT INTO admin_actions ${sql.insert({
        adminUid: actor.uid,
        adminUsername: actor.username,
        action: entry.action,
        targetUid: entry.targetUid ?? null,
        targetMatchId: entry.targetMatchId ?? null,
        before: JSON.stringify(entry.before ?? null),
        after: JSON.stringify(entry.after ?? null),
        details: JSON.stringify(entry.details ?? {}),
        reason: entry.reason,
        performedAt
      })}`
    })

    /** The latest entries, newest first; about one player or one match when asked. */
    const recent = Effect.fn("AdminAudit.recent")(function* (
      filter: { readonly targetUid?: Snowflake; readonly matchId?: number; readonly limit?: number } = {}
    ) {
      const byPlayer = filter.targetUid === undefined ? sql`1 = 1` : sql`target_uid = ${filter.targetUid}`
      const byMatch = filter.matchId === undefined ? sql`1 = 1` : sql`target_match_id = ${filter.matchId}`
      return yield* sql`SELECT * FROM admin_actions WHERE ${byPlayer} AND ${byMatch}
                        ORDER BY id DESC LIMIT ${filter.limit ?? 20}`.pipe(decodeRows(AuditRow))
    })

    return { record, recent }
  })
}) {}
