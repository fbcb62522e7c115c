/**
 * Every way a replay can fail to decode, as tagged errors with a message a player can read.
 * Schema classes rather than plain `Data` errors so that a worker thread can send them back encoded.
 */
import { Schema } from "effect"

/** The file is bigger than the decoder accepts, or a member would decompress to more than it allows. */
export class ReplayTooLarge extends Schema.TaggedError<ReplayTooLarge>()("ReplayTooLarge", {
  message: Schema.String
}) {}

/** The bytes are not a well-formed MPQ archive (not a replay, truncated, or corrupted). */
export class MalformedArchive extends Schema.TaggedError<MalformedArchive>()("MalformedArchive", {
  message: Schema.String
}) {}

/** The archive is sound but lacks a member the decoder needs (e.g. a replay saved before the game began). */
export class MissingReplayFile extends Schema.TaggedError<MissingReplayFile>()("MissingReplayFile", {
  message: Schema.String,
  file: Schema.String
}) {}

/** A feature of the file that real replays do not use (encryption, exotic compression, future formats). */
export class UnsupportedReplay extends Schema.TaggedError<UnsupportedReplay>()("UnsupportedReplay", {
  message: Schema.String
}) {}

/** A member's content does not follow the s2protocol encoding (corrupted or truncated data). */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  message: Schema.String,
  file: Schema.String
}) {}

export const ReplayError = Schema.Union(
  ReplayTooLarge,
  MalformedArchive,
  MissingReplayFile,
  UnsupportedReplay,
  DecodeError
)
export type ReplayError = typeof ReplayError.Type
