/** The job queue's layers, composed: what producers need, and what a process that runs jobs adds. */
import { Layer } from "effect"
import { JobCleanupLive } from "./JobCleanup.js"
import { JobEvents } from "./JobEvents.js"
import type { AnyJobKind } from "./JobKind.js"
import { JobLeases } from "./JobLeases.js"
import * as JobProcessor from "./JobProcessor.js"
import { JobQueue } from "./JobQueue.js"

/** `JobQueue` and `JobLeases` sharing one set of wake-up signals; needs `SqlClient` and `AppConfig`. */
export const JobQueueLive = Layer.mergeAll(JobQueue.Default, JobLeases.Default).pipe(
  Layer.provideMerge(JobEvents.Default)
)

/**
 * Processing and cleanup for `kinds`, on top of a `JobQueueLive` the caller provides (one per
 * process, shared with the producers so that enqueueing wakes the processor).
 */
export const jobWorkersLive = <const Kinds extends ReadonlyArray<AnyJobKind>>(kinds: Kinds) =>
  Layer.merge(JobProcessor.layer(kinds), JobCleanupLive)
