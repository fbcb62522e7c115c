/**
 * In-process wake-up signals between the queue's producers and its processors. They carry no data:
 * a receiver re-reads the table, so coalescing many signals into one (sliding hubs) loses nothing.
 * Other processes learn nothing from them; see docs/job-queue.md ("Wake-ups").
 */
import { Effect, PubSub } from "effect"

/** Enough to hold the latest signal while a receiver is busy; older ones are redundant. */
const CAPACITY = 4

export class JobEvents extends Effect.Service<JobEvents>()("JobEvents", {
  effect: Effect.gen(function* () {
    const enqueued = yield* PubSub.sliding<void>(CAPACITY)
    const finished = yield* PubSub.sliding<void>(CAPACITY)
    return {
      /** A job became claimable now (enqueued or redriven). */
      signalEnqueued: PubSub.publish(enqueued, undefined),
      /** A job became completed or dead. */
      signalFinished: PubSub.publish(finished, undefined),
      subscribeEnqueued: PubSub.subscribe(enqueued),
      subscribeFinished: PubSub.subscribe(finished)
    }
  })
}) {}
