/**
 * What the parse orchestration needs from a pool, kept small so the timing logic can be tested on
 * `TestClock` with a fake pool and run for real over worker threads.
 */
import type { Effect, Scope } from "effect"
import type { PoolClosed, WorkerLost } from "./errors.js"
import type { DecodeResult, ParseReplay } from "./protocol.js"

/** One worker, held for one request until the lease's scope closes. */
export interface WorkerLease {
  readonly worker: number
  /** Sends the request; fails only if the worker dies or breaks the protocol under it. */
  readonly run: (request: ParseReplay) => Effect.Effect<DecodeResult, WorkerLost>
  /** The worker is stuck: terminate its thread and have the pool start another. */
  readonly abandon: Effect.Effect<void>
  /** The worker died under the request: have the pool start another instead of reusing it. */
  readonly discard: Effect.Effect<void>
}

export interface ParserBackend {
  /** Waits for a free, running worker; `PoolClosed` once shutdown has begun. */
  readonly lease: Effect.Effect<WorkerLease, PoolClosed | WorkerLost, Scope.Scope>
}
