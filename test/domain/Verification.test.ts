import { describe, expect, it } from "vitest"
import type { ModCheck } from "../../src/domain/ModCheck.js"
import { replayResultForMatch, verifyReplay, type VerificationReplay } from "../../src/domain/Verification.js"

const MINUTE = 60_000
const match = {
  player1Race: "bw_zerg",
  player2Race: "sc2_terran",
  mapName: "Khione SEL",
  createdAt: 1_000 * MINUTE
} as const
const official: ModCheck = { _tag: "Official", region: "AM", message: "Valid SC: Evo Complete mod (AM)" }
const fake: ModCheck = {
  _tag: "Rejected",
  reason: "UnknownHandleCount",
  region: null,
  message: "Expected exactly 7 unknown handles, but found 8."
}
const replay: VerificationReplay = {
  players: [
    { race: "Terran", ladderRace: "sc2_terran" },
    { race: "BW Zerg", ladderRace: "bw_zerg" }
  ],
  map: "Khione SEL",
  startedAt: match.createdAt + 3 * MINUTE,
  observers: [],
  privacy: "Normal",
  gameSpeed: "Faster",
  gameDuration: "Infinite",
  lockedAlliances: "Yes"
}
const verify = (patch: Partial<VerificationReplay>, mod: ModCheck = official) =>
  verifyReplay(match, { ...replay, ...patch }, mod, 10 * MINUTE)
const failed = (patch: Partial<VerificationReplay>, mod: ModCheck = official) =>
  verify(patch, mod)
    .checks.filter((check) => !check.passed)
    .map((check) => check.check)

describe("replay verification (§6.4, 9 checks)", () => {
  it("verifies a replay of the match, whatever the slot order", () => {
    const result = verify({})
    expect(result.verdict).toBe("verified")
    expect(result.autoReportable).toBe(true)
    expect(result.checks.map((check) => check.check)).toEqual([
      "races",
      "map",
      "mod",
      "timestamp",
      "observers",
      "game_privacy",
      "game_speed",
      "game_duration",
      "locked_alliances"
    ])
  })

  it.each([
    [
      "wrong races",
      {
        players: [
          { race: "Protoss", ladderRace: "sc2_protoss" },
          { race: "BW Zerg", ladderRace: "bw_zerg" }
        ]
      },
      "races"
    ],
    [
      "an unknown race string",
      {
        players: [
          { race: "Terran Tychus", ladderRace: null },
          { race: "BW Zerg", ladderRace: "bw_zerg" }
        ]
      },
      "races"
    ],
    ["another map", { map: "[SC:Evo] Radeon (라데온)" }, "map"]
  ] as const)("locks reporting for %s", (_, patch, check) => {
    expect(failed(patch)).toEqual([check])
    expect(verify(patch).verdict).toBe("critical")
    expect(verify(patch).autoReportable).toBe(false)
  })

  it("locks reporting for a replay not played on the official mod, with the mod check's message", () => {
    const result = verify({}, fake)
    expect(result.verdict).toBe("critical")
    expect(result.checks.find((check) => check.check === "mod")?.found).toBe(fake.message)
  })

  it.each([
    ["observers", { observers: ["Spy"] }],
    ["game_privacy", { privacy: "No Match History" }],
    ["game_speed", { gameSpeed: "Normal" }],
    ["game_duration", { gameDuration: "30 Minutes" }],
    ["locked_alliances", { lockedAlliances: "No" }]
  ] as const)("only warns about %s and still reports automatically", (check, patch) => {
    expect(failed(patch)).toEqual([check])
    expect(verify(patch).verdict).toBe("warnings")
    expect(verify(patch).autoReportable).toBe(true)
  })

  it("accepts a start within ±10 minutes of the match being found, else warns and does not auto-report", () => {
    expect(failed({ startedAt: match.createdAt - 10 * MINUTE })).toEqual([])
    expect(failed({ startedAt: match.createdAt + 10 * MINUTE })).toEqual([])
    const late = verify({ startedAt: match.createdAt + 10 * MINUTE + 1 })
    expect([late.verdict, late.autoReportable]).toEqual(["warnings", false])
    expect(failed({ startedAt: match.createdAt - 11 * MINUTE })).toEqual(["timestamp"])
  })
})

describe("the replay's result in the match's orientation", () => {
  const players = (
    first: "win" | "loss" | "tie" | "undecided",
    second: "win" | "loss" | "tie" | "undecided"
  ) =>
    [
      { ladderRace: "sc2_terran" as const, result: first },
      { ladderRace: "bw_zerg" as const, result: second }
    ] as const
  it("maps the winner through the races (player 1 is the BW Zerg here)", () => {
    expect(replayResultForMatch(match, players("win", "loss"))).toBe(2)
    expect(replayResultForMatch(match, players("loss", "win"))).toBe(1)
    expect(replayResultForMatch(match, players("undecided", "loss"))).toBe(2)
  })
  it("is a draw when nobody or everybody won", () => {
    expect(replayResultForMatch(match, players("tie", "tie"))).toBe(0)
    expect(replayResultForMatch(match, players("undecided", "undecided"))).toBe(0)
  })
})
