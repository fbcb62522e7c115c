/**
 * The buttons and selects of a match (reference §6.2–6.3): Confirm, Abort (pressed twice), the
 * Shield Battery acknowledgement, and the two result selects of the match view.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { type Discord, Ix } from "dfx"
import { Clock, Effect, Option } from "effect"
import { AppConfig } from "../../config.js"
import { MatchResult, sideOf } from "../../domain/Match.js"
import { abortsLeft } from "../../domain/Player.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"
import type { MatchRefused } from "../../ladder/matches/MatchRefused.js"
import { MatchService } from "../../ladder/matches/MatchService.js"
import { afterResponse } from "../AfterResponse.js"
import { currentCaller } from "../Caller.js"
import { MatchCards } from "../match/MatchCards.js"
import { matchLook } from "../match/matchLook.js"
import {
  abortedEmbed,
  matchView,
  promptAfterClick,
  shieldBatteryNotice,
  youConfirmed,
  type MatchAction
} from "../match/matchView.js"
import { currentToken, followUp } from "../OriginalResponse.js"
import { errorEmbed } from "../ui/embeds.js"
import { privateReply, update } from "../ui/responses.js"

const matchIdOf = (customId: string) => Number(customId.slice(customId.lastIndexOf(":") + 1))

const action = <R>(
  name: MatchAction,
  run: (
    matchId: number,
    values: ReadonlyArray<string>
  ) => Effect.Effect<Discord.CreateInteractionResponseRequest, MatchRefused | SqlError, R>
) =>
  Ix.messageComponent(
    Ix.idStartsWith(`match:${name}:`),
    Effect.gen(function* () {
      const data = yield* Ix.MessageComponentData
      return yield* run(matchIdOf(data.custom_id), "values" in data ? data.values : [])
    }).pipe(
      Effect.catchTag("MatchRefused", (refusal) =>
        Effect.succeed(privateReply({ embeds: [errorEmbed("Not Possible", refusal.message)] }))
      )
    )
  )

const abortBudget = Effect.gen(function* () {
  const caller = yield* currentCaller
  const { ladder } = yield* AppConfig
  const now = yield* Clock.currentTimeMillis
  const player = yield* (yield* PlayersRepo).ensure(caller.userId, caller.username)
  return abortsLeft(player, now, ladder.abortsPerMonth)
})

export const confirmMatch = action("confirm", (matchId) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    yield* (yield* MatchService).confirm(matchId, caller.userId)
    yield* afterResponse("match.confirmed", followUp(yield* currentToken, youConfirmed(matchId)))
    const card = yield* (yield* MatchCards).load(matchId)
    return update(
      promptAfterClick(card, { confirmed: true, abortArmed: false, abortsLeft: yield* abortBudget })
    )
  })
)

/** The first press only arms the abort: the button turns red and asks to be pressed again. */
export const armAbort = action("abort", (matchId) =>
  Effect.gen(function* () {
    const card = yield* (yield* MatchCards).load(matchId)
    return update(
      promptAfterClick(card, { confirmed: false, abortArmed: true, abortsLeft: yield* abortBudget })
    )
  })
)

export const abortMatch = action("abortconfirm", (matchId) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    yield* (yield* MatchService).abort(matchId, caller.userId)
    const card = yield* (yield* MatchCards).load(matchId)
    const aborter = card.player1.discordUid === caller.userId ? card.player1 : card.player2
    return update({ embeds: [abortedEmbed(card, aborter)] })
  })
)

export const acknowledgeShieldBattery = action("shield", (matchId) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    yield* (yield* PlayersRepo).updateSettings(caller.userId, { shieldBatteryAck: true }, "player")
    return update(shieldBatteryNotice(matchId, true))
  })
)

const viewerOf = (matchId: number) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const card = yield* (yield* MatchCards).load(matchId)
    const side = sideOf(card.match, caller.userId)
    return { card, side: side ?? 1, caller }
  })

const asResult = (value: string | undefined): Option.Option<MatchResult> =>
  value === "1"
    ? Option.some(1)
    : value === "2"
      ? Option.some(2)
      : value === "0"
        ? Option.some(0)
        : Option.none()

/** Picking a result only enables the confirmation select. */
export const chooseResult = action("result", (matchId, values) =>
  Effect.gen(function* () {
    const { card, side } = yield* viewerOf(matchId)
    const chosen = asResult(values[0])
    return update(
      matchView(card, side, yield* matchLook, {
        reportDeadlineAt: card.match.reportDeadlineAt,
        ...(Option.isSome(chosen) ? { chosen: chosen.value } : {})
      })
    )
  })
)

export const confirmResult = action("reportconfirm", (matchId, values) =>
  Effect.gen(function* () {
    const { caller } = yield* viewerOf(matchId)
    const result = asResult(values[0])
    if (Option.isNone(result))
      return privateReply({ embeds: [errorEmbed("Not Possible", "Pick a result first.")] })
    yield* (yield* MatchService).report(matchId, caller.userId, result.value)
    const { card, side } = yield* viewerOf(matchId)
    return update(matchView(card, side, yield* matchLook, { reportDeadlineAt: card.match.reportDeadlineAt }))
  })
)
