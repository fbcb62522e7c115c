/**
 * Shutdown and start-up failure on real threads: the pool's scope closes within the graceful and
 * forceful budgets with parses in flight, and no thread outlives it.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, Exit, Fiber, Scope } from "effect"
import { ParserStartupFailed } from "../../../src/replay/parser/errors.js"
import { makePoolParser, ReplayParser } from "../../../src/replay/parser/ReplayParser.js"
import { corpusAvailable } from "../../support/corpus.js"
import { evoReplay, recordThreads, testPoolOptions } from "./harness.js"
import { hang, poison, slow } from "./poison.js"

describe.skipIf(!corpusAvailable)("ReplayParser pool shutdown", () => {
  const bytes = corpusAvailable ? evoReplay() : new Uint8Array()

  it.live("lets a finishing parse complete, terminates a hung one, and closes within 1.0 s + 0.5 s", () => {
    const recorder = recordThreads()
    return Effect.gen(function* () {
      const scope = yield* Scope.make()
      const options = testPoolOptions(recorder, { size: 2 })
      // A budget longer than the test: only shutdown may stop the hung request.
      const parser = yield* makePoolParser({
        ...options,
        timeouts: { ...options.timeouts, base: Duration.seconds(30) }
      }).pipe(Scope.extend(scope))
      // Both workers up before the test proper (the pool waits for the first one only).
      yield* Effect.all([parser.parse(poison(bytes, slow(100))), parser.parse(poison(bytes, slow(100)))], {
        concurrency: "unbounded"
      })

      const hung = yield* Effect.fork(parser.parse(poison(bytes, hang)))
      const finishing = yield* Effect.fork(parser.parse(poison(bytes, slow(500))))
      yield* Effect.sleep("200 millis")

      const started = performance.now()
      yield* Scope.close(scope, Exit.void)
      const closedAfter = performance.now() - started

      // The graceful budget ran out on the hung worker; terminating took milliseconds, not 0.5 s.
      expect(closedAfter).toBeGreaterThanOrEqual(950)
      expect(closedAfter).toBeLessThan(2500)
      expect(yield* Fiber.join(finishing)).toMatchObject({ path: "worker" })
      const cut = yield* Fiber.join(hung)
      expect(cut).toMatchObject({ path: "inline-fallback", reason: "pool-closed" })
      expect(Either.isLeft(cut.result) && cut.result.left._tag).toBe("ReplayParserClosed")
      expect(recorder.running()).toBe(0)
      // Closed is closed: a late caller gets an answer, not a hang.
      expect(yield* parser.parse(bytes)).toMatchObject({ path: "inline-fallback", reason: "pool-closed" })
      yield* Effect.logInfo(`closed with parses in flight after ${Math.round(closedAfter)} ms`)
    })
  })

  it.live(
    "reports a pool that cannot start, leaves no thread behind, and the deployment parses inline",
    () => {
      const recorder = recordThreads(new URL("./no-such-worker.js", import.meta.url))
      const options = testPoolOptions(recorder, { startupTimeout: Duration.seconds(1) })
      return Effect.gen(function* () {
        const failed = yield* Effect.scoped(Effect.flip(makePoolParser(options)))
        expect(failed).toBeInstanceOf(ParserStartupFailed)
        expect(recorder.running()).toBe(0)

        const parser = yield* Effect.provide(
          ReplayParser,
          ReplayParser.orInline(ReplayParser.pool(options), ReplayParser.inline(options))
        )
        expect(parser.mode).toBe("inline")
        expect(yield* parser.parse(bytes)).toMatchObject({ path: "inline" })
        expect(recorder.running()).toBe(0)
      })
    }
  )
})
