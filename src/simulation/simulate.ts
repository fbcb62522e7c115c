/**
 * `evoladder simulate`: one season against the fake Discord, then its checks, figures and (for the
 * demo) its story. Fails with exit status 1 when a check fails.
 */
import { Console, Effect, Random, TestClock, TestContext } from "effect"
import { AppConfig } from "../config.js"
import { ExitStatus } from "../ExitStatus.js"
import { checkSeason } from "./checks.js"
import { benchLines, checkLines, figuresOf, finalLeaderboard, storyOf } from "./report.js"
import { runSeason, type SeasonOptions } from "./Season.js"
import { realClock, virtualClock, type Speed } from "./SimClock.js"

export interface SimulateOptions extends SeasonOptions {
  readonly speed: Speed
  /** Print the demo's story and final leaderboard instead of bench lines. */
  readonly story: boolean
}

/** Virtual time starts at a fixed noon, so that replay dates and monthly abort counters are plausible. */
const VIRTUAL_START = Date.UTC(2026, 10, 29, 12, 0, 10)

/** Plays the season and checks it: its run, the checks, the figures and (for the story) the board. */
export const playSeason = (options: SimulateOptions) => {
  const clock = options.speed === "virtual" ? virtualClock : realClock
  const season = Effect.scoped(
    Effect.gen(function* () {
      if (options.speed === "virtual") yield* TestClock.setTime(VIRTUAL_START)
      const run = yield* runSeason(options, clock)
      const config = yield* Effect.provide(AppConfig, run.bot.context)
      const checks = yield* Effect.provide(checkSeason(run, config, clock), run.bot.context)
      const figures = figuresOf(run, yield* run.bot.peakRssMb)
      const board = options.story ? yield* Effect.orElseSucceed(finalLeaderboard(run), () => []) : []
      return { run, checks, figures, board }
    })
  ).pipe(Effect.withRandom(Random.make(options.seed)))
  return options.speed === "virtual" ? Effect.provide(season, TestContext.TestContext) : season
}

export const simulate = (options: SimulateOptions) =>
  Effect.gen(function* () {
    const { run, checks, figures, board } = yield* playSeason(options)
    const lines = options.story
      ? [
          ...storyOf(run, options.speed, options.seed, figures),
          "",
          "The leaderboard, as /leaderboard shows it",
          ...board.map((line) => `  ${line}`),
          "",
          "Checks",
          ...checkLines(checks).map((line) => `  ${line}`)
        ]
      : [...checkLines(checks), ...benchLines(figures)]
    yield* Console.log(lines.join("\n"))
    const failed = checks.filter((check) => !check.ok).length
    if (failed > 0)
      return yield* new ExitStatus({
        code: 1,
        message: `${failed} check(s) failed (database: ${run.database})`
      })
  })
