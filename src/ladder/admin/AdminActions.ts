/**
 * Every change an admin or owner makes (reference §3.10–3.11), each in one transaction together
 * with its audit row, guarded on the state the admin confirmed (a second press or a change in
 * between is refused rather than applied twice). Domain events go out after COMMIT as usual, so
 * the leaderboard, searching messages and match views follow.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Option } from "effect"
import { AppConfig } from "../../config.js"
import { abortsLeft, monthOf, type Player } from "../../domain/Player.js"
import type { RaceCode } from "../../domain/Race.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { JobQueue } from "../../jobs/JobQueue.js"
import { DomainEvent, DomainEvents } from "../DomainEvents.js"
import { MatchService, type Resolution } from "../matches/MatchService.js"
import { PlayersRepo } from "../PlayersRepo.js"
import { QueueRepo } from "../queue/QueueRepo.js"
import { RatingsRepo } from "../RatingsRepo.js"
import { StaffRepo } from "../StaffRepo.js"
import { AdminAudit, type Actor } from "./AdminAudit.js"
import { adminRefused } from "./AdminRefused.js"

export type MmrOperation = "set" | "add" | "subtract"

export interface MmrAdjustment {
  readonly discordUid: Snowflake
  readonly race: RaceCode
  readonly operation: MmrOperation
  readonly value: number
  /** The MMR the admin saw when confirming; null skips the check. */
  readonly expectedMmr: number | null
  readonly reason: string
}

/** The MMR an operation leads to from `current`. */
export const applyOperation = (current: number, operation: MmrOperation, value: number): number =>
  operation === "set" ? value : operation === "add" ? current + value : current - value

