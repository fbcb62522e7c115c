/**
 * The deadlines of open matches, as sleeping fibers: the confirmation window (abandon) and the
 * report deadline (a lone report stands, or unreported). Armed when a match is found or both
 * confirm, and re-armed from the database at start-up, so a restart loses none (the reference's
 * open matches stayed open forever after a restart). Nothing runs without open matches.
 */
import { Clock, Effect, FiberMap, Stream } from "effect"
import { DomainEvents } from "../DomainEvents.js"
import { MatchService } from "./MatchService.js"
import type { MatchRow } from "./MatchRow.js"

export class MatchDeadlines extends Effect.Service<MatchDeadlines>()("MatchDeadlines", {
  scoped: Effect.gen(function* () {
    const matches = yield* MatchService
    const events = yield* DomainEvents
    const timers = yield* FiberMap.make<number>()

    const at = (epochMs: number, effect: Effect.Effect<unknown, unknown>) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.zipRight(Effect.sleep(Math.max(0, epochMs - now)), effect)
      )

    const arm = (match: MatchRow) => {
      if (match.status === "awaiting_confirmation") {
        return FiberMap.run(
          timers,
          match.id,
          at(match.confirmDeadlineAt, matches.expireConfirmation(match.id))
        )
      }
      if (match.status === "in_progress" && match.reportDeadlineAt !== null) {
        return FiberMap.run(timers, match.id, at(match.reportDeadlineAt, matches.expireReports(match.id)))
      }
      return FiberMap.remove(timers, match.id)
    }

    const rearm = (matchId: number) =>
      Effect.flatMap(matches.find(matchId), (found) =>
        found._tag === "Some" ? arm(found.value) : Effect.void
      )

    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.runForEach(({ event }) => {
        switch (event._tag) {
          case "MatchFound":
          case "MatchConfirmed":
            return rearm(event.matchId)
          case "MatchAborted":
          case "MatchCompleted":
          case "MatchConflict":
            return FiberMap.remove(timers, event.matchId)
          default:
            return Effect.void
        }
      }),
      Effect.catchAllCause((cause) => Effect.logError("match deadlines stopped", cause)),
      Effect.forkScoped
    )

    const open = yield* matches.open()
    yield* Effect.forEach(open, arm, { discard: true })
    if (open.length > 0) yield* Effect.logInfo(`re-armed deadlines of ${open.length} open matches`)

    return { pending: FiberMap.size(timers) }
  })
}) {}
