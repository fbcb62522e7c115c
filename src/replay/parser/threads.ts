/**
 * The threads behind a pool, by pool worker id. The platform's pool sees a worker as a message port;
 * this registry keeps the `Worker` handles so that a stuck thread can be terminated (the pool only
 * notices threads that exit), whether a thread is up and serving, and every exit as an event.
 */
import { Effect, Queue } from "effect"
import type { Worker } from "node:worker_threads"

export type ThreadEvent =
  | { readonly _tag: "Spawned"; readonly worker: number; readonly threadId: number }
  | {
      readonly _tag: "Exited"
      readonly worker: number
      readonly threadId: number
      readonly code: number
      /** Terminated by `terminate` (a timeout), not dead on its own. */
      readonly terminated: boolean
      /** What the thread threw, if it died of an uncaught error (e.g. its entry failed to load). */
      readonly error: string | null
    }

export interface ThreadRegistry {
  /** For `NodeWorker.layer`: the platform calls it for each new worker and again when it respawns one. */
  readonly spawn: (worker: number) => Worker
  /** The worker's current thread has started and said it is ready (its first message). */
  readonly isReady: (worker: number) => boolean
  /** Terminates the worker's current thread and waits until it has stopped. */
  readonly terminate: (worker: number) => Effect.Effect<void>
  /** Terminates every thread still running and waits until they have stopped. */
  readonly terminateAll: Effect.Effect<void>
  readonly liveThreads: Effect.Effect<number>
  /** The last uncaught error of any thread, for a start-up failure's message. */
  readonly lastError: Effect.Effect<string | null>
  /** Spawns and exits, for metrics and logs; consumed by one fiber. */
  readonly events: Queue.Dequeue<ThreadEvent>
}

interface Entry {
  readonly thread: Worker
  ready: boolean
  error: string | null
}

export const makeThreadRegistry = (spawnThread: () => Worker): Effect.Effect<ThreadRegistry> =>
  Effect.gen(function* () {
    const events = yield* Queue.unbounded<ThreadEvent>()
    const current = new Map<number, Entry>()
    const live = new Set<Worker>()
    const terminated = new WeakSet<Worker>()
    let lastError: string | null = null

    const spawn = (worker: number): Worker => {
      const thread = spawnThread()
      const threadId = thread.threadId
      const entry: Entry = { thread, ready: false, error: null }
      current.set(worker, entry)
      live.add(thread)
      // The runner's first message is its "ready"; the platform listens for it too.
      thread.once("message", () => {
        entry.ready = true
      })
      thread.once("error", (error) => {
        entry.error = String(error)
        lastError = entry.error
      })
      thread.once("exit", (code) => {
        live.delete(thread)
        if (current.get(worker) === entry) current.delete(worker)
        Queue.unsafeOffer(events, {
          _tag: "Exited",
          worker,
          threadId,
          code,
          terminated: terminated.has(thread),
          error: entry.error
        })
      })
      Queue.unsafeOffer(events, { _tag: "Spawned", worker, threadId })
      return thread
    }

    const stop = (thread: Worker): Promise<unknown> => {
      terminated.add(thread)
      return thread.terminate()
    }

    return {
      spawn,
      isReady: (worker) => current.get(worker)?.ready === true,
      terminate: (worker) =>
        Effect.suspend(() => {
          const entry = current.get(worker)
          return entry === undefined ? Effect.void : Effect.promise(() => stop(entry.thread))
        }),
      terminateAll: Effect.promise(() => Promise.all([...live].map(stop))),
      liveThreads: Effect.sync(() => live.size),
      lastError: Effect.sync(() => lastError),
      events
    }
  })
