/**
 * Simulated seasons in the suite: one on virtual time (the bot in this process on the test clock),
 * one on real time with the bot as a child process killed (SIGKILL) and restarted along the way.
 * Every invariant of the season's checks must hold.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, Random, TestClock } from "effect"
import { AppConfig } from "../../src/config.js"
import { checkSeason } from "../../src/simulation/checks.js"
import { corpusFolder } from "../../src/simulation/ReplayLobbies.js"
import { runSeason, type SeasonOptions } from "../../src/simulation/Season.js"
import { realClock, virtualClock, type SimClock } from "../../src/simulation/SimClock.js"

const options = (overrides: Partial<SeasonOptions>): SeasonOptions => ({
  players: 12,
  matches: 10,
  seed: 7,
  database: Option.none(),
  killEvery: Option.none(),
  corpus: corpusFolder(Option.fromNullable(process.env["EVOLADDER_REPLAY_CORPUS"])),
  logLevel: "error",
  concurrency: 8,
  ...overrides
})

const season = (settings: SeasonOptions, clock: SimClock) =>
  Effect.gen(function* () {
    const run = yield* runSeason(settings, clock)
    const config = yield* Effect.provide(AppConfig, run.bot.context)
    const checks = yield* Effect.provide(checkSeason(run, config, clock), run.bot.context)
    return { run, checks }
  }).pipe(Effect.scoped, Effect.withRandom(Random.make(settings.seed)))

const failures = (
  checks: ReadonlyArray<{ readonly ok: boolean; readonly name: string; readonly detail: string }>
) => checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail}`)

describe("a simulated season", () => {
  it.effect(
    "on virtual time: every match ends as it was played, and every invariant holds",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.UTC(2026, 10, 29, 12, 0, 10))
        const { run, checks } = yield* season(options({}), virtualClock)
        expect(failures(checks)).toEqual([])
        expect(run.plans.length).toBeGreaterThanOrEqual(10)
        expect(checks.map((check) => check.name)).toContain("every match ended as its players played it")
        expect(new Set(run.plans.map((plan) => plan.script)).size).toBeGreaterThan(2)
      }),
    { timeout: 120_000 }
  )

  it.live(
    "on real time with the bot killed and restarted: nothing is lost, nothing happens twice",
    () =>
      Effect.gen(function* () {
        const { run, checks } = yield* season(
          options({ players: 6, matches: 4, killEvery: Option.some(2), seed: 3 }),
          realClock
        )
        expect(failures(checks)).toEqual([])
        expect(run.restarts).toBeGreaterThanOrEqual(1)
        expect(run.plans.length).toBeGreaterThanOrEqual(4)
      }),
    { timeout: 120_000 }
  )
})
