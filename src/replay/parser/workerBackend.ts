/**
 * The real pool: `Worker.makePoolSerialized` over `node:worker_threads`, one request per worker at a
 * time (decoding is synchronous CPU work; a second request on the same thread would only wait, and
 * a timeout could no longer tell which request made the thread stuck).
 *
 * What the platform does not do, and this module adds:
 * - a stuck thread (synchronous loop) never answers and never exits, so the pool would hand it out
 *   again: `abandon` terminates the thread and invalidates the pool item, and the pool starts a
 *   fresh worker at once (the platform's own invalidation would wait a fixed 5 s for the thread to
 *   acknowledge a close message it cannot read);
 * - a thread that died is respawned by the platform in place after a 1 s pause, buffering requests
 *   meanwhile: leases skip such a worker (invalidating it) instead of queueing behind its restart;
 * - shutdown within budgets (see `shutdown.ts`).
 */
import { Worker } from "@effect/platform"
import { NodeWorker } from "@effect/platform-node"
import {
  Cause,
  Duration,
  Effect,
  ExecutionStrategy,
  Exit,
  Logger,
  LogLevel,
  Metric,
  Queue,
  Ref,
  Scope
} from "effect"
import type { Worker as Thread } from "node:worker_threads"
import type { ParserBackend, WorkerLease } from "./backend.js"
import { ParserStartupFailed, PoolClosed, WorkerLost } from "./errors.js"
import { recordReplacement, workerThreads } from "./metrics.js"
import type { ParserRequest } from "./protocol.js"
import { shutdownWithin, type ShutdownBudgets } from "./shutdown.js"
import { makeThreadRegistry, type ThreadEvent, type ThreadRegistry } from "./threads.js"

export interface WorkerBackendOptions {
  readonly size: number
  readonly spawnThread: () => Thread
  /** Until the first worker is ready; beyond it the pool counts as unable to start. */
  readonly startupTimeout: Duration.Duration
  readonly budgets: ShutdownBudgets
}

type SerializedWorker = Worker.SerializedWorker<ParserRequest>

const describe = (cause: Cause.Cause<unknown>): string => Cause.pretty(cause).split("\n")[0] ?? "unknown"

const observe = (registry: ThreadRegistry, closing: Ref.Ref<boolean>) => (event: ThreadEvent) =>
  Effect.gen(function* () {
    yield* Metric.set(workerThreads, yield* registry.liveThreads)
    if (event._tag === "Spawned" || (yield* Ref.get(closing))) return
    yield* recordReplacement(event.terminated ? "timeout" : "crash")
    yield* Effect.logWarning(
      event.terminated
        ? `Parser worker ${event.worker} (thread ${event.threadId}) terminated after a timeout; starting a replacement`
        : `Parser worker ${event.worker} (thread ${event.threadId}) exited with code ${event.code}${event.error === null ? "" : ` (${event.error})`}; starting a replacement`
    )
  })

