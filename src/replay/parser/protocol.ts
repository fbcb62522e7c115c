/**
 * What the main thread and a parser worker say to each other, as Schemas so that both sides encode
 * and decode the same way (`Worker.makePoolSerialized` / `WorkerRunner.layerSerialized`).
 */
import * as Transferable from "@effect/platform/Transferable"
import { Schema } from "effect"
import { ReplayError } from "../errors.js"
import { ParsedReplay } from "../ParsedReplay.js"

/**
 * The decoder's answer, success or a readable error. Both are answers: the request itself never
 * fails on the worker, so any failure the pool reports is about the worker, not the replay.
 */
export const DecodeResult = Schema.Either({ right: ParsedReplay, left: ReplayError })
export type DecodeResult = typeof DecodeResult.Type

/**
 * Moves a buffer to the worker instead of cloning it, but only when the view covers a whole, plain
 * `ArrayBuffer`: transferring the backing store of a partial view (e.g. a Node `Buffer` from the
 * shared 8 KB pool) would detach memory that other views still use.
 */
const wholeBuffer = (bytes: Uint8Array): ReadonlyArray<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer &&
  bytes.byteOffset === 0 &&
  bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer]
    : []

export const DecodeLimitsSchema = Schema.Struct({
  maxInputBytes: Schema.Number,
  maxMemberBytes: Schema.Number
})

/** Decode one replay. The sender must not use `bytes` afterwards: its buffer is transferred. */
export class ParseReplay extends Schema.TaggedRequest<ParseReplay>()("ParseReplay", {
  failure: Schema.Never,
  success: DecodeResult,
  payload: {
    bytes: Transferable.schema(Schema.Uint8ArrayFromSelf, wholeBuffer),
    limits: DecodeLimitsSchema
  }
}) {}

/** Every request a parser worker understands. */
export const ParserRequest = Schema.Union(ParseReplay)
export type ParserRequest = typeof ParserRequest.Type
