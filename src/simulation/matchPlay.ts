/**
 * How a pair of simulated players plays out a match, decided by the season's `Random`: most play and
 * upload the replay (the bot records the result from it); some upload a replay of another game and
 * report by hand (agreeing or not), one reports alone, nobody reports, one aborts, one never confirms.
 * A match is played in two halves so that the season can kill the bot in between, while replay
 * checks and notifications are in flight.
 */
import { Effect, Option, Random, Schema } from "effect"
import type { MatchStatus } from "../domain/Match.js"
import { expectedScore } from "../domain/Rating.js"
import type { RaceCode } from "../domain/Race.js"
import { GameServerCode } from "../domain/Region.js"
import type { FakeDiscordServer } from "../fakeDiscord/index.js"
import type { LadderData } from "../ladder/LadderData.js"
import type { MatchRow } from "../ladder/matches/MatchRow.js"
import { evoReplay } from "../replay/encode/evoReplay.js"
import { abortMatch, confirmMatch, countDms, dmTitled, reportResult, uploadReplay } from "./actions.js"
import type { SimPlayer } from "./population.js"
import type { ReplayLobbies } from "./ReplayLobbies.js"

export type Script = "replay" | "agree" | "disagree" | "lone" | "silent" | "abort" | "noshow"

/** Where each script leaves the match once its deadlines have passed. */
export const expectedStatus: Readonly<Record<Script, MatchStatus>> = {
  replay: "completed",
  agree: "completed",
  disagree: "conflict",
  lone: "completed",
  silent: "unreported",
  abort: "aborted",
  noshow: "abandoned"
}

const WEIGHTS: ReadonlyArray<readonly [Script, number]> = [
  ["replay", 58],
  ["agree", 8],
  ["disagree", 4],
  ["lone", 6],
  ["silent", 4],
  ["abort", 10],
  ["noshow", 10]
]

export interface Plan {
  readonly match: MatchRow
  readonly players: readonly [SimPlayer, SimPlayer]
  readonly script: Script
  /** Who wins the game (1 or 2, in the match's orientation). */
  readonly winner: 1 | 2
  /** Who aborts, stays away, or uploads and reports alone. */
  readonly actor: 0 | 1
}

export const planMatch = (match: MatchRow, players: readonly [SimPlayer, SimPlayer]) =>
  Effect.gen(function* () {
    let roll = (yield* Random.next) * WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)
    let script: Script = "replay"
    for (const [candidate, weight] of WEIGHTS) {
      roll -= weight
      if (roll < 0) {
        script = candidate
        break
      }
    }
    const actor: 0 | 1 = (yield* Random.nextBoolean) ? 0 : 1
    if (script === "abort" && players[actor].abortsLeft === 0) script = "noshow"
    const winner: 1 | 2 =
      (yield* Random.next) < expectedScore(players[0].skill, players[1].skill, 400) ? 1 : 2
    return { match, players, script, winner, actor } satisfies Plan
  })

export interface PlayContext {
  readonly fake: FakeDiscordServer
  readonly data: LadderData
  readonly lobbies: ReplayLobbies
  /** Records a replay's real-time latency, upload to details. */
  readonly replayLatency: (ms: number) => Effect.Effect<void>
  readonly wallMs: Effect.Effect<number>
}

/** The race as the game writes it in a replay ("BW Zerg", "Terran", …). */
export const replayRace = (data: LadderData, code: RaceCode) => {
  const race = data.races.get(code)
  return race.game === "bw" ? race.name : (race.aliases[0] ?? race.name)
}

/** The game's replay: on time, or (`old`) a game from half an hour before the match was found. */
const replayOf = (context: PlayContext, plan: Plan, old: boolean) => {
  const { match, players, winner } = plan
  const server = Schema.is(GameServerCode)(match.server) ? context.data.server(match.server) : Option.none()
  const region = Option.match(server, { onNone: () => "AM" as const, onSome: (found) => found.gameRegion })
  return evoReplay(
    {
      players: [
        {
          name: players[0].profile.name,
          race: replayRace(context.data, match.player1Race),
          result: winner === 1 ? 1 : 2
        },
        {
          name: players[1].profile.name,
          race: replayRace(context.data, match.player2Race),
          result: winner === 2 ? 1 : 2
        }
      ],
      map: match.mapName,
      startedAt: match.createdAt + (old ? -30 * 60_000 : 60_000),
      durationSeconds: 600 + (match.id % 600)
    },
    context.lobbies.lobbyFor(match.mapName, region)
  )
}

