/**
 * How a parse can end without a decoder answer. The first two reach callers inside a `ParseOutcome`
 * and carry a message a player can read; the rest say why the pool did not answer and never leave
 * this module's orchestration (the inline fallback takes over).
 */
import { Data, Schema } from "effect"

/** Neither a worker nor the inline fallback finished within its time budget: a poisoned or huge file. */
export class ReplayParseTimedOut extends Schema.TaggedError<ReplayParseTimedOut>()("ReplayParseTimedOut", {
  message: Schema.String,
  timeoutMillis: Schema.Number
}) {}

/** The parser is shutting down; the replay was not read (a job retried after restart will read it). */
export class ReplayParserClosed extends Schema.TaggedError<ReplayParserClosed>()("ReplayParserClosed", {
  message: Schema.String
}) {}

/** The worker kept the request past its timeout (it is stuck or far too slow); it is terminated. */
export class WorkerTimedOut extends Data.TaggedError("WorkerTimedOut")<{
  readonly worker: number
  readonly timeoutMillis: number
}> {}

/** The worker's thread died (crash, exit, out of memory) or broke the protocol under the request. */
export class WorkerLost extends Data.TaggedError("WorkerLost")<{
  readonly worker: number | null
  readonly reason: string
}> {}

/** No worker became free within the queue timeout (every worker busy, or being replaced). */
export class PoolBusy extends Data.TaggedError("PoolBusy")<{
  readonly waitedMillis: number
}> {}

/** The pool is shutting down and takes no more requests. */
export class PoolClosed extends Data.TaggedError("PoolClosed") {}

export type PoolFailure = WorkerTimedOut | WorkerLost | PoolBusy | PoolClosed

/** The worker pool could not start (entry not found, worker failing at import, start-up too slow). */
export class ParserStartupFailed extends Data.TaggedError("ParserStartupFailed")<{
  readonly message: string
}> {}
