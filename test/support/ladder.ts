/** Building blocks for match-flow tests: players who are set up, queued, and paired into a match. */
import { Effect, Layer } from "effect"
import type { RaceCode } from "../../src/domain/Race.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { DomainEvents } from "../../src/ladder/DomainEvents.js"
import { Leaderboard } from "../../src/ladder/Leaderboard.js"
import { Matchmaker } from "../../src/ladder/Matchmaker.js"
import { MatchDeadlines } from "../../src/ladder/matches/MatchDeadlines.js"
import { QueueTimeouts } from "../../src/ladder/queue/QueueTimeouts.js"
import { MatchService } from "../../src/ladder/matches/MatchService.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { PreferencesRepo } from "../../src/ladder/queue/PreferencesRepo.js"
import { QueueRepo } from "../../src/ladder/queue/QueueRepo.js"
import type { DatabaseLayer } from "./backends.js"
import { testCore } from "./layers.js"

export const playerId = (n: number) => Snowflake.make(`4${String(n).padStart(17, "0")}`)

/** The core plus the queue and match services, on a fresh database (in memory unless `database` is given). */
export const ladderLayer = (env: Record<string, string> = {}, database?: DatabaseLayer) =>
  Layer.mergeAll(MatchService.Default, QueueRepo.Default).pipe(
    Layer.provideMerge(PreferencesRepo.Default),
    Layer.provideMerge(Leaderboard.Default),
    Layer.provideMerge(testCore(env, database))
  )

/** The ladder with its running parts: waves, match deadlines, queue timeouts. */
export const runningLadderLayer = (env: Record<string, string> = {}) =>
  Layer.mergeAll(Matchmaker.Default, MatchDeadlines.Default, QueueTimeouts.Default).pipe(
    Layer.provideMerge(ladderLayer(env))
  )

/** A player who accepted the terms and finished setup. */
export const registered = (n: number, region = "NAW") =>
  Effect.gen(function* () {
    const players = yield* PlayersRepo
    yield* players.ensure(playerId(n), `user${n}`)
    return yield* players.updateSettings(
      playerId(n),
      {
        acceptedTos: true,
        completedSetup: true,
        playerName: `Player${"abcdefghijklmnopqrstuvwxyz"[n % 26] ?? "x"}`,
        battletag: `P${n}#1234`,
        country: "US",
        region,
        readQuickStartGuide: true
      },
      "player"
    )
  })

/** Two registered players, queued (BW Zerg vs SC2 Terran), paired into a match; returns its id. */
export const pairedMatch = (
  a: number,
  b: number,
  races: readonly [RaceCode, RaceCode] = ["bw_zerg", "sc2_terran"]
) =>
  Effect.gen(function* () {
    const queue = yield* QueueRepo
    const matches = yield* MatchService
    const events = yield* DomainEvents
    yield* registered(a)
    yield* registered(b)
    yield* queue.join(playerId(a), { bwRace: races[0], sc2Race: null, vetoes: [] })
    yield* queue.join(playerId(b), { bwRace: null, sc2Race: races[1], vetoes: [] })
    return yield* events.transactional(
      matches.create({
        player1Uid: playerId(a),
        player2Uid: playerId(b),
        player1Race: races[0],
        player2Race: races[1],
        player1Mmr: 1500,
        player2Mmr: 1500,
        player1Rank: null,
        player2Rank: null,
        mapName: "Khione SEL",
        server: "USW"
      })
    )
  })
