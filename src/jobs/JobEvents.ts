/**
 * Wake-up signals between the queue's producers and its processors. They carry no data: a receiver
 * re-reads the table, so coalescing many signals into one (sliding hubs) loses nothing.
 *
 * "Enqueued" also reaches processors in other processes through `Broadcast` (NOTIFY on PostgreSQL,
 * sent with the enqueueing transaction, so it arrives once the job is visible); what other
 * processes send is relayed to this process's processors, and so is a reconnection, after which a
 * look at the table finds whatever was missed. On SQLite there is one process and the broadcast
 * does nothing. See docs/job-queue.md ("Wake-ups").
 */
import { Effect, PubSub, Stream } from "effect"
import { Broadcast } from "../db/Broadcast.js"

/** Enough to hold the latest signal while a receiver is busy; older ones are redundant. */
const CAPACITY = 4

/** The NOTIFY channel of "a job became claimable". */
export const JOBS_CHANNEL = "evoladder_jobs"

export class JobEvents extends Effect.Service<JobEvents>()("JobEvents", {
  scoped: Effect.gen(function* () {
    const broadcast = yield* Broadcast
    const enqueued = yield* PubSub.sliding<void>(CAPACITY)
    const finished = yield* PubSub.sliding<void>(CAPACITY)
    const wake = PubSub.publish(enqueued, undefined)
    if (broadcast.shared) {
      yield* broadcast.listen(JOBS_CHANNEL).pipe(
        Stream.runForEach(() => wake),
        Effect.forkScoped
      )
    }
    return {
      /**
       * A job became claimable now (enqueued or redriven). Inside a transaction, other processes
       * hear of it when that transaction commits.
       */
      signalEnqueued: Effect.zipRight(broadcast.send(JOBS_CHANNEL, ""), wake),
      /** A job became completed or dead (this process only: it schedules its own cleanup). */
      signalFinished: PubSub.publish(finished, undefined),
      subscribeEnqueued: PubSub.subscribe(enqueued),
      subscribeFinished: PubSub.subscribe(finished)
    }
  })
}) {}
