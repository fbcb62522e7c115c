/**
 * A simulated season: the fake Discord, the bot (in this process on virtual time, or a child process
 * on real time that can be killed), and simulated players who set up, queue, play, upload, report
 * and look around, wave after wave, until the season has had its matches. Then the queue empties,
 * every deadline passes, and the database is checked (see checks.ts).
 */
import { Clock, Duration, Effect, Option, Random, Ref } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AppConfig } from "../config.js"
import { FakeDiscord, type FakeDiscordServer } from "../fakeDiscord/index.js"
import { LadderData } from "../ladder/LadderData.js"
import { nextWaveAt } from "../ladder/Matchmaker.js"
import { leaveQueue, look, queue, register } from "./actions.js"
import { childProcessBot, inProcessBot, type Bot } from "./bots.js"
import { freePort } from "./freePort.js"
import { allMatches, matchesAfter, playerStates, queueSnapshot, waveRanSince } from "./ladderReads.js"
import { closeMatch, openMatch, planMatch, type Plan, type PlayContext } from "./matchPlay.js"
import { makePopulation, queueChoice, type SimPlayer } from "./population.js"
import { CORPUS_HANDLE_LIST, hasCorpus, loadLobbies } from "./ReplayLobbies.js"
import type { SimClock } from "./SimClock.js"
import { Unexpected } from "./Unexpected.js"

export interface SeasonOptions {
  readonly players: number
  readonly matches: number
  readonly seed: number
  /** A SQLite file; unset: a new one in a temporary folder. */
  readonly database: Option.Option<string>
  /** Kill the bot (SIGKILL) and start it again every this many matches: real time only. */
  readonly killEvery: Option.Option<number>
  readonly corpus: string
  readonly logLevel: string
  /** Players acting at the same time. */
  readonly concurrency: number
}

/** Short deadlines for real time, so that a season's abandons and lone reports happen within it. */
const REAL_TIME_SETTINGS = {
  EVOLADDER_WAVE_INTERVAL: "3 seconds",
  EVOLADDER_CONFIRMATION_TIMEOUT: "15 seconds",
  EVOLADDER_REPORT_DEADLINE: "20 seconds",
  EVOLADDER_JOB_LEASE: "2 seconds",
  EVOLADDER_JOB_RETRY_BASE: "200 millis"
}

/** At most a tenth of the population joins one wave (and at least 40, so small seasons stay brisk). */
const arrivalsPerWave = (players: number) => Math.max(40, Math.ceil(players / 10))

/** Everything that happened, for the checks and the report. */
export interface SeasonRun {
  readonly fake: FakeDiscordServer
  readonly bot: Bot
  readonly plans: ReadonlyArray<Plan>
  readonly population: ReadonlyArray<SimPlayer>
  readonly problems: ReadonlyArray<string>
  readonly waves: ReadonlyArray<number>
  readonly replayLatencies: ReadonlyArray<number>
  readonly queueJoins: number
  readonly looks: number
  readonly wallMs: number
  readonly ladderMs: number
  readonly lobbies: string
  readonly database: string
  readonly restarts: number
}

const settingsFor = (
  options: SeasonOptions,
  clock: SimClock,
  fake: FakeDiscordServer,
  database: string,
  port: number
): Record<string, string> => ({
  ...fake.env,
  EVOLADDER_DB: database,
  EVOLADDER_LOG_LEVEL: options.logLevel,
  EVOLADDER_LOG_FORMAT: "json",
  EVOLADDER_HTTP_PORT: String(port),
  EVOLADDER_REPLAY_DIR: join(database, "..", "replays"),
  EVOLADDER_PARSE_WORKERS: "1",
  EVOLADDER_ADMIN_MATCH_LOG_CHANNEL_ID: fake.channelId("match-log"),
  ...(hasCorpus(options.corpus) ? { EVOLADDER_MOD_HANDLE_LIST: CORPUS_HANDLE_LIST } : {}),
  // Virtual time stands still while players act: a per-second limit would wait for time that never comes.
  ...(clock.speed === "virtual" ? { DISCORD_GLOBAL_RATE_LIMIT: "1000000" } : REAL_TIME_SETTINGS)
})

