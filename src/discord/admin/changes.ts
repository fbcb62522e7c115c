/**
 * The mutating admin subcommands (reference §3.10): each looks up what it will change, refuses
 * privately what cannot be done, and otherwise shows the preview to confirm (see confirmation.ts).
 */
import { Clock, Effect, Option, Schema } from "effect"
import { AppConfig } from "../../config.js"
import { MatchResult } from "../../domain/Match.js"
import { abortsLeft, displayName } from "../../domain/Player.js"
import { RaceCode } from "../../domain/Race.js"
import { JobQueue } from "../../jobs/JobQueue.js"
import { applyOperation, type MmrOperation } from "../../ladder/admin/AdminActions.js"
import { LadderData } from "../../ladder/LadderData.js"
import { MatchService, type Resolution } from "../../ladder/matches/MatchService.js"
import { RatingsRepo } from "../../ladder/RatingsRepo.js"
import { StaffRepo } from "../../ladder/StaffRepo.js"
import type { StaffContext } from "./access.js"
import { askToConfirm, preview } from "./confirmation.js"
import { findPlayer, findUser } from "./lookup.js"
import { signed } from "./notices.js"
import { field, privateError } from "./responses.js"

const reasonField = (reason: string) => field("Reason", reason)

/** A winner option: 1, 2, 0 (draw) or -1 (invalidate), as the reference numbered them. */
export const resolutionOf = (winner: number): Option.Option<Resolution> =>
  winner === -1 ? Option.some("invalidate") : Schema.decodeUnknownOption(MatchResult)(winner)

export const resolveMatch = (context: StaffContext, matchId: number, winner: number, reason: string) =>
  Effect.gen(function* () {
    const resolution = resolutionOf(winner)
    if (Option.isNone(resolution)) return privateError("Invalid Result", "Pick one of the offered results.")
    const match = yield* (yield* MatchService).find(matchId)
    if (Option.isNone(match)) return privateError("Match Not Found", `Match #${matchId} does not exist.`)
    const data = yield* LadderData
    const m = match.value
    const label =
      resolution.value === "invalidate"
        ? "Invalidate (no MMR change)"
        : resolution.value === 0
          ? "Draw"
          : `Player ${resolution.value} wins`
    return yield* askToConfirm(
      context.caller,
      { _tag: "Resolve", matchId, resolution: resolution.value, reason },
      preview(
        "⚠️ Admin: Confirm Match Resolution",
        `Match #${matchId}: <@${m.player1Uid}> (${data.races.get(m.player1Race).name}) vs <@${m.player2Uid}> (${data.races.get(m.player2Race).name})`,
        [
          field("Current State", `${m.status}${m.result === null ? "" : ` (result ${m.result})`}`, true),
          field("New Result", label, true),
          reasonField(reason)
        ]
      )
    )
  })

export const adjustMmr = (
  context: StaffContext,
  input: { readonly user: string; readonly race: string; readonly operation: string; readonly value: number },
  reason: string
) =>
  Effect.gen(function* () {
    const player = yield* findPlayer(input.user)
    const race = Schema.decodeUnknownOption(RaceCode)(input.race)
    const operation = Schema.decodeUnknownOption(Schema.Literal("set", "add", "subtract"))(input.operation)
    if (Option.isNone(race) || Option.isNone(operation)) {
      return privateError("Invalid Option", "Pick a race and an operation from the offered choices.")
    }
    const rating = yield* (yield* RatingsRepo).find(player.discordUid, race.value)
    if (Option.isNone(rating)) {
      return privateError("Player/race not found", `${displayName(player)} has no ${race.value} rating.`)
    }
    const op: MmrOperation = operation.value
    const after = applyOperation(rating.value.mmr, op, input.value)
    if (after < 0) {
      return privateError(
        "Negative MMR",
        `That would make ${displayName(player)}'s MMR ${after}; MMR cannot be negative.`
      )
    }
    const raceName = (yield* LadderData).races.get(race.value).name
    return yield* askToConfirm(
      context.caller,
      {
        _tag: "AdjustMmr",
        discordUid: player.discordUid,
        race: race.value,
        operation: op,
        value: input.value,
        expectedMmr: rating.value.mmr,
        reason
      },
      preview(
        "⚠️ Admin: Confirm MMR Adjustment",
        `${displayName(player)} (<@${player.discordUid}>), **${raceName}**`,
        [
          field("Current", String(rating.value.mmr), true),
          field("New", String(after), true),
          field("Change", signed(after - rating.value.mmr), true),
          reasonField(reason)
        ]
      )
    )
  })

