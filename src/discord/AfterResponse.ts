/**
 * Work a handler schedules for after its response has reached Discord: editing the deferred
 * "thinking…" reply, deleting the clicked message, follow-ups. Discord refuses an edit of
 * `@original` sent before the response (10015), and dfx has no hook for "after the response",
 * so each front door collects the work during the handler and starts it once the answer is out.
 */
import { Effect, FiberRef, Option, Ref } from "effect"
import { Background } from "./Background.js"

interface Scheduled {
  readonly name: string
  readonly work: Effect.Effect<void>
}

const scheduled = FiberRef.unsafeMake<Option.Option<Ref.Ref<ReadonlyArray<Scheduled>>>>(Option.none())

/**
 * Runs `work` once the current interaction's response is out (or at once, in the background, when
 * there is no interaction being answered).
 */
export const afterResponse = <E, R>(name: string, work: Effect.Effect<void, E, R>) =>
  Effect.gen(function* () {
    const context = yield* Effect.context<R>()
    const background = yield* Background
    const task = background.detach(name, Effect.provide(work, context))
    const collecting = yield* FiberRef.get(scheduled)
    if (Option.isNone(collecting)) return yield* task
    yield* Ref.update(collecting.value, (tasks) => [...tasks, { name, work: task }])
  })

/**
 * Answers an interaction with `respond` (which computes the response and sends it), then starts
 * the work its handler scheduled.
 */
export const respondThenRun = <A, E, R>(respond: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const tasks = yield* Ref.make<ReadonlyArray<Scheduled>>([])
    const exit = yield* Effect.exit(Effect.locally(respond, scheduled, Option.some(tasks)))
    for (const task of yield* Ref.get(tasks)) yield* task.work
    return yield* exit
  })