export const runSeason = (options: SeasonOptions, clock: SimClock) =>
  Effect.gen(function* () {
    const started = yield* clock.wallMs
    const ladderStart = yield* Clock.currentTimeMillis
    const fake = yield* FakeDiscord.make({
      timeoutMs: 60_000,
      rateLimit: { limit: 1_000_000, resetAfterSeconds: 1 }
    })
    const database = Option.getOrElse(options.database, () =>
      join(mkdtempSync(join(tmpdir(), "evoladder-season-")), "ladder.sqlite")
    )
    const settings = settingsFor(options, clock, fake, database, yield* freePort)
    const bot =
      clock.speed === "virtual"
        ? yield* inProcessBot(settings, options.seed)
        : yield* childProcessBot(fake, settings)
    const inBot = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, bot.context)
    const { ladder } = yield* inBot(AppConfig)
    const data = yield* inBot(LadderData)
    const lobbies = yield* loadLobbies(options.corpus, data.mod.current, data.mod.unknownHandleCount)
    const maps = data.mapPool.map((map) => map.name)

    const problems = yield* Ref.make<ReadonlyArray<string>>([])
    const waves = yield* Ref.make<ReadonlyArray<number>>([])
    const replayLatencies = yield* Ref.make<ReadonlyArray<number>>([])
    const append = <A>(ref: Ref.Ref<ReadonlyArray<A>>, value: A) => Ref.update(ref, (all) => [...all, value])
    /** A player's trouble is recorded and the season goes on. */
    const attempt = <E extends { readonly message: string }>(
      who: string,
      effect: Effect.Effect<unknown, E>
    ) => effect.pipe(Effect.catchAll((error) => append(problems, `${who}: ${error.message}`)))

    const context: PlayContext = {
      fake,
      data,
      lobbies,
      replayLatency: (ms) => append(replayLatencies, ms),
      wallMs: clock.wallMs
    }

    yield* fake.waitForCommands(["queue", "setup"])
    const population = yield* makePopulation(fake, options.players)
    const byUid = new Map(population.map((player) => [player.user.id, player]))
    yield* Effect.all(
      population.map((player) => attempt(player.user.username, register(player.user, player.profile))),
      { concurrency: options.concurrency, discard: true }
    )

    const intervalMs = Duration.toMillis(ladder.waveInterval)
    /** Lets the next wave happen and waits until it has run. */
    const wave = Effect.gen(function* () {
      const before = yield* inBot(queueSnapshot)
      const now = yield* Clock.currentTimeMillis
      const at = nextWaveAt(now, intervalMs)
      if (clock.speed === "virtual") yield* clock.pass(at - now)
      if (before.size === 0) return
      const passed = yield* clock.wallMs
      for (;;) {
        if (yield* inBot(waveRanSince(before))) break
        if ((yield* clock.wallMs) - passed > 60_000)
          return yield* new Unexpected({ player: "matchmaker", message: "no wave ran for a minute" })
        yield* clock.pause("5 millis")
      }
      const seen = yield* clock.wallMs
      yield* append(waves, clock.speed === "virtual" ? seen - passed : (yield* Clock.currentTimeMillis) - at)
    })

    const plans: Array<Plan> = []
    let queueJoins = 0
    let looks = 0
    let lastMatch = 0
    let nextKill = Option.getOrElse(options.killEvery, () => Number.POSITIVE_INFINITY)
    const maxCycles = options.matches * 20 + 100
    for (let cycle = 0; plans.length < options.matches && cycle < maxCycles; cycle++) {
      const states = new Map((yield* inBot(playerStates)).map((row) => [row.discordUid, row.state]))
      const idle = population.filter((player) => states.get(player.user.id) === "idle")
      // Timed out of the queue (its view says so), or matched.
      for (const player of idle) player.searching = undefined
      // Enough newcomers for the matches still to come, plus a few: those already waiting may be
      // unpairable (two Brood War players never meet), and only fresh arrivals unblock them. Players
      // arrive over the day, as on a real ladder, not a whole population in one wave.
      const wanted = Math.min(2 * (options.matches - plans.length) + 2, arrivalsPerWave(options.players))
      const actions: Array<Effect.Effect<void>> = []
      let joining = 0
      for (const player of yield* Random.shuffle(idle)) {
        if (joining < wanted && (yield* Random.next) < 0.8) {
          joining++
          const choice = yield* queueChoice(player, maps)
          actions.push(
            attempt(
              player.user.username,
              Effect.map(queue(player.user, choice), (searching) => {
                player.searching = searching
              })
            )
          )
        } else if ((yield* Random.next) < 0.1) {
          const command = (yield* Random.nextBoolean) ? "leaderboard" : "profile"
          actions.push(attempt(player.user.username, look(player.user, command)))
          looks++
        }
      }
      queueJoins += joining
      yield* Effect.all(actions, { concurrency: options.concurrency, discard: true })
      yield* wave

      const fresh: Array<Plan> = []
      for (const match of yield* inBot(matchesAfter(lastMatch))) {
        lastMatch = match.id
        const one = byUid.get(match.player1Uid)
        const two = byUid.get(match.player2Uid)
        if (one === undefined || two === undefined) continue
        one.searching = undefined
        two.searching = undefined
        fresh.push(yield* planMatch(match, [one, two]))
      }
      plans.push(...fresh)
      const each = (play: (context: PlayContext, plan: Plan) => Effect.Effect<void, unknown>) =>
        Effect.all(
          fresh.map((plan) =>
            attempt(
              `match ${plan.match.id} (${plan.script})`,
              Effect.mapError(play(context, plan), (error) => ({ message: String(error) }))
            )
          ),
          { concurrency: options.concurrency, discard: true }
        )
      yield* each(openMatch)
      if (plans.length >= nextKill && Option.isSome(bot.restart)) {
        nextKill += Option.getOrElse(options.killEvery, () => Number.POSITIVE_INFINITY)
        yield* attempt("bot restart", bot.restart.value)
      }
      yield* each(closeMatch)
      if (clock.speed === "real") yield* clock.pass(Duration.millis(Math.max(0, intervalMs / 2)))
    }

    // The season is over: whoever still searches leaves, and every deadline passes.
    const finalStates = new Map((yield* inBot(playerStates)).map((row) => [row.discordUid, row.state]))
    yield* Effect.all(
      population.flatMap((player) =>
        player.searching === undefined || finalStates.get(player.user.id) !== "queueing"
          ? []
          : [attempt(player.user.username, leaveQueue(player.user, player.searching))]
      ),
      { concurrency: options.concurrency, discard: true }
    )
    const now = yield* Clock.currentTimeMillis
    const lastDeadline = Math.max(
      now,
      ...(yield* inBot(allMatches)).flatMap((match) =>
        match.status === "awaiting_confirmation"
          ? [match.confirmDeadlineAt]
          : match.status === "in_progress"
            ? [match.reportDeadlineAt ?? now]
            : []
      )
    )
    if (lastDeadline > now) yield* clock.pass(Duration.millis(lastDeadline - now + 1000))
    return {
      fake,
      bot,
      plans,
      population,
      problems: yield* Ref.get(problems),
      waves: yield* Ref.get(waves),
      replayLatencies: yield* Ref.get(replayLatencies),
      queueJoins,
      looks,
      wallMs: (yield* clock.wallMs) - started,
      ladderMs: (yield* Clock.currentTimeMillis) - ladderStart,
      lobbies: lobbies.source,
      database,
      restarts: yield* bot.restarts
    } satisfies SeasonRun
  })
