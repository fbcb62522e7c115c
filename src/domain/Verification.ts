/**
 * Whether an uploaded replay is the match it claims to be (reference §6.4 step 7): races, map and
 * mod are critical (a failure locks reporting); the start time, observers and lobby settings only
 * warn, though a replay that started far from the match's creation is not reported automatically.
 */
import { Schema } from "effect"
import type { ModCheck } from "./ModCheck.js"
import type { RaceCode } from "./Race.js"

export const CheckName = Schema.Literal(
  "races",
  "map",
  "mod",
  "timestamp",
  "observers",
  "game_privacy",
  "game_speed",
  "game_duration",
  "locked_alliances"
)
export type CheckName = typeof CheckName.Type

export const CheckResult = Schema.Struct({
  check: CheckName,
  passed: Schema.Boolean,
  critical: Schema.Boolean,
  expected: Schema.String,
  found: Schema.String
})
export type CheckResult = typeof CheckResult.Type

/** Every check passed; non-critical checks failed; or a critical one failed (reporting locked). */
export const Verdict = Schema.Literal("verified", "warnings", "critical")
export type Verdict = typeof Verdict.Type

export interface VerificationMatch {
  readonly player1Race: RaceCode
  readonly player2Race: RaceCode
  readonly mapName: string
  /** When the match was found (epoch ms). */
  readonly createdAt: number
}

export interface VerificationReplay {
  /** Each player's ladder race, or the race string as the replay wrote it when it is no ladder race. */
  readonly players: ReadonlyArray<{ readonly race: string; readonly ladderRace: RaceCode | null }>
  readonly map: string
  /** When the game started (epoch ms): the save time minus the game's length. */
  readonly startedAt: number
  readonly observers: ReadonlyArray<string> | null
  readonly privacy: string | null
  readonly gameSpeed: string | null
  readonly gameDuration: string | null
  readonly lockedAlliances: string | null
}

export const Verification = Schema.Struct({
  checks: Schema.Array(CheckResult),
  verdict: Verdict,
  /** Races, map, mod and start time passed: the replay's result can be recorded for both players. */
  autoReportable: Schema.Boolean
})
export type Verification = typeof Verification.Type

/** The lobby settings a ladder game must be played with (reference's EXPECTED_GAME_* constants). */
export const EXPECTED_SETTINGS = {
  game_privacy: "Normal",
  game_speed: "Faster",
  game_duration: "Infinite",
  locked_alliances: "Yes"
} as const

const sortedRaces = (races: ReadonlyArray<string>) => [...races].sort().join(", ")

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`

export const verifyReplay = (
  match: VerificationMatch,
  replay: VerificationReplay,
  mod: ModCheck,
  timestampWindowMs: number
): Verification => {
  const expectedRaces = sortedRaces([match.player1Race, match.player2Race])
  const foundRaces = sortedRaces(replay.players.map((player) => player.ladderRace ?? player.race))
  const offset = replay.startedAt - match.createdAt
  const setting = (check: keyof typeof EXPECTED_SETTINGS, found: string | null): CheckResult => ({
    check,
    passed: found === EXPECTED_SETTINGS[check],
    critical: false,
    expected: EXPECTED_SETTINGS[check],
    found: found ?? "unknown"
  })
  const checks: ReadonlyArray<CheckResult> = [
    {
      check: "races",
      passed: expectedRaces === foundRaces,
      critical: true,
      expected: expectedRaces,
      found: foundRaces
    },
    {
      check: "map",
      passed: replay.map === match.mapName,
      critical: true,
      expected: match.mapName,
      found: replay.map
    },
    {
      check: "mod",
      passed: mod._tag === "Official",
      critical: true,
      expected: "SC: Evo Complete",
      found: mod.message
    },
    {
      check: "timestamp",
      passed: Math.abs(offset) <= timestampWindowMs,
      critical: false,
      expected: `within ${minutes(timestampWindowMs)} of the match being found`,
      found: `${offset >= 0 ? "+" : "−"}${minutes(Math.abs(offset))}`
    },
    {
      check: "observers",
      passed: replay.observers !== null && replay.observers.length === 0,
      critical: false,
      expected: "none",
      found:
        replay.observers === null
          ? "unknown"
          : replay.observers.length === 0
            ? "none"
            : replay.observers.join(", ")
    },
    setting("game_privacy", replay.privacy),
    setting("game_speed", replay.gameSpeed),
    setting("game_duration", replay.gameDuration),
    setting("locked_alliances", replay.lockedAlliances)
  ]
  const criticalFailed = checks.some((check) => check.critical && !check.passed)
  const anyFailed = checks.some((check) => !check.passed)
  const passed = (name: CheckName) => checks.some((check) => check.check === name && check.passed)
  return {
    checks,
    verdict: criticalFailed ? "critical" : anyFailed ? "warnings" : "verified",
    autoReportable: !criticalFailed && passed("timestamp")
  }
}

/** What a replay says about the result, in the match's orientation: 1 / 2 player won, 0 draw. */
export const replayResultForMatch = (
  match: Pick<VerificationMatch, "player1Race">,
  players: ReadonlyArray<{
    readonly ladderRace: RaceCode | null
    readonly result: "win" | "loss" | "tie" | "undecided"
  }>
): 0 | 1 | 2 => {
  const [first, second] = players
  if (first === undefined || second === undefined) return 0
  const firstWon = first.result === "win" || (first.result !== "loss" && second.result === "loss")
  const secondWon = second.result === "win" || (second.result !== "loss" && first.result === "loss")
  if (firstWon === secondWon) return 0
  // Brood War always plays StarCraft II here, so the races tell the players apart.
  const firstIsPlayer1 = first.ladderRace === match.player1Race
  return firstWon === firstIsPlayer1 ? 1 : 2
}
