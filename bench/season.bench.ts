/**
 * `season`: a large simulated season on virtual time (the real gateway deployment, SQLite, worker
 * pool and job queue against the local fake Discord; see docs/simulation.md), with every invariant
 * checked: a failed check fails the bench. Its size comes from SEASON_PLAYERS and SEASON_MATCHES
 * (default 1,000 players and 5,000 matches), the seed from SEASON_SEED (default 1), and how many
 * players act at once from SEASON_CONCURRENCY (default 16).
 */
import { Config, Data, Effect, Option } from "effect"
import { corpusFolder } from "../src/simulation/ReplayLobbies.js"
import { playSeason } from "../src/simulation/simulate.js"
import type { Bench } from "./Bench.js"

const size = Config.all({
  players: Config.withDefault(Config.integer("SEASON_PLAYERS"), 1000),
  matches: Config.withDefault(Config.integer("SEASON_MATCHES"), 5000),
  seed: Config.withDefault(Config.integer("SEASON_SEED"), 1),
  concurrency: Config.withDefault(Config.integer("SEASON_CONCURRENCY"), 16),
  corpus: Config.option(Config.string("EVOLADDER_REPLAY_CORPUS"))
})

/** The season broke an invariant: the figures of a run that lost something are worth nothing. */
class SeasonChecksFailed extends Data.TaggedError("SeasonChecksFailed")<{
  readonly failed: ReadonlyArray<string>
}> {}

const bench: Bench = {
  name: "season",
  run: Effect.gen(function* () {
    const settings = yield* size
    const { checks, figures } = yield* playSeason({
      ...settings,
      corpus: corpusFolder(settings.corpus),
      speed: "virtual",
      story: false,
      database: Option.none(),
      killEvery: Option.none(),
      logLevel: "error"
    })
    const failed = checks.filter((check) => !check.ok)
    if (failed.length > 0)
      return yield* new SeasonChecksFailed({
        failed: failed.map((check) => `${check.name}: ${check.detail}`)
      })
    return figures
  })
}

export default bench
