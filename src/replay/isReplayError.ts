/** Recognises the decoder's own tagged errors among anything a `catch` may see. */
import {
  DecodeError,
  MalformedArchive,
  MissingReplayFile,
  ReplayTooLarge,
  UnsupportedReplay
} from "./errors.js"
import type { ReplayError } from "./errors.js"

export const isReplayError = (error: unknown): error is ReplayError =>
  error instanceof DecodeError ||
  error instanceof MalformedArchive ||
  error instanceof MissingReplayFile ||
  error instanceof ReplayTooLarge ||
  error instanceof UnsupportedReplay
