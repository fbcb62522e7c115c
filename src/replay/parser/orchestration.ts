/**
 * One parse: the pool first, each step bounded (queue wait, then the worker's budget); a worker that
 * died under the request gets the request again once; whatever else goes wrong, the main thread
 * answers within its own budget. The caller always gets a `ParseOutcome`, never a pool error.
 */
import { Duration, Effect, Either, Metric } from "effect"
import type { DecodeOptions } from "../decodeReplay.js"
import type { DecodeLimits } from "../limits.js"
import type { ParserBackend } from "./backend.js"
import type { BoundedDecode } from "./boundedDecode.js"
import { PoolBusy, ReplayParserClosed, WorkerTimedOut, type PoolFailure } from "./errors.js"
import { parseRetries, recordParse, recordTimeout } from "./metrics.js"
import type { FallbackReason, ParseOutcome, ParseResult } from "./ParseOutcome.js"
import { ParseReplay, type DecodeResult } from "./protocol.js"
import { timeoutFor, type ParseTimeouts } from "./timeouts.js"

export interface ParserSettings {
  readonly timeouts: ParseTimeouts
  readonly limits: DecodeLimits
}

export type Parse = (bytes: Uint8Array, options?: DecodeOptions) => Effect.Effect<ParseOutcome>

/** An outcome before its duration is known. */
type Answer =
  | { readonly path: "worker"; readonly worker: number; readonly result: ParseResult }
  | { readonly path: "inline-fallback"; readonly reason: FallbackReason; readonly result: ParseResult }
  | { readonly path: "inline"; readonly result: ParseResult }

interface Job {
  readonly bytes: Uint8Array
  readonly limits: DecodeLimits
  readonly timeout: Duration.Duration
}

const closed = new ReplayParserClosed({
  message: "The bot is restarting and could not read the replay; please upload it again in a minute."
})

/** The main thread's answer; a budget overrun becomes a `ReplayParseTimedOut` result. */
const inline = (decode: BoundedDecode, job: Job): Effect.Effect<ParseResult> =>
  Effect.sync(() => decode(job.bytes, job.limits, job.timeout)).pipe(
    Effect.flatMap(
      Either.match({
        onLeft: (timedOut) =>
          Effect.as(
            Effect.zipRight(
              recordTimeout("inline"),
              Effect.logError(`Replay of ${job.bytes.length} bytes overran the inline budget`)
            ),
            Either.left(timedOut)
          ),
        onRight: (result: DecodeResult) => Effect.succeed<ParseResult>(result)
      })
    )
  )

/** Sends a copy of the bytes and transfers it: the caller's bytes stay intact for the fallback. */
const attempt = (backend: ParserBackend, timeouts: ParseTimeouts, job: Job) =>
  Effect.scoped(
    Effect.gen(function* () {
      const lease = yield* backend.lease.pipe(
        Effect.timeoutFail({
          duration: timeouts.queue,
          onTimeout: () => new PoolBusy({ waitedMillis: Duration.toMillis(timeouts.queue) })
        })
      )
      const result = yield* lease
        .run(new ParseReplay({ bytes: new Uint8Array(job.bytes), limits: job.limits }))
        .pipe(
          Effect.timeoutFail({
            duration: job.timeout,
            onTimeout: () =>
              new WorkerTimedOut({ worker: lease.worker, timeoutMillis: Duration.toMillis(job.timeout) })
          }),
          Effect.tapError((failure) => (failure._tag === "WorkerTimedOut" ? lease.abandon : lease.discard))
        )
      return { path: "worker", worker: lease.worker, result } satisfies Answer
    })
  )

/** Once: a request caught in a crash deserves another worker; a file that crashes two does not. */
const withRetry = (backend: ParserBackend, timeouts: ParseTimeouts, job: Job) =>
  attempt(backend, timeouts, job).pipe(
    Effect.catchTag("WorkerLost", (lost) =>
      Effect.zipRight(
        Effect.zipRight(
          Metric.increment(parseRetries),
          Effect.logWarning(
            `Parser worker ${lost.worker ?? "?"} lost under a request (${lost.reason}); retrying`
          )
        ),
        attempt(backend, timeouts, job)
      )
    )
  )

