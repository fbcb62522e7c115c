/**
 * Removes a player still searching after the queue timeout (2.5 hours): one sleeping fiber per
 * queued player, armed on joining and re-armed from the queue at start-up.
 */
import { Duration, Effect, FiberMap, Stream, Clock } from "effect"
import { AppConfig } from "../../config.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { DomainEvents } from "../DomainEvents.js"
import { QueueRepo } from "./QueueRepo.js"

export class QueueTimeouts extends Effect.Service<QueueTimeouts>()("QueueTimeouts", {
  scoped: Effect.gen(function* () {
    const queue = yield* QueueRepo
    const events = yield* DomainEvents
    const { ladder } = yield* AppConfig
    const timeoutMs = Duration.toMillis(ladder.queueTimeout)
    const timers = yield* FiberMap.make<string>()

    const arm = (discordUid: Snowflake, joinedAt: number) =>
      FiberMap.run(
        timers,
        discordUid,
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          yield* Effect.sleep(Math.max(0, joinedAt + timeoutMs - now))
          yield* queue.leave(discordUid, "timed_out")
        })
      )

    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.runForEach(({ event }) => {
        if (event._tag === "QueueJoined")
          return Effect.flatMap(Clock.currentTimeMillis, (now) => arm(event.discordUid, now))
        if (event._tag === "QueueLeft") return FiberMap.remove(timers, event.discordUid)
        return Effect.void
      }),
      Effect.catchAllCause((cause) => Effect.logError("queue timeouts stopped", cause)),
      Effect.forkScoped
    )

    for (const entry of yield* queue.entries()) yield* arm(entry.discordUid, entry.joinedAt)

    return { pending: FiberMap.size(timers) }
  })
}) {}
