/** The decoder as an Effect, with a span per replay, for callers inside Effect programs. */
import { Effect } from "effect"
import { decodeReplay, type DecodeOptions } from "./decodeReplay.js"

export const decode = Effect.fn("ReplayDecoder.decode")(function* (
  bytes: Uint8Array,
  options?: DecodeOptions
) {
  yield* Effect.annotateCurrentSpan("replay.bytes", bytes.length)
  return yield* decodeReplay(bytes, options)
})