const fallbackReason = (failure: PoolFailure): FallbackReason => {
  switch (failure._tag) {
    case "WorkerTimedOut":
      return "worker-timeout"
    case "WorkerLost":
      return "worker-lost"
    case "PoolBusy":
      return "pool-busy"
    case "PoolClosed":
      return "pool-closed"
  }
}

const logFallback = (failure: PoolFailure): Effect.Effect<void> => {
  switch (failure._tag) {
    case "WorkerTimedOut":
      return Effect.zipRight(
        recordTimeout("worker"),
        Effect.logWarning(
          `Parser worker ${failure.worker} overran ${failure.timeoutMillis} ms; terminated, parsing inline`
        )
      )
    case "PoolBusy":
      return Effect.zipRight(
        recordTimeout("queue"),
        Effect.logWarning(`No parser worker free within ${failure.waitedMillis} ms; parsing inline`)
      )
    case "WorkerLost":
      return Effect.logWarning(
        `Parser worker ${failure.worker ?? "?"} lost again (${failure.reason}); parsing inline`
      )
    case "PoolClosed":
      return Effect.void
  }
}

const fallback = (decode: BoundedDecode, job: Job) => (failure: PoolFailure) =>
  Effect.zipRight(
    logFallback(failure),
    // Closing: the inline budget would stretch shutdown, and a job retried after restart reads it.
    failure._tag === "PoolClosed"
      ? Effect.succeed<Answer>({
          path: "inline-fallback",
          reason: "pool-closed",
          result: Either.left(closed)
        })
      : Effect.map(inline(decode, job), (result): Answer => ({
          path: "inline-fallback",
          reason: fallbackReason(failure),
          result
        }))
  )

/** Times the answer, records metrics and span attributes. */
const measured = (
  name: string,
  answer: (bytes: Uint8Array, options?: DecodeOptions) => Effect.Effect<Answer>
) =>
  Effect.fn(name)(function* (bytes: Uint8Array, options?: DecodeOptions) {
    yield* Effect.annotateCurrentSpan("replay.bytes", bytes.length)
    const [duration, answered] = yield* Effect.timed(answer(bytes, options))
    const outcome: ParseOutcome = { ...answered, duration }
    yield* Effect.annotateCurrentSpan("replay.parse.path", outcome.path)
    yield* recordParse(outcome)
    return outcome
  })

const jobOf = (settings: ParserSettings, bytes: Uint8Array, options?: DecodeOptions): Job => ({
  bytes,
  limits: { ...settings.limits, ...options?.limits },
  timeout: timeoutFor(settings.timeouts, bytes.length)
})

/** Pool first, main thread as the fallback. */
export const poolParse = (backend: ParserBackend, decode: BoundedDecode, settings: ParserSettings): Parse =>
  measured("ReplayParser.parse", (bytes, options) => {
    const job = jobOf(settings, bytes, options)
    // Rejected on size alone by the decoder's first check: not worth a copy to a worker.
    if (bytes.length > job.limits.maxInputBytes) {
      return Effect.map(inline(decode, job), (result): Answer => ({ path: "inline", result }))
    }
    // Interruptible on purpose: a timeout stops its loser by interruption, so a caller running the
    // parse in an uninterruptible region (a job step, a finalizer) would otherwise wait for a hung
    // worker instead of getting the fallback on time.
    return withRetry(backend, settings.timeouts, job).pipe(
      Effect.interruptible,
      Effect.catchAll(fallback(decode, job))
    )
  })

/** Main thread only (`EVOLADDER_PARSE_WORKERS=0`), still bounded by the budget. */
export const inlineParse = (decode: BoundedDecode, settings: ParserSettings): Parse =>
  measured("ReplayParser.parse", (bytes, options) =>
    Effect.map(inline(decode, jobOf(settings, bytes, options)), (result): Answer => ({
      path: "inline",
      result
    }))
  )