const upload = (context: PlayContext, plan: Plan, who: 0 | 1, old: boolean) =>
  Effect.gen(function* () {
    const user = plan.players[who].user
    const detailsSeen = countDms(user, "📄 Replay Details")
    const started = yield* context.wallMs
    const file = `${plan.match.mapName.replace(/[^\w .()-]/g, "_")}.SC2Replay`
    yield* uploadReplay(context.fake, user, file, replayOf(context, plan, old))
    yield* Effect.forkDaemon(
      Effect.gen(function* () {
        yield* dmTitled(context.fake, user, "📄 Replay Details", detailsSeen, 120_000)
        yield* context.replayLatency((yield* context.wallMs) - started)
      }).pipe(Effect.ignore)
    )
  })

/** Up to the uploads: the prompts, confirmations or an abort, and the replay files sent. */
export const openMatch = (context: PlayContext, plan: Plan) =>
  Effect.gen(function* () {
    const { fake } = context
    const id = plan.match.id
    const found = (i: 0 | 1) => dmTitled(fake, plan.players[i].user, `⚔️ Match #${id} Found!`)
    const prompts = yield* Effect.all([found(0), found(1)], { concurrency: 2 })
    const both = [0, 1] as const
    switch (plan.script) {
      case "abort": {
        const aborter = plan.players[plan.actor]
        aborter.abortsLeft -= 1
        return yield* abortMatch(aborter.user, prompts[plan.actor], id)
      }
      case "noshow": {
        const other = plan.actor === 0 ? 1 : 0
        return yield* confirmMatch(plan.players[other].user, prompts[other], id)
      }
      default:
        yield* Effect.all(
          both.map((i) => confirmMatch(plan.players[i].user, prompts[i], id)),
          { concurrency: 2 }
        )
        yield* Effect.all(
          both.map((i) => dmTitled(fake, plan.players[i].user, `✅ Match #${id} Confirmed!`)),
          { concurrency: 2 }
        )
    }
    switch (plan.script) {
      case "replay":
        return yield* upload(context, plan, plan.winner === 1 ? 0 : 1, false)
      case "agree":
      case "disagree":
        yield* upload(context, plan, 0, true)
        return yield* upload(context, plan, 1, true)
      case "lone":
      case "silent":
        return yield* upload(context, plan, plan.actor, true)
    }
  })

const loser = (winner: 1 | 2): 1 | 2 => (winner === 1 ? 2 : 1)

/** After the uploads: reports, and the outcome each player should now see. */
export const closeMatch = (context: PlayContext, plan: Plan) =>
  Effect.gen(function* () {
    const { fake } = context
    const id = plan.match.id
    const seeAll = (title: string) =>
      Effect.all(
        plan.players.map((player) => dmTitled(fake, player.user, title, 0, 120_000)),
        { concurrency: 2, discard: true }
      )
    switch (plan.script) {
      case "replay":
        return yield* seeAll(`🏆 Match #${id} Result Finalized`)
      case "agree":
        yield* reportResult(fake, plan.players[0].user, id, plan.winner)
        yield* reportResult(fake, plan.players[1].user, id, plan.winner)
        return yield* seeAll(`🏆 Match #${id} Result Finalized`)
      case "disagree":
        yield* reportResult(fake, plan.players[0].user, id, plan.winner)
        yield* reportResult(fake, plan.players[1].user, id, loser(plan.winner))
        return yield* seeAll(`⚠️ Match #${id} Result Conflict`)
      case "lone":
        return yield* reportResult(fake, plan.players[plan.actor].user, id, plan.winner)
      case "abort":
        return yield* seeAll(`🛑 Match #${id} Aborted`)
      case "silent":
      case "noshow":
        return
    }
  })