export const removeFromQueue = (context: StaffContext, user: string, reason: string) =>
  Effect.gen(function* () {
    const player = yield* findPlayer(user)
    if (player.state !== "queueing")
      return privateError("Not in Queue", `${displayName(player)} was not in queue.`)
    return yield* askToConfirm(
      context.caller,
      { _tag: "RemoveQueue", discordUid: player.discordUid, reason },
      preview(
        "⚠️ Admin: Confirm Queue Removal",
        `Remove ${displayName(player)} (<@${player.discordUid}>) from the queue?`,
        [reasonField(reason)]
      )
    )
  })

export const unblockQueue = (context: StaffContext, user: string, reason: string) =>
  Effect.gen(function* () {
    const player = yield* findPlayer(user)
    const state = player.state === "in_match" ? `in match #${player.currentMatchId ?? "?"}` : player.state
    return yield* askToConfirm(
      context.caller,
      { _tag: "Unblock", discordUid: player.discordUid, reason },
      preview(
        "⚠️ Admin: Confirm Queue Unblock",
        `Set ${displayName(player)} (<@${player.discordUid}>) back to idle so that they can queue again?` +
          (player.state === "in_match" ? " Their match stays open; resolve it separately." : ""),
        [field("Current State", state, true), reasonField(reason)]
      )
    )
  })

export const toggleBan = (context: StaffContext, user: string, reason: string) =>
  Effect.gen(function* () {
    const player = yield* findPlayer(user)
    const banned = !player.isBanned
    return yield* askToConfirm(
      context.caller,
      { _tag: "Ban", discordUid: player.discordUid, banned, reason },
      preview(
        banned ? "⚠️ Admin: Confirm Ban" : "⚠️ Admin: Confirm Unban",
        `${banned ? "Ban" : "Unban"} ${displayName(player)} (<@${player.discordUid}>)?` +
          (banned && player.state === "queueing" ? " They will also be removed from the queue." : ""),
        [reasonField(reason)],
        banned
      )
    )
  })

export const resetAborts = (context: StaffContext, user: string, count: number, reason: string) =>
  Effect.gen(function* () {
    const player = yield* findPlayer(user)
    const { ladder } = yield* AppConfig
    const current = abortsLeft(player, yield* Clock.currentTimeMillis, ladder.abortsPerMonth)
    return yield* askToConfirm(
      context.caller,
      { _tag: "ResetAborts", discordUid: player.discordUid, count, reason },
      preview(
        "⚠️ Admin: Confirm Abort Count Reset",
        `${displayName(player)} (<@${player.discordUid}>), this month`,
        [
          field("Current", String(current), true),
          field("New", String(count), true),
          field("Change", signed(count - current), true),
          reasonField(reason)
        ]
      )
    )
  })

export const clearQueue = (context: StaffContext, reason: string, queued: number) =>
  askToConfirm(
    context.caller,
    { _tag: "ClearQueue", reason },
    preview(
      "🚨 Admin: EMERGENCY Confirm Queue Clear",
      `This removes **all ${queued}** queued player(s) from the queue and tells each of them.`,
      [reasonField(reason)],
      true
    )
  )

export const redriveJob = (context: StaffContext, jobId: number, reason: string) =>
  Effect.gen(function* () {
    const job = yield* (yield* JobQueue).get(jobId)
    if (Option.isNone(job)) return privateError("Job Not Found", `Job #${jobId} does not exist.`)
    if (job.value.status !== "dead") {
      return privateError(
        "Job Not Dead",
        `Job #${jobId} is ${job.value.status}; only dead jobs can be redriven.`
      )
    }
    return yield* askToConfirm(
      context.caller,
      { _tag: "Redrive", jobId, reason },
      preview("⚠️ Admin: Confirm Job Redrive", `Job #${jobId} (${job.value.kind}) goes back to pending.`, [
        field("Attempts", `${job.value.attempts}/${job.value.maxAttempts}`, true),
        field("Last Error", job.value.lastError ?? "none"),
        reasonField(reason)
      ])
    )
  })

/** `/owner admin`: grants admin status to a user who lacks it, takes it from one who has it. */
export const toggleAdmin = (context: StaffContext, user: string, reason: string) =>
  Effect.gen(function* () {
    const target = yield* findUser(user)
    const role = yield* (yield* StaffRepo).roleOf(target.discordUid)
    if (Option.contains(role, "owner")) {
      return privateError("Owner Protected", `Cannot modify owner status for ${target.name}.`)
    }
    const admin = Option.isNone(role)
    return yield* askToConfirm(
      context.caller,
      { _tag: "SetAdmin", discordUid: target.discordUid, name: target.name, admin, reason },
      preview(
        "👑 Owner: Confirm Admin Status Change",
        `${target.name} (<@${target.discordUid}>) will ${admin ? "become an admin" : "no longer be an admin"}.`,
        [reasonField(reason)]
      )
    )
  })
