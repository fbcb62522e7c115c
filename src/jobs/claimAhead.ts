/**
 * How many never-attempted jobs a processor claims beyond its free slots. Claimed ahead, many
 * jobs share one transaction (one sync to disk) when handlers take microseconds; with handlers
 * that take long it would only hold jobs back from other processors, so the jobs claimed ahead
 * stay at about AHEAD_WORK of handler time spread over the slots.
 */

/** Handler time the jobs claimed ahead may represent, per slot, in nanoseconds (5 ms). */
const AHEAD_WORK_NANOS = 5_000_000

/** Weight of the newest handler time in the running average. */
const SMOOTHING = 1 / 8

/** The running average of handler times after one more; the first sets it. */
export const nextPace = (pace: number | undefined, handlerNanos: bigint): number => {
  const sample = Number(handlerNanos)
  return pace === undefined ? sample : pace + (sample - pace) * SMOOTHING
}

/**
 * Jobs to claim ahead at `pace` (none before any handler has been timed), at most `max`
 * (EVOLADDER_JOB_CLAIM_AHEAD).
 */
export const aheadFor = (pace: number | undefined, concurrency: number, max: number): number =>
  pace === undefined ? 0 : Math.min(max, Math.floor((concurrency * AHEAD_WORK_NANOS) / Math.max(pace, 1)))
