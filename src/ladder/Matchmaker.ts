/**
 * Matchmaking waves at multiples of the wave interval since the Unix epoch (45 s), only while
 * someone is queued: with an empty queue the matchmaker waits for the next join, doing nothing.
 * A wave is one transaction: every queued player waits one more wave, the pure algorithm pairs
 * them, and each pairing becomes a match with a map drawn from the `Random` service among those
 * neither player vetoed and a server from the region cross table.
 */
import { Clock, Duration, Effect, Option, Queue, Random, Ref, Stream } from "effect"
import { AppConfig } from "../config.js"
import { eligibleMaps, runWave, type Pairing } from "../domain/matchmaking/index.js"
import type { GameServerCode } from "../domain/Region.js"
import { DomainEvent, DomainEvents } from "./DomainEvents.js"
import { LadderData } from "./LadderData.js"
import { Leaderboard, rankIn } from "./Leaderboard.js"
import { MatchService } from "./matches/MatchService.js"
import { QueueRepo, type QueuedPlayer } from "./queue/QueueRepo.js"

/** The next multiple of `intervalMs` strictly after `now`. */
export const nextWaveAt = (now: number, intervalMs: number): number =>
  (Math.floor(now / intervalMs) + 1) * intervalMs

/** A uniformly random item, or none from an empty list. */
const pick = <A>(items: ReadonlyArray<A>): Effect.Effect<Option.Option<A>> =>
  items.length === 0
    ? Effect.succeedNone
    : Effect.map(Random.nextIntBetween(0, items.length), (index) => Option.fromNullable(items[index]))

export class Matchmaker extends Effect.Service<Matchmaker>()("Matchmaker", {
  scoped: Effect.gen(function* () {
    const queue = yield* QueueRepo
    const matches = yield* MatchService
    const data = yield* LadderData
    const leaderboard = yield* Leaderboard
    const events = yield* DomainEvents
    const { ladder, matchmaking } = yield* AppConfig
    const intervalMs = Duration.toMillis(ladder.waveInterval)
    const mapNames = data.mapPool.map((map) => map.name)
    const servers = data.regions.gameServers.map((server) => server.code)
    const upcoming = yield* Ref.make<number | null>(null)

    const serverFor = (pairing: Pairing) =>
      Effect.gen(function* () {
        const { region: a } = pairing.lead
        const { region: b } = pairing.follow
        const mapped: Option.Option<GameServerCode> =
          a !== null && b !== null ? data.serverFor(a, b) : Option.none()
        // The reference's fallback for a missing region or mapping: a uniformly random server.
        return Option.isSome(mapped) ? mapped.value : Option.getOrElse(yield* pick(servers), () => "USW")
      })

    /** One wave now: returns the ids of the matches it created. */
    const wave = Effect.gen(function* () {
      const queued = yield* queue.entries()
      if (queued.length === 0) return []
      const byUid = new Map<string, QueuedPlayer>(queued.map((entry) => [entry.discordUid, entry]))
      const board = yield* leaderboard.snapshot
      return yield* events.transactional(
        Effect.gen(function* () {
          yield* queue.countWave
          const recentActivityCount = yield* queue.activeCount
          const { pairings } = runWave({
            queue: queued.map((entry) => ({ ...entry, waitCycles: entry.waitCycles + 1 })),
            recentActivityCount,
            parameters: matchmaking
          })
          const created: Array<number> = []
          const now = yield* Clock.currentTimeMillis
          for (const pairing of pairings) {
            const lead = byUid.get(pairing.lead.discordUid)
            const follow = byUid.get(pairing.follow.discordUid)
            if (lead === undefined || follow === undefined)
              return yield* Effect.dieMessage("wave paired a stranger")
            const map = yield* pick(eligibleMaps(mapNames, lead.vetoes, follow.vetoes))
            if (Option.isNone(map)) continue
            const rank1 = rankIn(board, lead.discordUid, pairing.leadRace)
            const rank2 = rankIn(board, follow.discordUid, pairing.followRace)
            created.push(
              yield* matches.create({
                player1Uid: lead.discordUid,
                player2Uid: follow.discordUid,
                player1Race: pairing.leadRace,
                player2Race: pairing.followRace,
                player1Mmr: pairing.leadMmr,
                player2Mmr: pairing.followMmr,
                player1Rank: rank1.letter,
                player2Rank: rank2.letter,
                mapName: map.value,
                server: yield* serverFor(pairing)
              })
            )
            yield* queue.touch([lead.discordUid, follow.discordUid], now)
          }
          return created
        })
      )
    }).pipe(Effect.withSpan("Matchmaker.wave"))

    /** Sleeps until someone is queued: subscribed first, so a join between check and wait is seen. */
    const untilQueued = Effect.scoped(
      Effect.gen(function* () {
        const joins = yield* events.subscribe
        if (!(yield* queue.isEmpty)) return
        yield* Stream.fromQueue(joins).pipe(
          Stream.filter(({ event }) => event._tag === "QueueJoined"),
          Stream.take(1),
          Stream.runDrain
        )
        yield* Queue.shutdown(joins)
      })
    )

    const schedule = (at: number | null) =>
      Effect.zipRight(Ref.set(upcoming, at), events.emit(DomainEvent.WaveScheduled({ at })))

    const loop = Effect.gen(function* () {
      for (;;) {
        yield* schedule(null)
        yield* untilQueued
        const now = yield* Clock.currentTimeMillis
        const at = nextWaveAt(now, intervalMs)
        yield* schedule(at)
        yield* Effect.sleep(at - now)
        const created = yield* wave.pipe(
          Effect.catchAllCause((cause) => Effect.as(Effect.logError("matchmaking wave failed", cause), []))
        )
        if (created.length > 0) yield* Effect.logInfo(`wave created matches ${created.join(", ")}`)
      }
    })

    yield* Effect.forkScoped(loop)

    return {
      /** Runs a wave immediately (tests, admin tools). */
      wave,
      /** When the next wave runs (epoch ms), or null while the queue is empty. */
      nextWaveAt: Ref.get(upcoming)
    }
  })
}) {}
