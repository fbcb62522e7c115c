/** What `ReplayParser.parse` answers: the decoder's result and which path produced it. */
import type { Duration, Either } from "effect"
import type { ReplayError } from "../errors.js"
import type { ParsedReplay } from "../ParsedReplay.js"
import type { ReplayParseTimedOut, ReplayParserClosed } from "./errors.js"

/** A replay error the decoder found, or no answer at all (too slow, or shutting down). */
export type ParseFailure = ReplayError | ReplayParseTimedOut | ReplayParserClosed

export type ParseResult = Either.Either<ParsedReplay, ParseFailure>

/** Why the pool did not answer and the main thread did (or, when closed, nobody did). */
export type FallbackReason = "worker-timeout" | "worker-lost" | "pool-busy" | "pool-closed"

interface Common {
  readonly result: ParseResult
  /** From the call to the answer, including queueing, retries and fallback. */
  readonly duration: Duration.Duration
}

/** A pool worker answered; `worker` is its pool id (a replaced worker gets a new one). */
export interface WorkerOutcome extends Common {
  readonly path: "worker"
  readonly worker: number
}

/** The pool failed this request and the main thread answered, within its own timeout. */
export interface FallbackOutcome extends Common {
  readonly path: "inline-fallback"
  readonly reason: FallbackReason
}

/** Parsed in the main thread by design: an inline deployment, or a file rejected by size alone. */
export interface InlineOutcome extends Common {
  readonly path: "inline"
}

export type ParseOutcome = WorkerOutcome | FallbackOutcome | InlineOutcome

export type ParsePath = ParseOutcome["path"]
