/**
 * Runs the jobs of a list of kinds, at most EVOLADDER_JOB_CONCURRENCY handlers at a time, for as
 * long as its layer is alive. One loop claims what is due and sleeps until the next thing it knows
 * of — the earliest `next_run_at`, or the earliest lease expiry while jobs are running — or until a
 * job is enqueued or a slot frees. With nothing pending or running it has no timer at all: no polling.
 * Closing the layer interrupts the running attempts, which give their jobs back.
 */
import { Duration, Effect, FiberSet, Layer, Metric, Option, Queue, Ref, Schedule } from "effect"
import { AppConfig } from "../config.js"
import { JobEvents } from "./JobEvents.js"
import type { AnyJobKind, Requirements } from "./JobKind.js"
import { JobLeases } from "./JobLeases.js"
import type { JobRow } from "./JobRow.js"
import { processorWakeups } from "./metrics.js"
import { makeLeaseKeeper } from "./LeaseKeeper.js"
import { makeOwnerId } from "./ownerId.js"
import { runAttempt } from "./runAttempt.js"

/** A database error in the loop is logged and the loop starts again after this backoff. */
const loopRestart = Schedule.exponential("100 millis").pipe(
  Schedule.union(Schedule.spaced("1 minute")),
  Schedule.resetAfter("5 minutes")
)

const earliest = (times: ReadonlyArray<Option.Option<number>>): Option.Option<number> => {
  const at = Option.reduceCompact(times, Infinity, Math.min)
  return at === Infinity ? Option.none() : Option.some(at)
}

const make = (kinds: ReadonlyArray<AnyJobKind>) =>
  Effect.gen(function* () {
    const leases = yield* JobLeases
    const events = yield* JobEvents
    const { jobs: settings } = yield* AppConfig
    const byKind = new Map(kinds.map((kind) => [kind.kind, kind]))
    if (byKind.size !== kinds.length)
      return yield* Effect.dieMessage("JobProcessor: a job kind is listed twice")
    const names = [...byKind.keys()]
    const owner = yield* makeOwnerId
    const leaseMs = Duration.toMillis(settings.lease)

    // Created first so that its finalizer runs last: the loop stops claiming before the running
    // attempts are interrupted and give their jobs back.
    const workers = yield* FiberSet.make<void>()
    /** Coalesced "look again": a job was enqueued or a slot freed. */
    const wake = yield* Queue.sliding<void>(1)
    const running = yield* Ref.make(0)
    const keeper = yield* makeLeaseKeeper(leases, owner, settings.lease)
    /**
     * Expired leases are swept at start-up, then whenever the earliest known lease expires (and,
     * while the processor is saturated, at least once a lease period, when it wakes anyway).
     */
    const sweepAt = yield* Ref.make(0)

    const enqueued = yield* events.subscribeEnqueued
    yield* Effect.forkScoped(
      Effect.forever(Effect.zipRight(Queue.take(enqueued), Queue.offer(wake, undefined)))
    )

    /** A slot is taken from the claim until the handler ends (or the attempt does, whichever first). */
    const start = (job: JobRow) =>
      Effect.gen(function* () {
        const kind = byKind.get(job.kind)
        if (kind === undefined)
          return yield* Effect.dieMessage(`JobProcessor claimed job ${job.id} of unknown kind ${job.kind}`)
        const freeSlot = yield* Effect.once(
          Effect.zipRight(
            Ref.update(running, (n) => n - 1),
            Queue.offer(wake, undefined)
          )
        )
        // Started from the loop's uninterruptible claim: the attempt decides for itself what
        // shutdown may interrupt (its handler).
        return yield* FiberSet.run(
          workers,
          runAttempt(leases, keeper, kind, job, owner, freeSlot).pipe(
            Effect.ensuring(freeSlot),
            Effect.interruptible
          )
        )
      })

    const sleepUntil = (at: Option.Option<number>) =>
      Option.match(at, {
        onNone: () => Queue.take(wake),
        onSome: (time) =>
          Effect.flatMap(
            Effect.clockWith((clock) => clock.currentTimeMillis),
            (now) =>
              Effect.asVoid(Effect.timeoutOption(Queue.take(wake), Duration.millis(Math.max(0, time - now))))
          )
      })

    const step = Effect.gen(function* () {
      yield* Metric.update(processorWakeups, 1)
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      if (now >= (yield* Ref.get(sweepAt))) {
        // While every slot stays busy the loop never asks `nextDue`; sweep again a lease later.
        yield* Ref.set(sweepAt, now + leaseMs)
        const swept = yield* leases.sweepExpired()
        if (swept.requeued + swept.dead > 0) yield* Effect.logWarning("swept expired job leases", swept)
      }
      const free = settings.concurrency - (yield* Ref.get(running))
      if (free <= 0) return yield* Queue.take(wake)
      // Claimed jobs are started before anything can interrupt the loop: once running, shutdown
      // gives them back; claimed and never started, they would wait for their lease to expire.
      const claimed = yield* Effect.uninterruptible(
        Effect.tap(leases.claim({ kinds: names, owner, limit: free }), (jobs) =>
          Effect.zipRight(
            Ref.update(running, (n) => n + jobs.length),
            Effect.forEach(jobs, start, { discard: true })
          )
        )
      )
      // Every free slot taken: more may be due, so look again (after a slot frees).
      if (claimed.length === free) return
      const due = yield* leases.nextDue(names)
      yield* Ref.set(
        sweepAt,
        Option.getOrElse(due.leaseExpiresAt, () => Infinity)
      )
      yield* sleepUntil(earliest([due.runAt, due.leaseExpiresAt]))
    })

    yield* Effect.logDebug("job processor started", {
      owner,
      kinds: names,
      concurrency: settings.concurrency
    })
    yield* step.pipe(
      Effect.forever,
      Effect.tapErrorCause((cause) => Effect.logError("job processor loop failed; restarting", cause)),
      Effect.retry(loopRestart),
      Effect.forkScoped
    )
  })

/**
 * The processor for `kinds`, needing what their handlers need.
 *
 * (The second signature is the implementation's: inside, the kinds' requirements are erased to
 * `unknown`, which TypeScript cannot relate to the union the first signature computes from the
 * list. The first is what callers see and what the kinds actually need.)
 */
export function layer<const Kinds extends ReadonlyArray<AnyJobKind>>(
  kinds: Kinds
): Layer.Layer<never, never, JobLeases | JobEvents | AppConfig | Requirements<Kinds[number]>>
export function layer(kinds: ReadonlyArray<AnyJobKind>): Layer.Layer<never, never, unknown> {
  return Layer.scopedDiscard(make(kinds))
}
