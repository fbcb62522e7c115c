/**
 * The worker side of the protocol: the decoder, unchanged. Kept apart from the entry module so that a
 * test entry can serve the same handler and add its own misbehaviour around it.
 */
import { Effect } from "effect"
import { decodeReplay } from "../decodeReplay.js"
import type { DecodeResult, ParseReplay } from "./protocol.js"

export const parseReplay = (request: ParseReplay): Effect.Effect<DecodeResult> =>
  Effect.sync(() => decodeReplay(request.bytes, { limits: request.limits }))
