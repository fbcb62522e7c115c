/**
 * Keeps the leases of one processor's running jobs alive: every lease/3 (two renewals may fail
 * before a lease lapses), one statement renews them all. A job that is no longer ours (its lease
 * lapsed and another processor claimed it) has its attempt interrupted: the work would be thrown
 * away anyway, and the completion guard would refuse it. With no job running there is no timer.
 *
 * One keeper per processor rather than a fiber per job: a fork and a statement per job and
 * renewal cost as much as the rest of a short job.
 */
import { Duration, Effect, Queue, Schedule, type Scope } from "effect"
import type { JobLeases } from "./JobLeases.js"
import type { Lease } from "./JobRow.js"

export interface HeldLease {
  readonly lease: Lease
  /** Called once if the job turns out to be someone else's; stops the attempt. */
  readonly onLost: Effect.Effect<void>
}

export interface LeaseKeeper {
  readonly hold: (held: HeldLease) => Effect.Effect<void>
  readonly release: (jobId: number) => Effect.Effect<void>
}

export const makeLeaseKeeper = (
  leases: JobLeases,
  owner: string,
  lease: Duration.Duration
): Effect.Effect<LeaseKeeper, never, Scope.Scope> =>
  Effect.gen(function* () {
    const every = Duration.millis(Math.max(1, Math.floor(Duration.toMillis(lease) / 3)))
    const held = new Map<number, HeldLease>()
    const started = yield* Queue.sliding<void>(1)

    const hold = (entry: HeldLease) =>
      Effect.suspend(() => {
        const wasIdle = held.size === 0
        held.set(entry.lease.jobId, entry)
        return wasIdle ? Queue.offer(started, undefined) : Effect.void
      })

    const release = (jobId: number) =>
      Effect.sync(() => {
        held.delete(jobId)
      })

    const renew = Effect.gen(function* () {
      const renewed = yield* leases.renewAll(owner)
      const ours = new Set(renewed.map((row) => `${row.id}:${row.attempts}`))
      const lost: Array<HeldLease> = []
      for (const [jobId, entry] of held) {
        if (!ours.has(`${jobId}:${entry.lease.attempt}`)) lost.push(entry)
      }
      for (const entry of lost) {
        held.delete(entry.lease.jobId)
        yield* entry.onLost
      }
    }).pipe(Effect.catchAll((error) => Effect.logWarning("could not renew job leases", error)))

    const holding = () => held.size > 0

    /** Renews every `every` while jobs are held; when none are, waits for the next one. */
    const keep = Effect.gen(function* () {
      if (!holding()) yield* Queue.take(started)
      yield* Effect.when(renew, holding).pipe(
        Effect.schedule(Schedule.spaced(every).pipe(Schedule.whileOutput(holding)))
      )
    })

    yield* Effect.forkScoped(Effect.forever(keep))
    return { hold, release }
  })