export class AdminActions extends Effect.Service<AdminActions>()("AdminActions", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const events = yield* DomainEvents
    const audit = yield* AdminAudit
    const players = yield* PlayersRepo
    const ratings = yield* RatingsRepo
    const queue = yield* QueueRepo
    const matches = yield* MatchService
    const staff = yield* StaffRepo
    const jobs = yield* JobQueue
    const { ladder } = yield* AppConfig

    const changedBy = (actor: Actor) => `admin:${actor.uid}` as const

    const requirePlayer = (discordUid: Snowflake) =>
      Effect.flatMap(
        players.findByUid(discordUid),
        Option.match({
          onNone: () => Effect.fail(adminRefused("not_found", `<@${discordUid}> has no player record.`)),
          onSome: (player): Effect.Effect<Player> => Effect.succeed(player)
        })
      )

    /** Runs `body` as one audited transaction, its logs annotated with who did it to whom. */
    const audited = <A, E, R>(actor: Actor, target: Record<string, unknown>, body: Effect.Effect<A, E, R>) =>
      events.transactional(body).pipe(Effect.annotateLogs({ adminUid: actor.uid, ...target }))

    const adjustMmr = Effect.fn("AdminActions.adjustMmr")(function* (actor: Actor, change: MmrAdjustment) {
      return yield* audited(
        actor,
        { playerId: change.discordUid },
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const rating = yield* ratings.find(change.discordUid, change.race)
          if (Option.isNone(rating)) {
            return yield* adminRefused(
              "not_found",
              `Player/race not found: <@${change.discordUid}> has no ${change.race} rating.`
            )
          }
          const before = rating.value.mmr
          if (change.expectedMmr !== null && change.expectedMmr !== before) {
            return yield* adminRefused(
              "stale",
              `The MMR changed since this was confirmed (now ${before}); nothing was changed. Run the command again.`
            )
          }
          const after = applyOperation(before, change.operation, change.value)
          if (after < 0) {
            return yield* adminRefused(
              "negative_mmr",
              `That would make the MMR negative (${after}); nothing was changed.`
            )
          }
          // Only the MMR: counters and last-played stay (the reference also stamped last_played,
          // which made an inactive rating look active for two weeks — its defect 18).
          const updated = yield* sql`UPDATE ratings SET mmr = ${after}, updated_at = ${now}
            WHERE id = ${rating.value.id} AND mmr = ${before} RETURNING id`
          if (updated.length === 0)
            return yield* Effect.dieMessage(`rating ${rating.value.id} changed mid-transaction`)
          yield* sql`INSERT INTO mmr_history ${sql.insert({
            discordUid: change.discordUid,
            race: change.race,
            matchId: null,
            cause: "admin_adjust",
            mmrBefore: before,
            mmrAfter: after,
            createdAt: now
          })}`
          yield* audit.record(actor, {
            action: "adjust_mmr",
            targetUid: change.discordUid,
            before: { race: change.race, mmr: before },
            after: { race: change.race, mmr: after },
            details: { operation: change.operation, value: change.value },
            reason: change.reason
          })
          yield* events.emit(DomainEvent.MmrAdjusted({ discordUid: change.discordUid, race: change.race }))
          return { race: change.race, before, after }
        })
      )
    })

    const removeFromQueue = Effect.fn("AdminActions.removeFromQueue")(function* (
      actor: Actor,
      discordUid: Snowflake,
      reason: string
    ) {
      return yield* audited(
        actor,
        { playerId: discordUid },
        Effect.gen(function* () {
          const player = yield* requirePlayer(discordUid)
          if (!(yield* queue.leave(discordUid, "removed"))) {
            return yield* adminRefused("not_in_queue", "Player was not in queue.")
          }
          yield* audit.record(actor, {
            action: "force_remove_queue",
            targetUid: discordUid,
            before: { state: player.state },
            after: { state: "idle" },
            reason
          })
        })
      )
    })

    /**
     * Frees a player stuck in a state: out of the queue, or out of a match that stays as it is (an
     * admin resolves it separately). No message to the player, as in the reference.
     */
    const unblockQueue = Effect.fn("AdminActions.unblockQueue")(function* (
      actor: Actor,
      discordUid: Snowflake,
      reason: string
    ) {
      return yield* audited(
        actor,
        { playerId: discordUid },
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const player = yield* requirePlayer(discordUid)
          if (player.state === "queueing") yield* queue.leave(discordUid, "removed")
          if (player.state === "in_match") {
            yield* sql`UPDATE players SET state = 'idle', current_match_id = NULL, updated_at = ${now}
              WHERE discord_uid = ${discordUid} AND state = 'in_match'`
          }
          yield* audit.record(actor, {
            action: "unblock_player_state",
            targetUid: discordUid,
            before: { state: player.state, matchId: player.currentMatchId },
            after: { state: "idle", matchId: null },
            reason
          })
          return { before: player.state, matchId: player.currentMatchId }
        })
      )
    })

    /** Bans (which also takes the player out of the queue) or unbans. */
    const setBanned = Effect.fn("AdminActions.setBanned")(function* (
      actor: Actor,
      discordUid: Snowflake,
      banned: boolean,
      reason: string
    ) {
      return yield* audited(
        actor,
        { playerId: discordUid },
        Effect.gen(function* () {
          const player = yield* requirePlayer(discordUid)
          if (player.isBanned === banned) {
            return yield* adminRefused(
              "stale",
              `The player is already ${banned ? "banned" : "unbanned"}; nothing was changed.`
            )
          }
          yield* players.updateSettings(discordUid, { isBanned: banned }, changedBy(actor))
          const removedFromQueue = banned ? yield* queue.leave(discordUid, "removed") : false
          yield* audit.record(actor, {
            action: "toggle_ban",
            targetUid: discordUid,
            before: { isBanned: player.isBanned, state: player.state },
            after: { isBanned: banned, state: removedFromQueue ? "idle" : player.state },
            details: { removedFromQueue },
            reason
          })
          return { removedFromQueue }
        })
      )
    })

    /** Sets the aborts left this month (the budget is per calendar month). */
    const resetAborts = Effect.fn("AdminActions.resetAborts")(function* (
      actor: Actor,
      discordUid: Snowflake,
      count: number,
      reason: string
    ) {
      return yield* audited(
        actor,
        { playerId: discordUid },
        Effect.gen(function* () {
          if (!Number.isInteger(count) || count < 0) {
            return yield* adminRefused("invalid", "The abort count must be a whole number, 0 or more.")
          }
          const now = yield* Clock.currentTimeMillis
          const player = yield* requirePlayer(discordUid)
          const before = abortsLeft(player, now, ladder.abortsPerMonth)
          yield* sql`UPDATE players SET remaining_aborts = ${count}, aborts_month = ${monthOf(now)}, updated_at = ${now}
            WHERE discord_uid = ${discordUid}`
          yield* sql`INSERT INTO player_action_logs ${sql.insert({
            discordUid,
            playerName: player.playerName ?? player.discordUsername,
            setting: "remaining_aborts",
            oldValue: String(before),
            newValue: String(count),
            changedBy: changedBy(actor),
            changedAt: now
          })}`
          yield* audit.record(actor, {
            action: "reset_aborts",
            targetUid: discordUid,
            before: { remainingAborts: before },
            after: { remainingAborts: count },
            reason
          })
          return { before, after: count }
        })
      )
    })

    /** Empties the queue; returns who was in it. */
    const clearQueue = Effect.fn("AdminActions.clearQueue")(function* (actor: Actor, reason: string) {
      return yield* audited(
        actor,
        {},
        Effect.gen(function* () {
          const queued = yield* queue.entries()
          const removed: Array<Snowflake> = []
          for (const entry of queued) {
            if (yield* queue.leave(entry.discordUid, "removed")) removed.push(entry.discordUid)
          }
          yield* audit.record(actor, {
            action: "emergency_clear_queue",
            before: { queued: queued.map((entry) => entry.discordUid) },
            after: { queued: [] },
            details: { removed },
            reason
          })
          return removed
        })
      )
    })

    const resolveMatch = Effect.fn("AdminActions.resolveMatch")(function* (
      actor: Actor,
      matchId: number,
      resolution: Resolution,
      reason: string
    ) {
      return yield* audited(
        actor,
        { matchId },
        Effect.gen(function* () {
          const before = yield* matches.find(matchId)
          if (Option.isNone(before))
            return yield* adminRefused("not_found", `Match #${matchId} does not exist.`)
          const outcome = yield* Effect.orDie(matches.adminResolve(matchId, resolution, actor.uid))
          yield* audit.record(actor, {
            action: outcome.path === "terminal" ? "resolve_conflict" : "resolve_match",
            targetMatchId: matchId,
            before: { status: before.value.status, result: before.value.result },
            after: {
              status: resolution === "invalidate" ? "invalidated" : "completed",
              result: outcome.result
            },
            details: {
              path: outcome.path,
              resolution,
              players: [before.value.player1Uid, before.value.player2Uid],
              mmr: { player1: outcome.player1, player2: outcome.player2 }
            },
            reason
          })
          return outcome
        })
      )
    })

    /** Grants or takes back admin status (owners only; owners themselves cannot be changed here). */
    const setAdmin = Effect.fn("AdminActions.setAdmin")(function* (
      actor: Actor,
      target: { readonly discordUid: Snowflake; readonly name: string },
      admin: boolean,
      reason: string
    ) {
      return yield* audited(
        actor,
        { playerId: target.discordUid },
        Effect.gen(function* () {
          const current = yield* staff.roleOf(target.discordUid)
          if (Option.contains(current, "owner")) {
            return yield* adminRefused("owner_protected", `Cannot modify owner status for ${target.name}.`)
          }
          if (Option.isSome(current) === admin) {
            return yield* adminRefused(
              "stale",
              `${target.name} ${admin ? "is already" : "is not"} an admin; nothing was changed.`
            )
          }
          if (admin) yield* staff.grant(target.discordUid, target.name, "admin", actor.uid)
          else yield* staff.revoke(target.discordUid)
          yield* audit.record(actor, {
            action: "toggle_admin_status",
            targetUid: target.discordUid,
            before: { role: Option.getOrNull(current) },
            after: { role: admin ? "admin" : null },
            reason
          })
        })
      )
    })

    /** Puts a dead job back to pending (JobQueue.redrive), audited. */
    const redriveJob = Effect.fn("AdminActions.redriveJob")(function* (
      actor: Actor,
      jobId: number,
      reason: string
    ) {
      return yield* audited(
        actor,
        { jobId },
        Effect.gen(function* () {
          const job = yield* jobs.redrive(jobId).pipe(
            Effect.catchTags({
              JobNotFound: () => adminRefused("not_found", `Job #${jobId} does not exist.`),
              JobNotDead: (error) =>
                adminRefused("not_dead", `Job #${jobId} is ${error.status}; only dead jobs can be redriven.`)
            })
          )
          yield* audit.record(actor, {
            action: "redrive_job",
            before: { jobId, status: "dead" },
            after: { jobId, status: job.status },
            details: { kind: job.kind, idempotencyKey: job.idempotencyKey },
            reason
          })
          return job
        })
      )
    })

    return {
      adjustMmr,
      removeFromQueue,
      unblockQueue,
      setBanned,
      resetAborts,
      clearQueue,
      resolveMatch,
      setAdmin,
      redriveJob
    }
  })
}) {}
