/** Bounds on what a replay may make the decoder read or allocate. */

export interface DecodeLimits {
  /** Largest file accepted, in bytes (the reference bot's upload limit: 10 MB). */
  readonly maxInputBytes: number
  /** Largest size one archive member may unpack to; the members decoded are a few KB in real replays. */
  readonly maxMemberBytes: number
}

export const defaultLimits: DecodeLimits = {
  maxInputBytes: 10 * 1024 * 1024,
  maxMemberBytes: 4 * 1024 * 1024
}
