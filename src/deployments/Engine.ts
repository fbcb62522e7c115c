/**
 * The parts of the ladder that run by themselves: matchmaking waves, match deadlines, queue
 * timeouts, and the replay jobs with their parser pool.
 */
import { Effect, Layer } from "effect"
import type { AnyJobKind } from "../jobs/JobKind.js"
import { jobWorkersLive } from "../jobs/layers.js"
import { DomainEvents } from "../ladder/DomainEvents.js"
import { Matchmaker } from "../ladder/Matchmaker.js"
import { MatchDeadlines } from "../ladder/matches/MatchDeadlines.js"
import { QueueTimeouts } from "../ladder/queue/QueueTimeouts.js"
import { replayCheckJob } from "../ladder/replays/ReplayCheckJob.js"
import { ReplayParser } from "../replay/parser/ReplayParser.js"
import { closed } from "./shutdown.js"

/**
 * Job processing for `kinds` over the parser (pool or inline by config): the processor closes first
 * (its running jobs go back to pending), then the pool.
 */
export const jobsLive = <const Kinds extends ReadonlyArray<AnyJobKind>>(kinds: Kinds) =>
  jobWorkersLive(kinds).pipe(
    Layer.provide(closed("job processor")),
    Layer.provide(ReplayParser.Default.pipe(Layer.provide(closed("replay parser pool"))))
  )

/** Replay jobs: the processor with the replay kind. */
export const ReplayJobsLive = jobsLive([replayCheckJob])

/** The engine with `jobs` as its job processing (tests add kinds of their own). */
export const engineLive = <A, E, R>(jobs: Layer.Layer<A, E, R>) =>
  Layer.mergeAll(Matchmaker.Default, MatchDeadlines.Default, QueueTimeouts.Default, jobs)

export const EngineLive = engineLive(ReplayJobsLive)

const holdEvents = Layer.effectDiscard(Effect.flatMap(DomainEvents, (events) => events.holdDelivery))
const releaseEvents = Layer.effectDiscard(Effect.flatMap(DomainEvents, (events) => events.releaseDelivery))

/**
 * A front door over `engine`, built after it (so that it closes first), with the events the engine
 * commits while the front door starts held until the front door's notifiers listen: a replay job
 * swept back from a crashed process can complete the match before the bot could tell its players.
 */
export const frontDoorOver = <A, E, R, A2, E2, R2>(
  frontDoor: Layer.Layer<A, E, R>,
  engine: Layer.Layer<A2, E2, R2>
) =>
  releaseEvents.pipe(
    Layer.provideMerge(frontDoor),
    Layer.provideMerge(engine),
    Layer.provideMerge(holdEvents)
  )