export const makeWorkerBackend = (
  options: WorkerBackendOptions
): Effect.Effect<ParserBackend, ParserStartupFailed, Scope.Scope> =>
  Effect.gen(function* () {
    const registry = yield* makeThreadRegistry(options.spawnThread)
    const closing = yield* Ref.make(false)
    // The pool lives in a scope of its own so that shutdown can close it within its budgets.
    const poolScope = yield* Scope.fork(yield* Effect.scope, ExecutionStrategy.sequential)
    const stopPool = shutdownWithin(options.budgets, {
      graceful: Scope.close(poolScope, Exit.void),
      forceful: registry.terminateAll
    })

    // Event-driven: this fiber sleeps on the queue while no thread starts or stops.
    yield* Queue.take(registry.events).pipe(
      Effect.flatMap(observe(registry, closing)),
      Effect.forever,
      Effect.forkScoped
    )

    const pool = yield* Worker.makePoolSerialized<ParserRequest>({ size: options.size, concurrency: 1 }).pipe(
      Effect.provide(NodeWorker.layer(registry.spawn)),
      // The platform logs each worker death as a warning with a stack trace, from fibers forked
      // here; `observe` already logs one line per exit (with the thread's error), so only the
      // platform's errors pass.
      Logger.withMinimumLogLevel(LogLevel.Error),
      Scope.extend(poolScope),
      // It waits for the first worker uninterruptibly (and a worker failing at import is respawned
      // every second, forever): detached, the start-up timeout fires, and closing the pool's scope
      // then ends the wait.
      Effect.disconnect,
      Effect.timeoutFail({
        duration: options.startupTimeout,
        onTimeout: () => null
      }),
      Effect.catchAll((error) =>
        Effect.flatMap(registry.lastError, (lastError) =>
          Effect.fail(
            new ParserStartupFailed({
              message:
                error === null
                  ? `no parser worker was ready within ${Duration.format(options.startupTimeout)}${lastError === null ? "" : `: ${lastError}`}`
                  : `parser worker failed to start: ${error.message}`
            })
          )
        )
      ),
      Effect.tapError(() => Effect.zipRight(Ref.set(closing, true), stopPool))
    )

    /** Replacements are started by fibers forked here: they inherit the quieter log level too. */
    const invalidate = (worker: SerializedWorker) =>
      pool.backing.invalidate(worker).pipe(Logger.withMinimumLogLevel(LogLevel.Error))

    /** A pool item whose thread is up; one being respawned in place is replaced instead. */
    const acquireRunning: Effect.Effect<SerializedWorker, PoolClosed | WorkerLost, Scope.Scope> = Effect.gen(
      function* () {
        const leaseScope = yield* Effect.scope
        for (;;) {
          const held = yield* Scope.fork(leaseScope, ExecutionStrategy.sequential)
          const worker = yield* pool.backing.get.pipe(
            Scope.extend(held),
            // The pool waits for a replacement worker uninterruptibly; detached, a queue timeout
            // still returns on time, and an item that arrives later is released at once (its
            // scope is closed by then).
            Effect.disconnect,
            // The pool interrupts waiters when it shuts down; anything else is a failed spawn.
            Effect.catchAllCause((cause): Effect.Effect<never, PoolClosed | WorkerLost> =>
              Cause.isInterruptedOnly(cause)
                ? Effect.fail(new PoolClosed())
                : Effect.fail(new WorkerLost({ worker: null, reason: describe(cause) }))
            )
          )
          if (registry.isReady(worker.id)) return worker
          yield* invalidate(worker)
          yield* Scope.close(held, Exit.void)
        }
      }
    )

    const leaseOf = (worker: SerializedWorker): WorkerLease => ({
      worker: worker.id,
      run: (request) =>
        worker
          .executeEffect(request)
          .pipe(
            Effect.catchAllCause((cause) =>
              Effect.fail(new WorkerLost({ worker: worker.id, reason: describe(cause) }))
            )
          ),
      // Terminate first: the item's finalizer then finds the thread gone instead of waiting 5 s.
      abandon: registry
        .terminate(worker.id)
        .pipe(Effect.timeout(options.budgets.forceful), Effect.ignore, Effect.zipRight(invalidate(worker))),
      discard: invalidate(worker)
    })

    yield* Effect.addFinalizer(() =>
      Effect.gen(function* () {
        yield* Ref.set(closing, true)
        const result = yield* stopPool
        const left = yield* registry.liveThreads
        // The observer that keeps the gauge is about to stop with the scope.
        yield* Metric.set(workerThreads, left)
        const message = `Replay parser pool stopped (${result}); ${left} worker threads left`
        yield* result === "graceful" ? Effect.logDebug(message) : Effect.logWarning(message)
      })
    )

    return {
      lease: Effect.flatMap(Ref.get(closing), (closed) =>
        closed ? Effect.fail(new PoolClosed()) : Effect.map(acquireRunning, leaseOf)
      )
    }
  })
