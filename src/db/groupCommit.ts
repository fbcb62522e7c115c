/**
 * Group commit: writes submitted while a transaction is committing wait, and the next transaction
 * takes them all, so that N writes cost one sync to disk instead of N (with `synchronous = FULL`,
 * the sync is most of what a small write costs). Each submitter gets its own write's result; if the
 * transaction fails, every write in it fails with that error and none is applied.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Deferred, Effect, Exit, Queue, type Scope } from "effect"

interface Waiting<I, A> {
  readonly item: I
  readonly done: Deferred.Deferred<A, SqlError>
}

/**
 * `write` runs inside the batch's transaction, once per item in submission order. At most
 * `maxBatch` items share a transaction. The committing fiber lives as long as the scope.
 */
export const makeGroupCommit = <I, A>(
  write: (item: I) => Effect.Effect<A, SqlError>,
  maxBatch: number
): Effect.Effect<(item: I) => Effect.Effect<A, SqlError>, never, Scope.Scope | SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const waiting = yield* Queue.unbounded<Waiting<I, A>>()
    const commit = (batch: ReadonlyArray<Waiting<I, A>>) =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(
          sql.withTransaction(
            Effect.forEach(batch, (entry) => Effect.map(write(entry.item), (result) => ({ entry, result })))
          )
        )
        if (Exit.isSuccess(exit)) {
          for (const { entry, result } of exit.value) yield* Deferred.succeed(entry.done, result)
        } else {
          for (const entry of batch) yield* Deferred.failCause(entry.done, exit.cause)
        }
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
      Effect.forEach(left, (entry) => Deferred.interrupt(entry.done), { discard: true })
    )
    yield* commitNext.pipe(
      Effect.forever,
      Effect.onInterrupt(() => Effect.zipRight(abandon, Queue.shutdown(waiting))),
      Effect.forkScoped
    )
    return (item: I) =>
      Effect.flatMap(Deferred.make<A, SqlError>(), (done) =>
        Effect.zipRight(Queue.offer(waiting, { item, done }), Deferred.await(done))
      )
  })
