/**
 * Real worker threads that misbehave (test entry `poisonWorker.ts`): a hung worker is terminated and
 * replaced; a request whose thread crashes under it is served by the replacement; a thread that
 * dies while idle is replaced before it is used. One worker per pool, so "the next parse" can only
 * be served by a replacement.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { decodeReplay } from "../../../src/replay/decodeReplay.js"
import type { ParseOutcome } from "../../../src/replay/parser/ParseOutcome.js"
import { makePoolParser } from "../../../src/replay/parser/ReplayParser.js"
import { corpusAvailable } from "../../support/corpus.js"
import { evoReplay, recordThreads, testPoolOptions } from "./harness.js"
import { crashOn, hang, poison } from "./poison.js"

const mapOf = (outcome: ParseOutcome) => (Either.isRight(outcome.result) ? outcome.result.right.map : null)

const elapsedSince = (started: number) => Math.round(performance.now() - started)

describe.skipIf(!corpusAvailable)("ReplayParser pool recovery", () => {
  const bytes = corpusAvailable ? evoReplay() : new Uint8Array()
  const decoded = decodeReplay(bytes)
  const expectedMap = Either.isRight(decoded) ? decoded.right.map : "(no corpus)"

  it.live(
    "times out a hung worker, answers inline, terminates the thread and serves the next parse fresh",
    () => {
      const recorder = recordThreads()
      return Effect.gen(function* () {
        const parser = yield* makePoolParser(testPoolOptions(recorder))
        expect(yield* parser.parse(bytes)).toMatchObject({ path: "worker", worker: 0 })

        const started = performance.now()
        const hung = yield* parser.parse(poison(bytes, hang))
        const answeredAfter = elapsedSince(started)
        expect(hung).toMatchObject({ path: "inline-fallback", reason: "worker-timeout" })
        expect(mapOf(hung)).toBe(expectedMap)
        // The worker's budget is 1.5 s here; termination and the inline decode add milliseconds.
        expect(answeredAfter).toBeGreaterThanOrEqual(1450)
        expect(answeredAfter).toBeLessThan(4000)
        // The thread is gone, not merely skipped: the pool would otherwise hand it out again.
        expect(recorder.threads[0]?.threadId).toBe(-1)

        const next = yield* parser.parse(bytes)
        expect(next).toMatchObject({ path: "worker", worker: 1 })
        expect(mapOf(next)).toBe(expectedMap)
        expect(recorder.threads).toHaveLength(2)
        yield* Effect.logInfo(
          `hang answered after ${answeredAfter} ms; replacement served after ${elapsedSince(started)} ms`
        )
      }).pipe(
        Effect.scoped,
        Effect.tap(() => {
          expect(recorder.running()).toBe(0)
        })
      )
    }
  )

  it.live(
    "retries a request whose thread crashed on a replacement, and replaces a thread that died idle",
    () => {
      const recorder = recordThreads()
      return Effect.gen(function* () {
        const parser = yield* makePoolParser(testPoolOptions(recorder))
        const firstThread = recorder.threads[0]?.threadId ?? -1

        // The request crashes the first thread only: caught in the crash, it is sent again.
        const crashed = yield* parser.parse(poison(bytes, crashOn(firstThread)))
        expect(crashed).toMatchObject({ path: "worker", worker: 1 })
        expect(mapOf(crashed)).toBe(expectedMap)
        expect(recorder.exitCodes).toEqual([7])

        // A thread that dies between requests (killed from outside) is replaced, not handed out.
        yield* Effect.promise(() => recorder.threads[1]?.terminate() ?? Promise.resolve(0))
        const next = yield* parser.parse(bytes)
        expect(next).toMatchObject({ path: "worker", worker: 2 })
        expect(mapOf(next)).toBe(expectedMap)
        expect(recorder.threads).toHaveLength(3)
      }).pipe(
        Effect.scoped,
        Effect.tap(() => {
          expect(recorder.running()).toBe(0)
        })
      )
    }
  )
})
