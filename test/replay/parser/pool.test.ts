/**
 * The deployed layers on real worker threads: `ReplayParser.Default` as configured, with the
 * production worker entry (loaded through tsx here, from `dist/` in production).
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import { AppConfig, appConfig } from "../../../src/config.js"
import { decodeReplay } from "../../../src/replay/decodeReplay.js"
import { ReplayParser } from "../../../src/replay/parser/ReplayParser.js"
import { corpusAvailable } from "../../support/corpus.js"
import { corpus, evoReplay } from "./harness.js"

/** Settings as if only these variables were set (not `support/layers.ts`: it loads the database too). */
const configLayer = (env: Record<string, string>) =>
  Layer.effect(
    AppConfig,
    Effect.withConfigProvider(
      Effect.map(appConfig, AppConfig.make),
      ConfigProvider.fromMap(new Map(Object.entries(env)))
    )
  )

const parserFrom = (env: Record<string, string>) => ReplayParser.Default.pipe(Layer.provide(configLayer(env)))

describe.skipIf(!corpusAvailable)("ReplayParser.Default", () => {
  it.live("parses in the main thread when EVOLADDER_PARSE_WORKERS=0", () =>
    Effect.gen(function* () {
      const parser = yield* ReplayParser
      expect(parser.mode).toBe("inline")
      const bytes = evoReplay()
      const outcome = yield* parser.parse(bytes)
      expect(outcome.path).toBe("inline")
      expect(outcome.result).toEqual(decodeReplay(bytes))
    }).pipe(Effect.provide(parserFrom({ EVOLADDER_PARSE_WORKERS: "0" })))
  )

  it.live("parses the whole corpus through one worker, all at once (queued), the same as inline", () =>
    Effect.gen(function* () {
      const parser = yield* ReplayParser
      expect(parser.mode).toBe("pool")
      const replays = corpus()
      const outcomes = yield* Effect.forEach(replays, ({ bytes }) => parser.parse(bytes), {
        concurrency: "unbounded"
      })
      expect(outcomes.map((outcome) => outcome.path)).toEqual(replays.map(() => "worker"))
      outcomes.forEach((outcome, i) => {
        const bytes = replays[i]?.bytes ?? new Uint8Array()
        expect(outcome.result).toEqual(decodeReplay(bytes))
      })
      // Bad files are answers too: the corpus has malformed ones, decoded to their tagged errors.
      expect(outcomes.some((outcome) => Either.isLeft(outcome.result))).toBe(true)
      // The caller's bytes are untouched: the worker got a transferred copy.
      expect(replays.every(({ bytes }) => bytes.byteLength > 0)).toBe(true)
    }).pipe(Effect.provide(parserFrom({ EVOLADDER_PARSE_WORKERS: "1" })))
  )
})
