/**
 * Time budgets of a parse. The reference gave every file 2.5 s (2 s of work plus 0.5 s of IPC) and
 * listed "larger files may need longer" as a known limitation; here the budget grows with the size.
 */
import { Duration } from "effect"

const MiB = 1024 * 1024

export interface ParseTimeouts {
  /** Budget of a worker (and of the inline fallback) for a file up to 1 MiB: `replays.parseTimeout`. */
  readonly base: Duration.Duration
  /** Added for every started MiB beyond the first. */
  readonly perExtraMiB: Duration.Duration
  /** How long a parse may wait for a free worker before the main thread takes it. */
  readonly queue: Duration.Duration
}

/**
 * A 10 MiB file (the upload limit) gets 2.5 s + 9 × 250 ms = 4.75 s. The largest corpus replay
 * (330 KB) decodes in about 6 ms, so these are margins for slow hosts, not expected durations.
 */
export const defaultTimeouts: ParseTimeouts = {
  base: Duration.millis(2500),
  perExtraMiB: Duration.millis(250),
  queue: Duration.millis(2500)
}

/** The budget for a file of `byteLength` bytes. */
export const timeoutFor = (timeouts: ParseTimeouts, byteLength: number): Duration.Duration => {
  const extraMiB = Math.max(0, Math.ceil((byteLength - MiB) / MiB))
  return Duration.sum(timeouts.base, Duration.times(timeouts.perExtraMiB, extraMiB))
}
