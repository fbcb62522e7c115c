/**
 * Runs the jobs of a list of kinds, at most EVOLADDER_JOB_CONCURRENCY handlers at a time, for as
 * long as its layer is alive. Up to that many runner fibers take claimed jobs one after another
 * and note how each ended; one loop does all the writing: a turn is one transaction that settles
 * the attempts ended since the last turn and claims jobs for the free slots (and, while handlers
 * are fast, never-attempted jobs ahead of them, see claimAhead.ts), so that a busy processor pays
 * one sync to disk for many jobs. Between turns the loop sleeps until the next thing it knows of:
 * a runner's news, a job enqueued, the earliest `next_run_at`, the earliest lease expiry, or an
 * ended attempt's deadline to be written. With nothing pending or running it has no timer at all:
 * no polling.
 * Closing the layer stops the loop, interrupts the runners and writes everything back in one last
 * transaction: the attempts that ended, and the interrupted ones and the jobs claimed ahead given
 * back without counting an attempt.
 */
import {
  Clock,
  Duration,
  Effect,
  Exit,
  Fiber,
  FiberId,
  FiberSet,
  Layer,
  Metric,
  Option,
  Queue,
  Schedule
} from "effect"
import { AppConfig } from "../config.js"
import { aheadFor, nextPace } from "./claimAhead.js"
import { JobEvents } from "./JobEvents.js"
import type { AnyJobKind, Requirements } from "./JobKind.js"
import { JobLeases } from "./JobLeases.js"
import { type JobRow, leaseOf } from "./JobRow.js"
import { makeLeaseKeeper } from "./LeaseKeeper.js"
import { processorWakeups, recordAttempt } from "./metrics.js"
import { makeOwnerId } from "./ownerId.js"
import { type Attempt, type Report, runHandler } from "./runHandler.js"
import { type Ending, type Settled, settleAttempts } from "./settleAttempts.js"

/** A database error in the loop is logged and the loop starts again after this backoff. */
const loopRestart = Schedule.exponential("100 millis").pipe(
  Schedule.union(Schedule.spaced("1 minute")),
  Schedule.resetAfter("5 minutes")
)

/**
 * Ended attempts wait for the next claim's transaction at most this long (or this many), while
 * other handlers are busy and jobs claimed ahead are waiting: a fast processor settles in batches,
 * a slow one soon after each job.
 */
const SETTLE_WITHIN_MS = 5
const SETTLE_BATCH = 64

type Message =
  /** A job may have become claimable. */
  | { readonly _tag: "Wake" }
  /** A runner has something for the loop to look at. */
  | { readonly _tag: "Poke" }
  /** The lease keeper found the job is someone else's now. */
  | { readonly _tag: "Lost"; readonly jobId: number; readonly attempt: number }

interface Running {
  readonly attempt: Attempt<unknown>
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown>
  lost: boolean
}

