/**
 * Deletes old finished jobs (the reference let them accumulate forever): at start-up, then when
 * the oldest completed or dead job reaches its retention — at most once an hour, so a steady
 * stream of finished jobs is deleted in batches. With no finished jobs it waits for one to
 * finish, so it has no timer while the queue is idle.
 */
import { Duration, Effect, Layer, Option, Queue, Schedule } from "effect"
import { JobEvents } from "./JobEvents.js"
import { JobQueue } from "./JobQueue.js"

/** The shortest pause between two cleanups. */
export const CLEANUP_SPACING = Duration.hours(1)

export const JobCleanupLive = Layer.scopedDiscard(
  Effect.gen(function* () {
    const queue = yield* JobQueue
    const events = yield* JobEvents
    const finished = yield* events.subscribeFinished

    const step = Effect.gen(function* () {
      const removed = yield* queue.cleanup()
      if (removed.completed + removed.dead > 0) yield* Effect.logInfo("deleted old jobs", removed)
      const next = yield* queue.nextCleanupAt()
      if (Option.isNone(next)) return yield* Queue.take(finished)
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      yield* Effect.sleep(Duration.max(Duration.millis(Math.max(0, next.value - now)), CLEANUP_SPACING))
    })

    yield* step.pipe(
      Effect.forever,
      Effect.tapErrorCause((cause) => Effect.logError("job cleanup failed; retrying", cause)),
      Effect.retry(Schedule.spaced(CLEANUP_SPACING)),
      Effect.forkScoped
    )
  })
)
