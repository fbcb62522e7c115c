/**
 * Group commit: writes submitted while a transaction is committing wait, and the next transaction
 * takes them all, so that N writes cost one sync to disk instead of N (with `synchronous = FULL`,
 * the sync is most of what a small write costs). Each submitter gets its own write's result once
 * the transaction has committed; if it fails, every write in it fails with that error and none is
 * applied.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import type { Cause } from "effect"
import { Deferred, Effect, Exit, Option, Queue, type Scope } from "effect"

/** A submitted write: runs in the batch's transaction, then (after COMMIT) answers its submitter. */
interface Waiting {
  readonly write: Effect.Effect<Effect.Effect<void>, SqlError>
  readonly fail: (cause: Cause.Cause<SqlError>) => Effect.Effect<void>
  readonly interrupt: Effect.Effect<void>
}

export type GroupCommit = <A>(write: Effect.Effect<A, SqlError>) => Effect.Effect<A, SqlError>

/**
 * Submits writes (each a statement or a few) to be committed with whatever else is submitted at
 * the same time, at most `maxBatch` per transaction, in submission order; a write submitted inside
 * a transaction runs in that one instead. The committing fiber lives as long as the scope.
 */
export const makeGroupCommit = (
  maxBatch: number
): Effect.Effect<GroupCommit, never, Scope.Scope | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const waiting = yield* Queue.unbounded<Waiting>()
    const commit = (batch: ReadonlyArray<Waiting>) =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(sql.withTransaction(Effect.forEach(batch, (entry) => entry.write)))
        if (Exit.isSuccess(exit)) yield* Effect.all(exit.value, { discard: true })
        else yield* Effect.forEach(batch, (entry) => entry.fail(exit.cause), { discard: true })
      })
    /**
     * Waits for a first write, then gives fibers about to submit one turn, so that writes arriving
     * together commit together. Only the wait can be interrupted: a batch taken is always answered.
     */
    const commitNext = Effect.uninterruptibleMask((restore) =>
      Effect.gen(function* () {
        const first = yield* restore(Queue.take(waiting))
        yield* Effect.yieldNow()
        yield* commit([first, ...(yield* Queue.takeUpTo(waiting, maxBatch - 1))])
      })
    )
    /** When the scope closes, whoever still waits is interrupted rather than left waiting forever. */
    const abandon = Effect.flatMap(Queue.takeAll(waiting), (left) =>
      Effect.forEach(left, (entry) => entry.interrupt, { discard: true })
    )
    yield* commitNext.pipe(
      Effect.forever,
      Effect.onInterrupt(() => Effect.zipRight(abandon, Queue.shutdown(waiting))),
      Effect.forkScoped
    )
    /**
     * Uninterruptible, like the single statement it stands for: a submitter never walks away from
     * a write that may still commit (a claim nobody starts would hold its jobs until the lease ends).
     */
    const submit = <A>(write: Effect.Effect<A, SqlError>) =>
      Effect.flatMap(Deferred.make<A, SqlError>(), (done) =>
        Effect.zipRight(
          Queue.offer(waiting, {
            write: Effect.map(write, (result) => Deferred.succeed(done, result)),
            fail: (cause) => Deferred.failCause(done, cause),
            interrupt: Deferred.interrupt(done)
          }),
          Deferred.await(done)
        )
      ).pipe(Effect.uninterruptible)
    // Inside a caller's transaction the write belongs to it (and the batch would wait for it).
    return <A>(write: Effect.Effect<A, SqlError>) =>
      Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (transaction) =>
        Option.isSome(transaction) ? write : submit(write)
      )
  })
