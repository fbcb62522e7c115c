/**
 * Tells players (and the admin match-log channel) what happened to their match, from the domain
 * events published after each transition commits: the confirmation prompt, the reminder and the
 * Shield Battery notice, the match view once both confirmed, and every ending. Messages go out by
 * DM with the bot token and are found again by key for later edits, so a restart loses nothing:
 * reminders still due are re-armed from the database.
 */
import { Clock, Duration, Effect, FiberMap, Option, Stream } from "effect"
import { AppConfig } from "../../config.js"
import { sideOf } from "../../domain/Match.js"
import { abortsLeft } from "../../domain/Player.js"
import { DomainEvents, type DomainEvent } from "../../ladder/DomainEvents.js"
import { MatchService } from "../../ladder/matches/MatchService.js"
import { checkOf, ReplaysRepo } from "../../ladder/replays/ReplaysRepo.js"
import { replayDetails } from "./replayDetails.js"
import { Messenger } from "../Messenger.js"
import { promptKey, reminderKey, searchKey, shieldKey, viewKey } from "./keys.js"
import { MatchCards, type MatchCard } from "./MatchCards.js"
import { matchLook } from "./matchLook.js"
import {
  abandonedEmbed,
  abortedEmbed,
  confirmationPrompt,
  confirmedNotice,
  conflictEmbed,
  foundNotice,
  matchView,
  opponentConfirmed,
  opponentReported,
  reminder,
  resultFinalized,
  shieldBatteryNotice,
  unreportedEmbed
} from "./matchView.js"

/** The Shield Battery notice goes out this long after the match is found. */
const SHIELD_NOTICE_AFTER_MS = 15_000

