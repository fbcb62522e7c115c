/**
 * The parse orchestration on `TestClock`, over a fake pool: which path answers, when each budget
 * fires, what happens to the worker, what the metrics count. No threads here (see pool.test.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, Fiber, Metric, Option, TestClock } from "effect"
import { decodeReplay } from "../../../src/replay/decodeReplay.js"
import { defaultLimits } from "../../../src/replay/limits.js"
import type { ParserBackend } from "../../../src/replay/parser/backend.js"
import { makeBoundedDecode } from "../../../src/replay/parser/boundedDecode.js"
import { PoolClosed, WorkerLost } from "../../../src/replay/parser/errors.js"
import { parses, parseRetries, parseTimeouts } from "../../../src/replay/parser/metrics.js"
import { poolParse, type ParserSettings } from "../../../src/replay/parser/orchestration.js"
import type { DecodeResult } from "../../../src/replay/parser/protocol.js"
import { defaultTimeouts } from "../../../src/replay/parser/timeouts.js"
import { corpusAvailable } from "../../support/corpus.js"
import { evoReplay } from "./harness.js"

const settings: ParserSettings = { timeouts: defaultTimeouts, limits: defaultLimits }

/** A pool whose workers behave as `run` says for their n-th lease; records what the parser did to them. */
const fakePool = (
  run: (lease: number) => Effect.Effect<DecodeResult, WorkerLost>,
  lease: Effect.Effect<void, PoolClosed> = Effect.void
) => {
  const log = { leases: 0, abandoned: new Array<number>(), discarded: new Array<number>() }
  const backend: ParserBackend = {
    lease: Effect.zipRight(
      lease,
      Effect.sync(() => {
        const worker = log.leases++
        return {
          worker,
          run: () => run(worker),
          abandon: Effect.sync(() => void log.abandoned.push(worker)),
          discard: Effect.sync(() => void log.discarded.push(worker))
        }
      })
    )
  }
  return { backend, log }
}

const count = (metric: Metric.Metric.Counter<number>, tag: string, value: string) =>
  Effect.map(Metric.value(metric.pipe(Metric.tagged(tag, value))), (state) => state.count)

const isPending = <A, E>(fiber: Fiber.Fiber<A, E>) => Effect.map(Fiber.poll(fiber), Option.isNone)

