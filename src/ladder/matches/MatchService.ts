/**
 * Every change of a match's state, each one transaction guarded on the state it starts from, so the
 * races of the reference (abort vs completion, double abort, a result after completion, two reports
 * at once) cannot happen: the second writer finds the guard false and is refused. Ratings move in
 * the same transaction that completes the match; events go out after it commits.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Duration, Effect, Option, Schema } from "effect"
import { AppConfig } from "../../config.js"
import { decodeFirst, decodeRows } from "../../db/rows.js"
import {
  ABORTED_BY_OPPONENT,
  ABORTED_BY_PLAYER,
  DID_NOT_CONFIRM,
  outcomeOf,
  settle,
  sideOf,
  type MatchResult,
  type MatchStatus
} from "../../domain/Match.js"
import { monthOf } from "../../domain/Player.js"
import type { RaceCode } from "../../domain/Race.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../DomainEvents.js"
import { RatingModel } from "../RatingModel.js"
import { RatingsRepo, type PlayerRating } from "../RatingsRepo.js"
import { refused } from "./MatchRefused.js"
import { MatchRow } from "./MatchRow.js"

/** A pairing the matchmaker made, ready to become a match. */
export interface NewMatch {
  readonly player1Uid: Snowflake
  readonly player2Uid: Snowflake
  readonly player1Race: RaceCode
  readonly player2Race: RaceCode
  readonly player1Mmr: number
  readonly player2Mmr: number
  readonly player1Rank: string | null
  readonly player2Rank: string | null
  readonly mapName: string
  readonly server: string
}

/** Log annotations of a method acting on a match (and of the player acting, if any). */
const annotated = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  matchId: number,
  discordUid?: Snowflake | MatchResult
) =>
  Effect.annotateLogs(
    effect,
    typeof discordUid === "string" ? { matchId, playerId: discordUid } : { matchId }
  )

/** An admin's verdict on a match: a result, or no result at all (no MMR change). */
export type Resolution = MatchResult | "invalidate"

/** fresh: the match had moved no rating; terminal: it had; unchanged: it already stood so. */
export type ResolutionPath = "fresh" | "terminal" | "unchanged"

export interface ResolutionOutcome {
  readonly path: ResolutionPath
  readonly matchId: number
  readonly result: MatchResult | null
  /** Each player's MMR for the match's race, before and after the resolution. */
  readonly player1: { readonly before: number; readonly after: number }
  readonly player2: { readonly before: number; readonly after: number }
}

const HistoryRow = Schema.Struct({ discordUid: Schema.String, mmrBefore: Schema.Int, mmrAfter: Schema.Int })

/** Per player: the MMR before the match's first rating change, and the sum of its changes since. */
const appliedDeltas = (rows: ReadonlyArray<typeof HistoryRow.Type>) => {
  const applied = new Map<string, { readonly base: number; readonly delta: number }>()
  for (const row of rows) {
    const known = applied.get(row.discordUid)
    applied.set(row.discordUid, {
      base: known?.base ?? row.mmrBefore,
      delta: (known?.delta ?? 0) + row.mmrAfter - row.mmrBefore
    })
  }
  return applied
}

interface Counters {
  readonly played: number
  readonly won: number
  readonly lost: number
  readonly drawn: number
}

const countersOf = (result: MatchResult | null, side: 1 | 2): Counters => ({
  played: result === null ? 0 : 1,
  won: result === side ? 1 : 0,
  lost: result !== null && result !== 0 && result !== side ? 1 : 0,
  drawn: result === 0 ? 1 : 0
})

/** How one side's W/L/D counters move when a match's counted result changes from `from` to `to`. */
const counterChange = (from: MatchResult | null, to: MatchResult | null, side: 1 | 2): Counters => {
  const before = countersOf(from, side)
  const after = countersOf(to, side)
  return {
    played: after.played - before.played,
    won: after.won - before.won,
    lost: after.lost - before.lost,
    drawn: after.drawn - before.drawn
  }
}

const countersChanged = (counters: Counters) =>
  counters.played !== 0 || counters.won !== 0 || counters.lost !== 0 || counters.drawn !== 0

const asResult = (report: number | null): MatchResult | null =>
  report === 0 || report === 1 || report === 2 ? report : null