/** Stands in for a kind the processor does not know (the claim asks only for its own kinds). */
const unknownKind = (name: string): AnyJobKind => ({
  kind: name,
  maxAttempts: undefined,
  execute: () => Effect.dieMessage(`JobProcessor claimed a job of unknown kind ${name}`)
})

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
    const { concurrency } = settings

    const runners = yield* FiberSet.make<void>()
    /** `onCompleted` steps, run after their transaction, off the loop. */
    const followUps = yield* FiberSet.make<void>()
    const mailbox = yield* Queue.unbounded<Message>()
    const keeper = yield* makeLeaseKeeper(leases, owner, settings.lease)

    // The processor's state. The loop and the runners share it: they all run on one thread, and
    // each change is made in one synchronous step.
    /** Claimed, waiting for a runner. */
    const ready: Array<JobRow> = []
    const running = new Map<number, Running>()
    let runnerCount = 0
    let endings: Array<Ending<unknown>> = []
    let oldestEndingAt = Infinity
    /** False once a claim found fewer due jobs than it asked for, until something changes or `dueAt`. */
    let mayClaim = true
    let dueAt = Infinity
    /**
     * Expired leases are swept at start-up, then whenever the earliest known lease expires (and,
     * while the processor is saturated, at least once a lease period, when it wakes anyway).
     */
    let sweepAt = 0
    /** Running average of handler times, in nanoseconds (see claimAhead.ts). */
    let pace: number | undefined

    const enqueued = yield* events.subscribeEnqueued
    yield* Effect.forkScoped(
      Effect.forever(Effect.zipRight(Queue.take(enqueued), Queue.offer(mailbox, { _tag: "Wake" })))
    )

    /** Metrics and logs for attempts whose ending is written; returns their `onCompleted` steps. */
    const noteSettled = (settled: ReadonlyArray<Settled<unknown>>) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const completed: Array<Effect.Effect<void, never, unknown>> = []
        for (const { attempt, exit, outcome } of settled) {
          yield* recordAttempt(attempt.job.kind, outcome, now - attempt.startedAt)
          if (outcome === "completed" && Exit.isSuccess(exit)) completed.push(exit.value.onCompleted)
          if (Exit.isFailure(exit) && outcome !== "released") {
            yield* Effect.logWarning(`job attempt ended: ${outcome}`, exit.cause).pipe(
              Effect.annotateLogs({
                jobId: attempt.job.id,
                jobKind: attempt.job.kind,
                attempt: attempt.lease.attempt
              })
            )
          }
        }
        return completed
      })

    /** `noteSettled`, with the `onCompleted` steps run off the loop and the runners. */
    const followUp = (settled: ReadonlyArray<Settled<unknown>>) =>
      Effect.flatMap(noteSettled(settled), (steps) =>
        steps.length === 0 ? Effect.void : FiberSet.run(followUps, Effect.all(steps, { discard: true }))
      )

    const aheadNow = () => aheadFor(pace, concurrency, settings.claimAhead)

    /** Whether the loop has a transaction to run now: claims to make, or endings to settle. */
    const wantsWrite = (now: number) => {
      const ahead = aheadNow()
      const slotFree = running.size + ready.length < concurrency
      const wantsClaim = mayClaim && (slotFree || (ready.length * 2 <= ahead && ready.length < ahead))
      const wantsSettle =
        endings.length > 0 &&
        (ready.length === 0 ||
          running.size === 0 ||
          endings.length >= SETTLE_BATCH ||
          now >= oldestEndingAt + SETTLE_WITHIN_MS)
      return wantsClaim || wantsSettle
    }

    const poke = Queue.offer(mailbox, { _tag: "Poke" })

    /** Records how a runner's attempt ended; the loop writes it with the others. */
    const recordEnding = (report: Report<unknown>, lost: boolean) =>
      Effect.gen(function* () {
        running.delete(report.attempt.job.id)
        pace = nextPace(pace, report.handlerNanos)
        // A slot is free, and what is due has changed (a retry, our lease no longer the
        // earliest): look again.
        mayClaim = true
        const now = yield* Clock.currentTimeMillis
        let first = false
        if (report._tag === "CompletedAlone") {
          const { attempt, prepared, completed } = report
          yield* followUp([
            { attempt, exit: Exit.succeed(prepared), outcome: completed ? "completed" : "lease_lost" }
          ])
        } else {
          first = endings.length === 0
          if (first) oldestEndingAt = now
          endings.push({ ended: report, lost })
        }
        // The loop sleeps without a deadline while nothing has ended: tell it about the first.
        if (first || wantsWrite(now)) yield* poke
      })

    /**
     * Runs waiting jobs one after another until none is left; never interrupted between them (a
     * job would be left holding). Stops after an interrupted handler: the interruption was meant
     * for this runner's fiber (shutdown, or a lost lease), so its next handler would be cut short.
     * (A lost lease's interruption can land after its handler has ended, on the runner's next
     * job: that job is then given back without counting the attempt, and runs again.)
     */
    const runner = Effect.gen(function* () {
      const fiber = yield* Effect.withFiberRuntime<Fiber.RuntimeFiber<unknown, unknown>>((self) =>
        Effect.succeed(self)
      )
      for (;;) {
        const job = ready.shift()
        if (job === undefined) break
        const attempt: Attempt<unknown> = {
          job,
          kind: byKind.get(job.kind) ?? unknownKind(job.kind),
          lease: leaseOf(job, owner),
          startedAt: yield* Clock.currentTimeMillis
        }
        const entry: Running = { attempt, fiber, lost: false }
        running.set(job.id, entry)
        const report = yield* runHandler(leases, keeper, attempt)
        yield* recordEnding(report, entry.lost)
        if (report._tag === "Ended" && Exit.isInterrupted(report.exit)) break
      }
      runnerCount--
      yield* poke
    }).pipe(Effect.uninterruptible)

    /** Starts runners for the waiting jobs, up to one per slot. */
    const startRunners = Effect.gen(function* () {
      while (runnerCount < concurrency && runnerCount < ready.length) {
        runnerCount++
        yield* FiberSet.run(runners, runner)
      }
    }).pipe(Effect.uninterruptible)

    const absorb = (message: Message) =>
      Effect.gen(function* () {
        switch (message._tag) {
          case "Wake":
            mayClaim = true
            return
          case "Poke":
            return
          case "Lost": {
            const waiting = ready.findIndex(
              (job) => job.id === message.jobId && job.attempts === message.attempt
            )
            if (waiting >= 0) ready.splice(waiting, 1)
            const entry = running.get(message.jobId)
            if (entry !== undefined && entry.attempt.lease.attempt === message.attempt) {
              entry.lost = true
              yield* Fiber.interruptFork(entry.fiber)
            }
          }
        }
      })

    const hold = (job: JobRow) =>
      keeper.hold({
        lease: leaseOf(job, owner),
        onLost: Queue.offer(mailbox, { _tag: "Lost", jobId: job.id, attempt: job.attempts })
      })

    /** One transaction: settle what ended, claim for the free slots and ahead. */
    const write = Effect.gen(function* () {
      const settling = endings
      endings = []
      const ahead = aheadNow()
      const room = mayClaim ? Math.max(0, concurrency + ahead - running.size - ready.length) : 0
      const slots = Math.min(room, Math.max(0, concurrency - running.size - ready.length))
      const claimAhead = room - slots
      const turn = yield* leases
        .transaction(
          Effect.all({
            settled: settleAttempts(leases, settling),
            forSlots: leases.claim({ kinds: names, owner, limit: slots }),
            ahead: leases.claim({ kinds: names, owner, limit: claimAhead, freshOnly: true })
          })
        )
        .pipe(
          Effect.tapErrorCause(() =>
            Effect.sync(() => {
              endings = [...settling, ...endings]
            })
          ),
          Effect.withSpan("JobProcessor.turn", {
            captureStackTrace: false,
            attributes: { settled: settling.length, slots, ahead: claimAhead }
          })
        )
      const claimed = [...turn.forSlots, ...turn.ahead]
      yield* Effect.forEach(claimed, hold, { discard: true })
      ready.push(...claimed)
      yield* followUp(turn.settled)
      if (room > 0 && (turn.forSlots.length < slots || turn.ahead.length < claimAhead)) {
        const due = yield* leases.nextDue(names)
        mayClaim = false
        sweepAt = Option.getOrElse(due.leaseExpiresAt, () => Infinity)
        dueAt = Math.min(
          Option.getOrElse(due.runAt, () => Infinity),
          sweepAt
        )
      }
    }).pipe(Effect.uninterruptible)

    /** Waits for a message, or until the next time something is due. */
    const sleep = (now: number) =>
      Effect.gen(function* () {
        const settleBy = endings.length > 0 ? oldestEndingAt + SETTLE_WITHIN_MS : Infinity
        const at = Math.min(mayClaim ? Infinity : dueAt, sweepAt, settleBy)
        const message =
          at === Infinity
            ? Option.some(yield* Queue.take(mailbox))
            : yield* Effect.timeoutOption(Queue.take(mailbox), Duration.millis(Math.max(0, at - now)))
        if (Option.isSome(message)) return yield* absorb(message.value)
        if ((yield* Clock.currentTimeMillis) >= dueAt) {
          mayClaim = true
          dueAt = Infinity
        }
      })

    const turn = Effect.gen(function* () {
      yield* Metric.update(processorWakeups, 1)
      yield* Effect.forEach(yield* Queue.takeAll(mailbox), absorb, { discard: true })
      const now = yield* Clock.currentTimeMillis
      if (now >= sweepAt) {
        // While every slot stays busy the loop never asks `nextDue`; sweep again a lease later.
        sweepAt = now + leaseMs
        const swept = yield* leases.sweepExpired()
        if (swept.requeued + swept.dead > 0) yield* Effect.logWarning("swept expired job leases", swept)
      }
      yield* startRunners
      if (wantsWrite(now)) {
        yield* write
        return yield* startRunners
      }
      yield* sleep(now)
    })

    yield* Effect.logDebug("job processor started", { owner, kinds: names, concurrency })
    const loop = yield* turn.pipe(
      Effect.forever,
      Effect.tapErrorCause((cause) => Effect.logError("job processor loop failed; restarting", cause)),
      Effect.retry(loopRestart),
      Effect.forkScoped
    )

    /** Everything the processor still holds, written back once the loop and runners have stopped. */
    const giveBack = Effect.gen(function* () {
      yield* Fiber.interrupt(loop)
      yield* FiberSet.clear(runners)
      // A runner interrupted before its handler could say how it ended.
      for (const entry of running.values()) {
        endings.push({
          ended: {
            _tag: "Ended",
            attempt: entry.attempt,
            exit: Exit.interrupt(FiberId.none),
            handlerNanos: 0n
          },
          lost: entry.lost
        })
      }
      running.clear()
      const reserved = ready.splice(0)
      const settled = yield* leases.transaction(
        Effect.zipLeft(
          settleAttempts(leases, endings),
          Effect.forEach(reserved, (job) => leases.release(leaseOf(job, owner)))
        )
      )
      endings = []
      // The follow-ups' fibers are about to be interrupted: run these here.
      yield* Effect.all(yield* noteSettled(settled), { discard: true })
    }).pipe(
      Effect.catchAllCause((cause) =>
        Effect.logError("job processor could not give its jobs back; their leases will expire", cause)
      )
    )
    yield* Effect.addFinalizer(() => giveBack)
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