describe.skipIf(!corpusAvailable)("ReplayParser.parse over a pool", () => {
  const bytes = corpusAvailable ? evoReplay() : new Uint8Array()
  const decoded = corpusAvailable ? decodeReplay(bytes) : Either.left(null)

  it.effect("answers from the worker, and counts the path", () =>
    Effect.gen(function* () {
      const { backend } = fakePool(() => Effect.succeed(decodeReplay(bytes)))
      const before = yield* count(parses, "path", "worker")
      const outcome = yield* poolParse(backend, makeBoundedDecode(), settings)(bytes)
      expect(outcome).toMatchObject({ path: "worker", worker: 0 })
      expect(outcome.result).toEqual(decoded)
      expect(yield* count(parses, "path", "worker")).toBe(before + 1)
    })
  )

  it.effect("gives a stuck worker exactly its budget, abandons it and answers inline", () =>
    Effect.gen(function* () {
      const { backend, log } = fakePool(() => Effect.never)
      const timeoutsBefore = yield* count(parseTimeouts, "stage", "worker")
      const fiber = yield* Effect.fork(poolParse(backend, makeBoundedDecode(), settings)(bytes))
      yield* TestClock.adjust("2499 millis")
      expect(yield* isPending(fiber)).toBe(true)
      yield* TestClock.adjust("1 millis")
      const outcome = yield* Fiber.join(fiber)
      expect(outcome).toMatchObject({ path: "inline-fallback", reason: "worker-timeout" })
      expect(outcome.result).toEqual(decoded)
      expect(Duration.toMillis(outcome.duration)).toBe(2500)
      expect(log).toEqual({ leases: 1, abandoned: [0], discarded: [] })
      expect(yield* count(parseTimeouts, "stage", "worker")).toBe(timeoutsBefore + 1)
    })
  )

  it.effect("keeps the budget for a caller that parses inside an uninterruptible region", () =>
    Effect.gen(function* () {
      const { backend, log } = fakePool(() => Effect.never)
      const fiber = yield* Effect.fork(
        Effect.uninterruptible(poolParse(backend, makeBoundedDecode(), settings)(bytes))
      )
      yield* TestClock.adjust("2500 millis")
      expect(yield* Fiber.join(fiber)).toMatchObject({ path: "inline-fallback", reason: "worker-timeout" })
      expect(log.abandoned).toEqual([0])
    })
  )

  it.effect("gives a larger file a longer budget", () =>
    Effect.gen(function* () {
      const { backend } = fakePool(() => Effect.never)
      const threeMiB = new Uint8Array(3 * 1024 * 1024)
      const fiber = yield* Effect.fork(poolParse(backend, makeBoundedDecode(), settings)(threeMiB))
      yield* TestClock.adjust("2999 millis")
      expect(yield* isPending(fiber)).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toMatchObject({ path: "inline-fallback", reason: "worker-timeout" })
    })
  )

  it.effect("sends a request caught in a crash to another worker", () =>
    Effect.gen(function* () {
      const { backend, log } = fakePool((lease) =>
        lease === 0
          ? Effect.fail(new WorkerLost({ worker: 0, reason: "exited with code 7" }))
          : Effect.succeed(decodeReplay(bytes))
      )
      const retriesBefore = yield* Metric.value(parseRetries)
      const outcome = yield* poolParse(backend, makeBoundedDecode(), settings)(bytes)
      expect(outcome).toMatchObject({ path: "worker", worker: 1 })
      expect(outcome.result).toEqual(decoded)
      expect(log).toEqual({ leases: 2, abandoned: [], discarded: [0] })
      expect((yield* Metric.value(parseRetries)).count).toBe(retriesBefore.count + 1)
    })
  )

  it.effect("answers inline when the retry loses its worker too", () =>
    Effect.gen(function* () {
      const { backend, log } = fakePool((lease) =>
        Effect.fail(new WorkerLost({ worker: lease, reason: "crash" }))
      )
      const outcome = yield* poolParse(backend, makeBoundedDecode(), settings)(bytes)
      expect(outcome).toMatchObject({ path: "inline-fallback", reason: "worker-lost" })
      expect(outcome.result).toEqual(decoded)
      expect(log).toEqual({ leases: 2, abandoned: [], discarded: [0, 1] })
    })
  )

  it.effect("answers inline when no worker is free within the queue timeout, without touching workers", () =>
    Effect.gen(function* () {
      const { backend, log } = fakePool(() => Effect.succeed(decodeReplay(bytes)), Effect.never)
      const fiber = yield* Effect.fork(poolParse(backend, makeBoundedDecode(), settings)(bytes))
      yield* TestClock.adjust(defaultTimeouts.queue)
      const outcome = yield* Fiber.join(fiber)
      expect(outcome).toMatchObject({ path: "inline-fallback", reason: "pool-busy" })
      expect(outcome.result).toEqual(decoded)
      expect(log).toEqual({ leases: 0, abandoned: [], discarded: [] })
    })
  )

  it.effect("does not parse inline once the pool is closing, and counts the parse as failed", () =>
    Effect.gen(function* () {
      const { backend } = fakePool(() => Effect.never, Effect.fail(new PoolClosed()))
      const failedBefore = yield* count(parses, "path", "failed")
      const outcome = yield* poolParse(backend, makeBoundedDecode(), settings)(bytes)
      expect(outcome).toMatchObject({ path: "inline-fallback", reason: "pool-closed" })
      expect(Either.isLeft(outcome.result) && outcome.result.left._tag).toBe("ReplayParserClosed")
      expect(yield* count(parses, "path", "failed")).toBe(failedBefore + 1)
    })
  )

  it.effect("rejects a file over the size limit in the main thread, without a copy to a worker", () =>
    Effect.gen(function* () {
      const { backend, log } = fakePool(() => Effect.never)
      const outcome = yield* poolParse(
        backend,
        makeBoundedDecode(),
        settings
      )(bytes, {
        limits: { maxInputBytes: 1024 }
      })
      expect(outcome.path).toBe("inline")
      expect(Either.isLeft(outcome.result) && outcome.result.left._tag).toBe("ReplayTooLarge")
      expect(log.leases).toBe(0)
    })
  )

  it.effect("bounds the fallback too: a file that hangs the decoder everywhere is a timed-out answer", () =>
    Effect.gen(function* () {
      const short: ParserSettings = {
        ...settings,
        timeouts: { ...defaultTimeouts, base: Duration.millis(150) }
      }
      const spin = () => {
        for (;;) Math.sqrt(2)
      }
      const { backend, log } = fakePool(() => Effect.never)
      const inlineBefore = yield* count(parseTimeouts, "stage", "inline")
      const fiber = yield* Effect.fork(poolParse(backend, makeBoundedDecode(spin), short)(bytes))
      yield* TestClock.adjust("150 millis")
      const outcome = yield* Fiber.join(fiber)
      expect(outcome).toMatchObject({ path: "inline-fallback", reason: "worker-timeout" })
      expect(Either.isLeft(outcome.result) && outcome.result.left).toMatchObject({
        _tag: "ReplayParseTimedOut",
        timeoutMillis: 150
      })
      expect(log.abandoned).toEqual([0])
      expect(yield* count(parseTimeouts, "stage", "inline")).toBe(inlineBefore + 1)
    })
  )
})
