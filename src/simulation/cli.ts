/**
 * `evoladder simulate`: a season of simulated players against the local fake Discord, to see the bot
 * work without a Discord application (`npm run demo`) and to load and soak it (`npm run bench --
 * season`). The simulation's modules (and the fake) are loaded only when this command runs.
 */
import { Command, Options } from "@effect/cli"
import { Config, Effect, Option } from "effect"
import { ExitStatus } from "../ExitStatus.js"
import { corpusFolder } from "./ReplayLobbies.js"

const players = Options.integer("players").pipe(
  Options.withDescription("Simulated players"),
  Options.withDefault(40)
)
const matches = Options.integer("matches").pipe(
  Options.withDescription("Matches the season has before it ends"),
  Options.withDefault(60)
)
const seed = Options.integer("seed").pipe(
  Options.withDescription("Seed of every choice the players make"),
  Options.withDefault(1)
)
const speed = Options.choice("speed", ["virtual", "real"]).pipe(
  Options.withDescription(
    "virtual: the bot in this process on a test clock (fast, deterministic timers); real: the bot as a child process on real time (soak, --kill-every)"
  ),
  Options.withDefault("virtual" as const)
)
const db = Options.text("db").pipe(
  Options.withDescription("SQLite file for the season (default: a new file in a temporary folder)"),
  Options.optional
)
const killEvery = Options.integer("kill-every").pipe(
  Options.withDescription("SIGKILL and restart the bot every N matches (needs --speed real)"),
  Options.optional
)
const story = Options.boolean("story").pipe(
  Options.withDescription("Tell what happened and show the final leaderboard, instead of bench JSON lines")
)
const logLevel = Options.choice("log-level", ["error", "warning", "info", "debug"]).pipe(
  Options.withDescription("The bot's log level"),
  Options.withDefault("error" as const)
)
const concurrency = Options.integer("concurrency").pipe(
  Options.withDescription("Players acting at the same time"),
  Options.withDefault(16)
)

const usage = (message: string) => new ExitStatus({ code: 1, message })

export const simulateCommand = Command.make(
  "simulate",
  { players, matches, seed, speed, db, killEvery, story, logLevel, concurrency },
  (options) =>
    Effect.gen(function* () {
      if (options.players < 2) return yield* usage("--players must be at least 2")
      if (options.matches < 1) return yield* usage("--matches must be at least 1")
      if (options.concurrency < 1) return yield* usage("--concurrency must be at least 1")
      if (Option.exists(options.killEvery, (n) => n < 1))
        return yield* usage("--kill-every must be at least 1")
      if (Option.isSome(options.killEvery) && options.speed !== "real")
        return yield* usage(
          "--kill-every needs --speed real: a killed process cannot share the simulation's virtual clock"
        )
      const corpus = corpusFolder(yield* Config.option(Config.string("EVOLADDER_REPLAY_CORPUS")))
      const { simulate } = yield* Effect.promise(() => import("./simulate.js"))
      return yield* simulate({
        players: options.players,
        matches: options.matches,
        seed: options.seed,
        speed: options.speed,
        database: options.db,
        killEvery: options.killEvery,
        story: options.story,
        corpus,
        logLevel: options.logLevel === "warning" ? "warn" : options.logLevel,
        concurrency: options.concurrency
      })
    })
).pipe(
  Command.withDescription(
    "Run a simulated season against a local fake Discord: the real bot, simulated players, then invariant checks and figures"
  )
)