export class MatchNotifier extends Effect.Service<MatchNotifier>()("MatchNotifier", {
  scoped: Effect.gen(function* () {
    const events = yield* DomainEvents
    const cards = yield* MatchCards
    const replays = yield* ReplaysRepo
    const messenger = yield* Messenger
    const matches = yield* MatchService
    const { ladder } = yield* AppConfig
    const look = yield* matchLook
    const confirmWindowMs = Duration.toMillis(ladder.confirmationTimeout)
    const timers = yield* FiberMap.make<string>()

    const bothPlayers = (card: MatchCard) =>
      [
        { player: card.player1, side: 1 as const },
        { player: card.player2, side: 2 as const }
      ] as const

    /** Sends once: a message under `key` marks it as sent, so a restart does not repeat it. */
    const once = (key: string, discordUid: string, send: Effect.Effect<Parameters<typeof messenger.dm>[1]>) =>
      Effect.gen(function* () {
        if (Option.isSome(yield* messenger.find(key))) return
        yield* messenger.dm(discordUid, yield* send, key)
      })

    /** The reminder (a third into the window) and the Shield Battery notice, while still unconfirmed. */
    const armReminders = (card: MatchCard) =>
      Effect.forEach(
        bothPlayers(card),
        ({ player, side }) =>
          Effect.gen(function* () {
            const { match } = card
            const now = yield* Clock.currentTimeMillis
            const stillWaiting = Effect.map(matches.find(match.id), (found) =>
              Option.exists(
                found,
                (m) =>
                  m.status === "awaiting_confirmation" &&
                  (side === 1 ? m.player1ConfirmedAt : m.player2ConfirmedAt) === null
              )
            )
            const remindAt = match.createdAt + confirmWindowMs / 3
            yield* FiberMap.run(
              timers,
              reminderKey(match.id, player.discordUid),
              Effect.gen(function* () {
                yield* Effect.sleep(Math.max(0, remindAt - now))
                if (yield* stillWaiting) {
                  yield* once(
                    reminderKey(match.id, player.discordUid),
                    player.discordUid,
                    Effect.succeed(reminder(card))
                  )
                }
              })
            )
            const hasBwProtoss = match.player1Race === "bw_protoss" || match.player2Race === "bw_protoss"
            if (hasBwProtoss && !player.shieldBatteryAck) {
              yield* FiberMap.run(
                timers,
                shieldKey(match.id, player.discordUid),
                Effect.gen(function* () {
                  yield* Effect.sleep(Math.max(0, match.createdAt + SHIELD_NOTICE_AFTER_MS - now))
                  const open = yield* Effect.map(matches.find(match.id), (found) =>
                    Option.exists(
                      found,
                      (m) => m.status === "awaiting_confirmation" || m.status === "in_progress"
                    )
                  )
                  if (open) {
                    yield* once(
                      shieldKey(match.id, player.discordUid),
                      player.discordUid,
                      Effect.succeed(shieldBatteryNotice(match.id, false))
                    )
                  }
                })
              )
            }
          }),
        { discard: true }
      )

    const cancelReminders = (card: MatchCard) =>
      Effect.forEach(
        bothPlayers(card),
        ({ player }) =>
          Effect.zipRight(
            FiberMap.remove(timers, reminderKey(card.match.id, player.discordUid)),
            FiberMap.remove(timers, shieldKey(card.match.id, player.discordUid))
          ),
        { discard: true }
      )

    const editPrompts = (card: MatchCard, body: Parameters<typeof messenger.edit>[1]) =>
      Effect.forEach(
        bothPlayers(card),
        ({ player }) => messenger.edit(promptKey(card.match.id, player.discordUid), body),
        {
          discard: true
        }
      )

    /** Re-renders both players' match views as the match now stands. */
    const refreshViews = (card: MatchCard) =>
      Effect.forEach(
        bothPlayers(card),
        ({ player, side }) =>
          messenger.edit(
            viewKey(card.match.id, player.discordUid),
            matchView(card, side, look, { reportDeadlineAt: card.match.reportDeadlineAt })
          ),
        { discard: true }
      )

    const toBoth = (card: MatchCard, body: Parameters<typeof messenger.dm>[1]) =>
      Effect.forEach(bothPlayers(card), ({ player }) => messenger.dm(player.discordUid, body), {
        discard: true
      })

    const handle = (event: DomainEvent) =>
      Effect.gen(function* () {
        switch (event._tag) {
          case "MatchFound": {
            const card = yield* cards.load(event.matchId)
            const now = yield* Clock.currentTimeMillis
            for (const { player } of bothPlayers(card)) {
              yield* messenger.edit(searchKey(player.discordUid), foundNotice(card.match.id))
              yield* messenger.dm(
                player.discordUid,
                confirmationPrompt(card, abortsLeft(player, now, ladder.abortsPerMonth)),
                promptKey(card.match.id, player.discordUid)
              )
            }
            return yield* armReminders(card)
          }
          case "MatchConfirmed": {
            const card = yield* cards.load(event.matchId)
            const side = sideOf(card.match, event.discordUid)
            const opponent = side === 1 ? card.player2 : card.player1
            const confirmer = side === 1 ? card.player1 : card.player2
            yield* FiberMap.remove(timers, reminderKey(card.match.id, confirmer.discordUid))
            if (!event.both)
              return yield* messenger.dm(opponent.discordUid, opponentConfirmed(card.match.id, confirmer))
            yield* FiberMap.remove(timers, reminderKey(card.match.id, opponent.discordUid))
            yield* editPrompts(card, confirmedNotice(card.match.id))
            for (const { player, side: viewer } of bothPlayers(card)) {
              yield* messenger.dm(
                player.discordUid,
                matchView(card, viewer, look, { reportDeadlineAt: card.match.reportDeadlineAt }),
                viewKey(card.match.id, player.discordUid)
              )
            }
            return
          }
          case "MatchAborted": {
            const card = yield* cards.load(event.matchId)
            yield* cancelReminders(card)
            const aborter =
              [card.player1, card.player2].find((p) => p.discordUid === card.match.abortedByUid) ?? null
            const embed = abortedEmbed(card, aborter)
            yield* editPrompts(card, { embeds: [embed] })
            return yield* messenger.toAdminChannel({ embeds: [embed] })
          }
          case "MatchAbandoned": {
            const card = yield* cards.load(event.matchId)
            yield* cancelReminders(card)
            const embed = abandonedEmbed(card)
            yield* editPrompts(card, { embeds: [embed] })
            return yield* messenger.toAdminChannel({ embeds: [embed] })
          }
          case "ResultReported": {
            const card = yield* cards.load(event.matchId)
            if (card.match.status !== "in_progress") return
            const side = sideOf(card.match, event.discordUid)
            const reporter = side === 1 ? card.player1 : card.player2
            const opponent = side === 1 ? card.player2 : card.player1
            const report = side === 1 ? card.match.player1Report : card.match.player2Report
            const theirs = side === 1 ? card.match.player2Report : card.match.player1Report
            if (theirs !== null || (report !== 0 && report !== 1 && report !== 2)) return
            return yield* messenger.dm(opponent.discordUid, opponentReported(card, reporter, report))
          }
          case "MatchCompleted": {
            const card = yield* cards.load(event.matchId)
            yield* refreshViews(card)
            const embed = resultFinalized(card, look)
            yield* toBoth(card, { embeds: [embed] })
            return yield* messenger.toAdminChannel({ embeds: [embed] })
          }
          case "MatchConflict": {
            const card = yield* cards.load(event.matchId)
            yield* refreshViews(card)
            const embed = conflictEmbed(card)
            yield* toBoth(card, { embeds: [embed] })
            return yield* messenger.toAdminChannel({ embeds: [embed] }, { pingStaff: true })
          }
          case "MatchUnreported": {
            const card = yield* cards.load(event.matchId)
            yield* refreshViews(card)
            const embed = unreportedEmbed(card)
            yield* toBoth(card, { embeds: [embed] })
            return yield* messenger.toAdminChannel({ embeds: [embed] }, { pingStaff: true })
          }
          case "ReplayChecked": {
            const uploads = yield* replays.uploadsOf(event.matchId, event.hash)
            const check = Option.firstSomeOf(uploads.map(checkOf))
            if (Option.isNone(check)) return
            const embed = replayDetails(event.matchId, check.value)
            for (const uploader of new Set(uploads.map((upload) => upload.uploaderUid))) {
              yield* messenger.dm(uploader, { embeds: [embed] })
            }
            return yield* refreshViews(yield* cards.load(event.matchId))
          }
          default:
            return
        }
      }).pipe(
        Effect.catchAllCause((cause) =>
          Effect.logError(`could not notify players of ${event._tag}`, cause).pipe(
            Effect.annotateLogs("matchId", "matchId" in event ? event.matchId : null)
          )
        )
      )

    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.runForEach(({ event }) => handle(event)),
      Effect.forkScoped
    )

    for (const match of yield* matches.open()) {
      if (match.status === "awaiting_confirmation") yield* armReminders(yield* cards.load(match.id))
    }

    return {
      /** Re-renders both views (after a replay was checked, say). */
      refresh: (matchId: number) => Effect.flatMap(cards.load(matchId), refreshViews)
    }
  })
}) {}
