/**
 * The replay job (issue 6's replay kind): read the stored file, parse it through the parser pool,
 * verify it against the match, then, in the transaction that completes the job, store the check
 * and report the replay's result for both players when it may. Running twice stores once: the
 * check is written only over a pending row, and a match reports only while in progress.
 */
import { Duration, Effect, Schema } from "effect"
import { AppConfig } from "../../config.js"
import { MatchResult } from "../../domain/Match.js"
import * as JobKind from "../../jobs/JobKind.js"
import { ReplayParser } from "../../replay/parser/ReplayParser.js"
import { DomainEvent, DomainEvents } from "../DomainEvents.js"
import { LadderData } from "../LadderData.js"
import { MatchService } from "../matches/MatchService.js"
import { checkReplay } from "./checkReplay.js"
import { ReplayCheck, ReplaysRepo } from "./ReplaysRepo.js"
import { ReplayStorage } from "./ReplayStorage.js"

export const ReplayJobPayload = Schema.Struct({
  matchId: Schema.Int,
  hash: Schema.String,
  storageKey: Schema.String
})
export type ReplayJobPayload = typeof ReplayJobPayload.Type

const ReplayJobResult = Schema.Struct({
  check: ReplayCheck,
  autoReport: Schema.NullOr(MatchResult),
  /** Which path parsed it (worker, inline fallback, inline), for logs and metrics. */
  parsedBy: Schema.String
})

/** One job per file and match: both players sending the same file share it. */
export const replayJobKey = (payload: ReplayJobPayload) => `${payload.matchId}:${payload.hash}`

export const replayCheckJob = JobKind.make({
  kind: "replay",
  payload: ReplayJobPayload,
  result: ReplayJobResult,
  handler: (payload) =>
    Effect.gen(function* () {
      const bytes = yield* (yield* ReplayStorage).get(payload.storageKey)
      const outcome = yield* (yield* ReplayParser).parse(bytes)
      const match = yield* (yield* MatchService).find(payload.matchId)
      if (match._tag === "None")
        return yield* Effect.dieMessage(`replay job for missing match ${payload.matchId}`)
      const data = yield* LadderData
      const { replays } = yield* AppConfig
      const checked = checkReplay(match.value, outcome.result, {
        races: data.races,
        modHandles: data.mod.current,
        unknownHandleCount: data.mod.unknownHandleCount,
        timestampWindowMs: Duration.toMillis(replays.timestampWindow)
      })
      return { ...checked, parsedBy: outcome.path }
    }),
  commit: (payload, result) =>
    Effect.gen(function* () {
      yield* (yield* ReplaysRepo).recordCheck(payload.matchId, payload.hash, result.check)
      if (result.autoReport !== null) {
        yield* (yield* MatchService).reportFromReplay(payload.matchId, result.autoReport)
      }
    }),
  // The automatic report completes the match and emits its events: published after the job's COMMIT.
  transaction: (body) => Effect.flatMap(DomainEvents, (events) => events.transactional(body)),
  onCompleted: (payload) =>
    Effect.flatMap(DomainEvents, (events) =>
      events.emit(DomainEvent.ReplayChecked({ matchId: payload.matchId, hash: payload.hash }))
    )
})
