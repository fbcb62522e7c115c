/**
 * A stored replay checked again against its match, now, exactly as the replay job checks uploads
 * (for `/admin match`): the parse is the one stored with the upload; the checks, the mod handle
 * list and the timestamp window are today's.
 */
import { Duration, Effect, Either, Option } from "effect"
import { AppConfig } from "../../config.js"
import { LadderData } from "../LadderData.js"
import type { MatchRow } from "../matches/MatchRow.js"
import { checkReplay } from "../replays/checkReplay.js"
import { checkOf, type ReplayCheck, type StoredReplay } from "../replays/ReplaysRepo.js"

export const reverifyReplay = (match: MatchRow, stored: StoredReplay) =>
  Effect.gen(function* () {
    if (stored.parsed === null) return checkOf(stored)
    const data = yield* LadderData
    const { replays } = yield* AppConfig
    const { check } = checkReplay(match, Either.right(stored.parsed), {
      races: data.races,
      modHandles: data.mod.current,
      unknownHandleCount: data.mod.unknownHandleCount,
      timestampWindowMs: Duration.toMillis(replays.timestampWindow)
    })
    return Option.some<ReplayCheck>(check)
  })
