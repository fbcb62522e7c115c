/**
 * The parts of the ladder that run by themselves: matchmaking waves, match deadlines, queue
 * timeouts, and the replay jobs with their parser pool.
 */
import { Layer } from "effect"
import { jobWorkersLive } from "../jobs/layers.js"
import { Matchmaker } from "../ladder/Matchmaker.js"
import { MatchDeadlines } from "../ladder/matches/MatchDeadlines.js"
import { QueueTimeouts } from "../ladder/queue/QueueTimeouts.js"
import { replayCheckJob } from "../ladder/replays/ReplayCheckJob.js"
import { ReplayParser } from "../replay/parser/ReplayParser.js"

/** Replay jobs: the processor with the replay kind, over the parser (pool or inline by config). */
export const ReplayJobsLive = jobWorkersLive([replayCheckJob]).pipe(Layer.provide(ReplayParser.Default))

export const EngineLive = Layer.mergeAll(
  Matchmaker.Default,
  MatchDeadlines.Default,
  QueueTimeouts.Default,
  ReplayJobsLive
)
