/**
 * From a parse outcome to what the ladder makes of the replay (reference §6.4): unreadable, not a
 * 1v1, or verified against the match with the 9 checks, plus the result to report automatically.
 */
import { Either } from "effect"
import { checkModHandles } from "../../domain/ModCheck.js"
import type { ModHandleList } from "../../domain/Mod.js"
import type { MatchResult } from "../../domain/Match.js"
import type { RaceBook } from "../../domain/Race.js"
import { replayResultForMatch, verifyReplay, type VerificationMatch } from "../../domain/Verification.js"
import { ladderRaceOf } from "../../replay/ladderRace.js"
import type { ParseResult } from "../../replay/parser/ParseOutcome.js"
import type { ReplayCheck } from "./ReplaysRepo.js"

export interface CheckContext {
  readonly races: RaceBook
  readonly modHandles: ModHandleList
  readonly unknownHandleCount: number
  readonly timestampWindowMs: number
}

export interface Checked {
  readonly check: ReplayCheck
  /** The result to record for both players, when the replay allows it. */
  readonly autoReport: MatchResult | null
}

export const checkReplay = (
  match: VerificationMatch,
  parsed: ParseResult,
  context: CheckContext
): Checked => {
  if (Either.isLeft(parsed)) {
    return {
      check: { status: "unreadable", parsed: null, verification: null, error: parsed.left.message },
      autoReport: null
    }
  }
  const replay = parsed.right
  if (replay.players.length !== 2) {
    return {
      check: {
        status: "rejected",
        parsed: replay,
        verification: null,
        error: `Expected 2 players, but the replay has ${replay.players.length}.`
      },
      autoReport: null
    }
  }
  const players = replay.players.map((player) => ({
    race: player.race,
    ladderRace: ladderRaceOf(context.races, player.race),
    result: player.result
  }))
  const verification = verifyReplay(
    match,
    {
      players,
      map: replay.map,
      startedAt: Date.parse(replay.playedAt) - replay.durationSeconds * 1000,
      observers: replay.observers,
      privacy: replay.privacy,
      gameSpeed: replay.gameSpeed,
      gameDuration: replay.gameDuration,
      lockedAlliances: replay.lockedAlliances
    },
    checkModHandles(replay.cacheHandles, context.modHandles, context.unknownHandleCount),
    context.timestampWindowMs
  )
  return {
    check: {
      status: verification.verdict === "critical" ? "rejected" : "verified",
      parsed: replay,
      verification,
      error: null
    },
    autoReport: verification.autoReportable ? replayResultForMatch(match, players) : null
  }
}