export class MatchService extends Effect.Service<MatchService>()("MatchService", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    /** A literal, not a parameter: Postgres cannot type a parameter that only a CASE branch holds. */
    const didNotConfirm = sql.literal(String(DID_NOT_CONFIRM))
    const events = yield* DomainEvents
    const ratings = yield* RatingsRepo
    const model = yield* RatingModel
    const { ladder } = yield* AppConfig
    const confirmWindowMs = Duration.toMillis(ladder.confirmationTimeout)
    const reportDeadlineMs = Duration.toMillis(ladder.reportDeadline)

    const find = Effect.fn("MatchService.find")(function* (matchId: number) {
      return yield* sql`SELECT * FROM matches WHERE id = ${matchId}`.pipe(decodeFirst(MatchRow))
    })

    const require = (matchId: number) =>
      Effect.flatMap(
        find(matchId),
        Option.match({
          onNone: () => Effect.fail(refused("not_found", `Match #${matchId} does not exist.`)),
          onSome: Effect.succeed
        })
      )

    const requireSide = (match: MatchRow, discordUid: Snowflake) => {
      const side = sideOf(match, discordUid)
      return side === null
        ? Effect.fail(refused("not_a_player", `You are not playing in match #${match.id}.`))
        : Effect.succeed(side)
    }

    /** Both players back to idle, if they are still in this match. */
    const release = (match: MatchRow, now: number) =>
      sql`UPDATE players SET state = 'idle', current_match_id = NULL, updated_at = ${now}
          WHERE discord_uid IN (${match.player1Uid}, ${match.player2Uid}) AND current_match_id = ${match.id}`

    /**
     * Creates the match for a pairing and moves both players from the queue into it. Runs inside the
     * wave's transaction; fails (rolling the wave back) if either player is no longer queueing.
     */
    const create = Effect.fn("MatchService.create")(function* (pairing: NewMatch) {
      const now = yield* Clock.currentTimeMillis
      const season = ladder.season
      const [inserted] = yield* sql<{ readonly id: number }>`INSERT INTO matches ${sql.insert({
        ...pairing,
        season,
        confirmDeadlineAt: now + confirmWindowMs,
        createdAt: now,
        updatedAt: now
      })} RETURNING id`
      if (inserted === undefined) return yield* Effect.dieMessage("INSERT … RETURNING returned no row")
      const moved =
        yield* sql`UPDATE players SET state = 'in_match', current_match_id = ${inserted.id}, updated_at = ${now}
        WHERE discord_uid IN (${pairing.player1Uid}, ${pairing.player2Uid}) AND state = 'queueing' RETURNING id`
      if (moved.length !== 2)
        return yield* Effect.dieMessage(`players of match ${inserted.id} were not both queueing`)
      yield* sql`DELETE FROM queue_entries WHERE discord_uid IN (${pairing.player1Uid}, ${pairing.player2Uid})`
      yield* events.emit(DomainEvent.MatchFound({ matchId: inserted.id }))
      return inserted.id
    })

    const confirm = Effect.fn("MatchService.confirm")(function* (matchId: number, discordUid: Snowflake) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const match = yield* require(matchId)
          const side = yield* requireSide(match, discordUid)
          if (match.status !== "awaiting_confirmation") {
            return yield* refused(
              "not_awaiting_confirmation",
              `Match #${matchId} can no longer be confirmed.`
            )
          }
          const updated =
            yield* sql`UPDATE matches SET ${sql(side === 1 ? "player1ConfirmedAt" : "player2ConfirmedAt")} = ${now},
              updated_at = ${now}
            WHERE id = ${matchId} AND status = 'awaiting_confirmation'
              AND ${sql(side === 1 ? "player1ConfirmedAt" : "player2ConfirmedAt")} IS NULL
            RETURNING *`.pipe(decodeFirst(MatchRow))
          if (Option.isNone(updated))
            return yield* refused("already_confirmed", "You already confirmed this match.")
          const both = updated.value.player1ConfirmedAt !== null && updated.value.player2ConfirmedAt !== null
          if (both) {
            yield* sql`UPDATE matches SET status = 'in_progress', confirmed_at = ${now},
                report_deadline_at = ${now + reportDeadlineMs}, updated_at = ${now}
              WHERE id = ${matchId} AND status = 'awaiting_confirmation'`
          }
          yield* events.emit(DomainEvent.MatchConfirmed({ matchId, discordUid, both }))
          return { both }
        })
      )
    }, annotated)

    /**
     * A player aborts before confirming: one abort of their monthly budget, reports -3 / -1, both
     * players released. Refused once they confirmed, once the match has moved on, or with no aborts left.
     */
    const abort = Effect.fn("MatchService.abort")(function* (matchId: number, discordUid: Snowflake) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const month = monthOf(now)
          const match = yield* require(matchId)
          const side = yield* requireSide(match, discordUid)
          if (match.status !== "awaiting_confirmation") {
            return yield* refused("not_awaiting_confirmation", `Match #${matchId} can no longer be aborted.`)
          }
          if ((side === 1 ? match.player1ConfirmedAt : match.player2ConfirmedAt) !== null) {
            return yield* refused(
              "already_confirmed",
              "You already confirmed this match, so it can no longer be aborted."
            )
          }
          const spent = yield* sql<{ readonly remainingAborts: number; readonly playerName: string | null }>`
            UPDATE players SET
              remaining_aborts = CASE WHEN aborts_month = ${month} THEN remaining_aborts - 1 ELSE ${ladder.abortsPerMonth - 1} END,
              aborts_month = ${month}, updated_at = ${now}
            WHERE discord_uid = ${discordUid} AND ${ladder.abortsPerMonth} > 0
              AND (aborts_month <> ${month} OR remaining_aborts > 0)
            RETURNING remaining_aborts, player_name`
          const [after] = spent
          if (after === undefined)
            return yield* refused("no_aborts_left", "You have no match aborts left this month.")
          yield* sql`INSERT INTO player_action_logs ${sql.insert({
            discordUid,
            playerName: after.playerName ?? discordUid,
            setting: "remaining_aborts",
            oldValue: String(after.remainingAborts + 1),
            newValue: String(after.remainingAborts),
            changedBy: "player",
            changedAt: now
          })}`
          yield* sql`UPDATE matches SET status = 'aborted', aborted_by_uid = ${discordUid}, finished_at = ${now},
              player1_report = ${side === 1 ? ABORTED_BY_PLAYER : ABORTED_BY_OPPONENT},
              player2_report = ${side === 2 ? ABORTED_BY_PLAYER : ABORTED_BY_OPPONENT}, updated_at = ${now}
            WHERE id = ${matchId} AND status = 'awaiting_confirmation'`
          yield* release(match, now)
          yield* events.emit(DomainEvent.MatchAborted({ matchId }))
          return { remainingAborts: after.remainingAborts }
        })
      )
    }, annotated)

    /** The confirmation window lapsed: abandoned at no cost; unconfirmed players get -4. */
    const expireConfirmation = Effect.fn("MatchService.expireConfirmation")(function* (matchId: number) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const abandoned =
            yield* sql`UPDATE matches SET status = 'abandoned', finished_at = ${now}, updated_at = ${now},
              player1_report = CASE WHEN player1_confirmed_at IS NULL THEN ${didNotConfirm} ELSE NULL END,
              player2_report = CASE WHEN player2_confirmed_at IS NULL THEN ${didNotConfirm} ELSE NULL END
            WHERE id = ${matchId} AND status = 'awaiting_confirmation' AND confirm_deadline_at <= ${now}
            RETURNING *`.pipe(decodeFirst(MatchRow))
          if (Option.isNone(abandoned)) return false
          yield* release(abandoned.value, now)
          yield* events.emit(DomainEvent.MatchAbandoned({ matchId }))
          return true
        })
      )
    }, annotated)

    /**
     * Applies the result: ratings, counters, history, match row, players released. In a transaction.
     * A match leaves `from` (the statuses a normal completion starts from); an admin's fresh
     * resolution passes the match's current status and its id, and `MatchResolved` replaces
     * `MatchCompleted` so that players get the resolution rather than a plain result.
     */
    const complete = (
      match: MatchRow,
      result: MatchResult,
      now: number,
      options: { readonly from: ReadonlyArray<MatchStatus>; readonly resolvedBy?: Snowflake } = {
        from: ["in_progress", "unreported"]
      }
    ) =>
      Effect.gen(function* () {
        const rating1 = yield* ratings.ensure(match.player1Uid, match.player1Race)
        const rating2 = yield* ratings.ensure(match.player2Uid, match.player2Race)
        const after = model.rate({ player1: rating1.mmr, player2: rating2.mmr }, outcomeOf(result))
        const apply = (ratingId: number, mmr: number, won: boolean, lost: boolean) =>
          sql`UPDATE ratings SET mmr = ${mmr}, games_played = games_played + 1,
              games_won = games_won + ${won ? 1 : 0}, games_lost = games_lost + ${lost ? 1 : 0},
              games_drawn = games_drawn + ${result === 0 ? 1 : 0}, last_played_at = ${now}, updated_at = ${now}
            WHERE id = ${ratingId}`
        yield* apply(rating1.id, after.player1, result === 1, result === 2)
        yield* apply(rating2.id, after.player2, result === 2, result === 1)
        yield* sql`INSERT INTO mmr_history ${sql.insert([
          {
            discordUid: match.player1Uid,
            race: match.player1Race,
            matchId: match.id,
            cause: "match",
            mmrBefore: rating1.mmr,
            mmrAfter: after.player1,
            createdAt: now
          },
          {
            discordUid: match.player2Uid,
            race: match.player2Race,
            matchId: match.id,
            cause: "match",
            mmrBefore: rating2.mmr,
            mmrAfter: after.player2,
            createdAt: now
          }
        ])}`
        const resolvedBy = options.resolvedBy ?? null
        const completed = yield* sql`UPDATE matches SET status = 'completed', result = ${result},
            player1_mmr_change = ${after.player1 - rating1.mmr}, player2_mmr_change = ${after.player2 - rating2.mmr},
            finished_at = ${now}, updated_at = ${now},
            resolved_by_uid = ${resolvedBy === null ? sql`resolved_by_uid` : resolvedBy},
            resolved_at = ${resolvedBy === null ? sql`resolved_at` : now}
          WHERE id = ${match.id} AND status IN ${sql.in(options.from)} RETURNING id`
        if (completed.length === 0) return yield* Effect.dieMessage(`match ${match.id} completed twice`)
        yield* release(match, now)
        yield* events.emit(
          DomainEvent.MmrChanged({ matchId: match.id, players: [match.player1Uid, match.player2Uid] })
        )
        yield* events.emit(
          resolvedBy === null
            ? DomainEvent.MatchCompleted({ matchId: match.id })
            : DomainEvent.MatchResolved({ matchId: match.id, adminUid: resolvedBy, result })
        )
        return {
          player1: { before: rating1.mmr, after: after.player1 },
          player2: { before: rating2.mmr, after: after.player2 }
        }
      })

    /** Settles a match whose reports just changed: complete, conflict, or keep waiting. */
    const settleReports = (matchId: number, now: number) =>
      Effect.gen(function* () {
        const match = yield* require(matchId)
        const settlement = settle(asResult(match.player1Report), asResult(match.player2Report))
        if (settlement._tag === "Agreed") yield* complete(match, settlement.result, now)
        if (settlement._tag === "Conflict") {
          yield* sql`UPDATE matches SET status = 'conflict', finished_at = ${now}, updated_at = ${now}
            WHERE id = ${matchId} AND status = 'in_progress'`
          yield* release(match, now)
          yield* events.emit(DomainEvent.MatchConflict({ matchId }))
        }
        return settlement
      })

    /** A player reports win / loss / draw (as 1, 2 or 0 in the match's orientation). */
    const report = Effect.fn("MatchService.report")(function* (
      matchId: number,
      discordUid: Snowflake,
      result: MatchResult
    ) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const match = yield* require(matchId)
          const side = yield* requireSide(match, discordUid)
          if (match.status !== "in_progress") {
            return yield* refused("not_in_progress", `Match #${matchId} is not waiting for results.`)
          }
          const column = side === 1 ? "player1Report" : "player2Report"
          const stored = yield* sql`UPDATE matches SET ${sql(column)} = ${result},
              ${sql(side === 1 ? "player1ReportedAt" : "player2ReportedAt")} = ${now}, updated_at = ${now}
            WHERE id = ${matchId} AND status = 'in_progress' AND ${sql(column)} IS NULL RETURNING id`
          if (stored.length === 0)
            return yield* refused("already_reported", "You already reported this match.")
          yield* events.emit(DomainEvent.ResultReported({ matchId, discordUid }))
          return yield* settleReports(matchId, now)
        })
      )
    }, annotated)

    /**
     * A verified replay reports its result for every player who has not reported yet (§6.4 step 10);
     * a player who reported otherwise before makes it a conflict.
     */
    const reportFromReplay = Effect.fn("MatchService.reportFromReplay")(function* (
      matchId: number,
      result: MatchResult
    ) {
      const now = yield* Clock.currentTimeMillis
      const match = yield* require(matchId)
      if (match.status !== "in_progress") return { _tag: "Waiting" as const }
      yield* sql`UPDATE matches SET
          player1_report = COALESCE(player1_report, ${result}),
          player1_reported_at = COALESCE(player1_reported_at, ${now}),
          player2_report = COALESCE(player2_report, ${result}),
          player2_reported_at = COALESCE(player2_reported_at, ${now}), updated_at = ${now}
        WHERE id = ${matchId} AND status = 'in_progress'`
      return yield* settleReports(matchId, now)
    }, annotated)

    /**
     * The report deadline passed: a lone report stands (its player's result is recorded); with no
     * report at all the match is flagged for the admins. Either way both players are free again.
     */
    const expireReports = Effect.fn("MatchService.expireReports")(function* (matchId: number) {
      return yield* events.transactional(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const match = yield* require(matchId)
          if (
            match.status !== "in_progress" ||
            match.reportDeadlineAt === null ||
            match.reportDeadlineAt > now
          ) {
            return "not_due" as const
          }
          const lone = asResult(match.player1Report) ?? asResult(match.player2Report)
          if (lone !== null) {
            yield* complete(match, lone, now)
            return "lone_report_stands" as const
          }
          yield* sql`UPDATE matches SET status = 'unreported', finished_at = ${now}, updated_at = ${now}
            WHERE id = ${matchId} AND status = 'in_progress'`
          yield* release(match, now)
          yield* events.emit(DomainEvent.MatchUnreported({ matchId }))
          return "unreported" as const
        })
      )
    }, annotated)

    /** Matches whose timers must run: awaiting confirmation or reports. */
    const open = Effect.fn("MatchService.open")(function* () {
      return yield* sql`SELECT * FROM matches WHERE status IN ('awaiting_confirmation', 'in_progress') ORDER BY id`.pipe(
        decodeRows(MatchRow)
      )
    })

    /** What this match has done to each player's rating so far, from its `mmr_history` rows. */
    const appliedBy = (matchId: number) =>
      sql`SELECT discord_uid, mmr_before, mmr_after FROM mmr_history WHERE match_id = ${matchId} ORDER BY id`.pipe(
        decodeRows(HistoryRow),
        Effect.map(appliedDeltas)
      )

    /** Moves one player's rating from what the match applied to what the new result wants. */
    const moveRating = (
      rating: PlayerRating,
      change: {
        readonly matchId: number
        readonly delta: number
        readonly counters: Counters
        readonly now: number
      }
    ) =>
      Effect.gen(function* () {
        const { counters, delta, now } = change
        const updated = yield* sql`UPDATE ratings SET mmr = mmr + ${delta},
            games_played = games_played + ${counters.played}, games_won = games_won + ${counters.won},
            games_lost = games_lost + ${counters.lost}, games_drawn = games_drawn + ${counters.drawn},
            updated_at = ${now}
          WHERE id = ${rating.id} AND mmr = ${rating.mmr} RETURNING id`
        if (updated.length === 0)
          return yield* Effect.dieMessage(`rating ${rating.id} changed under a resolution`)
        if (delta !== 0) {
          yield* sql`INSERT INTO mmr_history ${sql.insert({
            discordUid: rating.discordUid,
            race: rating.race,
            matchId: change.matchId,
            cause: "admin_resolve",
            mmrBefore: rating.mmr,
            mmrAfter: rating.mmr + delta,
            createdAt: now
          })}`
        }
        return { before: rating.mmr, after: rating.mmr + delta }
      })

    /**
     * An admin sets the result of a match, or invalidates it (reference §6.7), in the caller's
     * transaction if there is one.
     *
     * - Fresh: the match never moved ratings. A result completes it exactly as agreeing reports
     *   would (ratings from the current MMR, counters, history with cause `match`); invalidating
     *   closes it with no change.
     * - Terminal: it did move ratings. Rather than restoring the pre-match snapshot (which erased
     *   every later change, the reference's defect 13), the delta this match applied, summed from
     *   its `mmr_history` rows, is taken back and the new result's delta, rated from the same
     *   pre-match MMRs, is applied on top of the current MMR; W/L/D counters move from the old
     *   result to the new one. History rows get cause `admin_resolve`.
     *
     * Repeating a resolution changes nothing (`path: "unchanged"`). Guarded on the row as read.
     */
    const adminResolve = Effect.fn("MatchService.adminResolve")(
      function* (matchId: number, resolution: Resolution, adminUid: Snowflake) {
        const body = Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const match = yield* require(matchId)
          const target = resolution === "invalidate" ? null : resolution
          const counted = match.status === "completed" ? match.result : null
          const applied = yield* appliedBy(matchId)
          const rating1 = yield* ratings.ensure(match.player1Uid, match.player1Race)
          const rating2 = yield* ratings.ensure(match.player2Uid, match.player2Race)
          const standing = (path: ResolutionPath): ResolutionOutcome => ({
            path,
            matchId,
            result: target,
            player1: { before: rating1.mmr, after: rating1.mmr },
            player2: { before: rating2.mmr, after: rating2.mmr }
          })
          if (target === null ? match.status === "invalidated" : counted === target)
            return standing("unchanged")

          if (applied.size === 0 && target !== null) {
            const moved = yield* complete(match, target, now, { from: [match.status], resolvedBy: adminUid })
            return { path: "fresh", matchId, result: target, ...moved } satisfies ResolutionOutcome
          }
          // Invalidating a match that moved nothing, or re-resolving one that did.
          const base1 = applied.get(match.player1Uid)?.base ?? rating1.mmr
          const base2 = applied.get(match.player2Uid)?.base ?? rating2.mmr
          const rated =
            target === null ? null : model.rate({ player1: base1, player2: base2 }, outcomeOf(target))
          const wanted1 = rated === null ? 0 : rated.player1 - base1
          const wanted2 = rated === null ? 0 : rated.player2 - base2
          const counters1 = counterChange(counted, target, 1)
          const counters2 = counterChange(counted, target, 2)
          const player1 = yield* moveRating(rating1, {
            matchId,
            now,
            delta: wanted1 - (applied.get(match.player1Uid)?.delta ?? 0),
            counters: counters1
          })
          const player2 = yield* moveRating(rating2, {
            matchId,
            now,
            delta: wanted2 - (applied.get(match.player2Uid)?.delta ?? 0),
            counters: counters2
          })
          const resolved =
            yield* sql`UPDATE matches SET status = ${target === null ? "invalidated" : "completed"},
            result = ${target}, player1_mmr_change = ${wanted1}, player2_mmr_change = ${wanted2},
            finished_at = COALESCE(finished_at, ${now}), resolved_by_uid = ${adminUid}, resolved_at = ${now},
            updated_at = ${now}
          WHERE id = ${matchId} AND status = ${match.status} AND updated_at = ${match.updatedAt} RETURNING id`
          if (resolved.length === 0)
            return yield* Effect.dieMessage(`match ${matchId} changed under its resolution`)
          yield* release(match, now)
          // Games played decide who is ranked, so a change of counters alone changes the ratings too.
          const moved = player1.before !== player1.after || player2.before !== player2.after
          if (moved || countersChanged(counters1) || countersChanged(counters2)) {
            yield* events.emit(
              DomainEvent.MmrChanged({ matchId, players: [match.player1Uid, match.player2Uid] })
            )
          }
          yield* events.emit(DomainEvent.MatchResolved({ matchId, adminUid, result: target }))
          const path: ResolutionPath = applied.size === 0 ? "fresh" : "terminal"
          return { path, matchId, result: target, player1, player2 } satisfies ResolutionOutcome
        })
        return yield* events.transactional(body)
      },
      (effect, matchId, _resolution, adminUid) => Effect.annotateLogs(effect, { matchId, adminUid })
    )

    return {
      find,
      create,
      confirm,
      abort,
      expireConfirmation,
      report,
      reportFromReplay,
      expireReports,
      open,
      adminResolve
    }
  })
}) {}
