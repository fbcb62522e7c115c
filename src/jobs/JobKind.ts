/**
 * A kind of job as a value: its name, the schemas of its payload and result, and what running it
 * means. The processor is built from a list of kinds (`JobProcessor.layer([replayKind, …])`).
 *
 * Running a job has three steps, so that a job run twice (its lease lost half-way, its process
 * killed) changes the world once:
 * - `handler` does the work and returns the result. It may run more than once for one job, so it
 *   must not write anything that would be wrong twice (or must check-and-write keyed by
 *   `context.idempotencyKey` in one transaction).
 * - `commit`, if given, writes the result's effects in the same transaction that marks the job
 *   completed, guarded on this processor still holding the lease: it is applied exactly once.
 * - `onCompleted`, if given, runs after that transaction has committed (publish events, notify);
 *   best effort, it is not retried.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { Effect, ParseResult, Schema } from "effect"
import { describeError, InvalidJobPayload, JobHandlerFailed } from "./errors.js"

export interface JobContext {
  readonly jobId: number
  readonly kind: string
  readonly idempotencyKey: string
  /** 1 for the first attempt. */
  readonly attempt: number
  readonly maxAttempts: number
}

/**
 * Runs the completion transaction's body in a transaction: `sql.withTransaction` by default; a kind
 * whose commit step emits domain events passes one that publishes them after COMMIT.
 */
export type CompletionTransaction<R> = <A, E, R1>(
  body: Effect.Effect<A, E, R1>
) => Effect.Effect<A, E | SqlError, R1 | R>

/** A handler's result, encoded, with the steps that go with completing the job. */
export interface Prepared<R> {
  readonly result: string
  /** Runs inside the completion transaction; none for a kind without a commit step. */
  readonly commit: Effect.Effect<void, JobHandlerFailed, R> | undefined
  /** The completion transaction, when the kind needs its own (see `CompletionTransaction`). */
  readonly transaction: CompletionTransaction<R> | undefined
  /** Runs after the completion transaction has committed. */
  readonly onCompleted: Effect.Effect<void, never, R>
}

/** What the processor needs of a kind, with the payload and result types erased. */
export interface AnyJobKind<out R = unknown> {
  readonly kind: string
  /** Overrides EVOLADDER_JOB_MAX_ATTEMPTS for jobs of this kind. */
  readonly maxAttempts: number | undefined
  /** Decodes the payload and runs the handler. */
  readonly execute: (
    payload: string,
    context: JobContext
  ) => Effect.Effect<Prepared<R>, InvalidJobPayload | JobHandlerFailed, R>
}

/** The services the handlers of a list of kinds need. */
export type Requirements<K> = K extends AnyJobKind<infer R> ? R : never

export interface JobKind<K extends string, P, A, R> extends AnyJobKind<R> {
  readonly kind: K
  readonly encodePayload: (payload: P) => Effect.Effect<string, InvalidJobPayload>
  readonly decodeResult: (result: string) => Effect.Effect<A, ParseResult.ParseError>
}

export interface Options<K extends string, P, PI, A, AI, E1, R1, E2, R2, R3> {
  readonly kind: K
  readonly payload: Schema.Schema<P, PI>
  readonly result: Schema.Schema<A, AI>
  readonly handler: (payload: P, context: JobContext) => Effect.Effect<A, E1, R1>
  readonly commit?: (payload: P, result: A, context: JobContext) => Effect.Effect<void, E2, R2>
  readonly onCompleted?: (payload: P, result: A, context: JobContext) => Effect.Effect<void, never, R3>
  readonly transaction?: CompletionTransaction<R3>
  readonly maxAttempts?: number
}

const handlerFailed =
  (kind: string) =>
  (error: unknown): JobHandlerFailed =>
    new JobHandlerFailed({ kind, message: describeError(error), error })

export const make = <
  const K extends string,
  P,
  PI,
  A,
  AI,
  E1 = never,
  R1 = never,
  E2 = never,
  R2 = never,
  R3 = never
>(
  options: Options<K, P, PI, A, AI, E1, R1, E2, R2, R3>
): JobKind<K, P, A, R1 | R2 | R3> => {
  const payloadJson = Schema.parseJson(options.payload)
  const resultJson = Schema.parseJson(options.result)
  const toFailure = handlerFailed(options.kind)
  const invalidPayload = (error: ParseResult.ParseError) =>
    new InvalidJobPayload({ kind: options.kind, message: ParseResult.TreeFormatter.formatErrorSync(error) })

  const execute = (payload: string, context: JobContext) =>
    Effect.gen(function* () {
      const decoded = yield* Effect.mapError(Schema.decodeUnknown(payloadJson)(payload), invalidPayload)
      const result = yield* Effect.mapError(options.handler(decoded, context), toFailure)
      const encoded = yield* Effect.mapError(Schema.encode(resultJson)(result), toFailure)
      const { commit, onCompleted } = options
      return {
        result: encoded,
        commit:
          commit === undefined ? undefined : Effect.mapError(commit(decoded, result, context), toFailure),
        onCompleted: onCompleted === undefined ? Effect.void : onCompleted(decoded, result, context),
        transaction: options.transaction
      }
    })

  return {
    kind: options.kind,
    maxAttempts: options.maxAttempts,
    execute,
    encodePayload: (payload) => Effect.mapError(Schema.encode(payloadJson)(payload), invalidPayload),
    decodeResult: (result) => Schema.decodeUnknown(resultJson)(result)
  }
}
