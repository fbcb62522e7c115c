/**
 * Keeps every queued player's "🔍 Searching..." message current: after each wave is scheduled and
 * whenever the queue changes, re-rendered, but edited only when what it shows changed (the
 * countdown is a Discord timestamp that ticks by itself). Players who leave by timing out or being
 * removed see why.
 */
import { Duration, Effect, HashMap, Ref, Stream } from "effect"
import { AppConfig } from "../../config.js"
import type { DomainEvent } from "../../ladder/DomainEvents.js"
import { DomainEvents } from "../../ladder/DomainEvents.js"
import { QueueRepo } from "../../ladder/queue/QueueRepo.js"
import { searchingNow } from "../commands/queue.js"
import { queueTimedOut, removedFromQueue } from "../commands/queueView.js"
import { Messenger } from "../Messenger.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { searchKey } from "./keys.js"

export class SearchRefresher extends Effect.Service<SearchRefresher>()("SearchRefresher", {
  scoped: Effect.gen(function* () {
    const events = yield* DomainEvents
    const queue = yield* QueueRepo
    const messenger = yield* Messenger
    const { ladder } = yield* AppConfig
    const shown = yield* Ref.make(HashMap.empty<Snowflake, string>())

    const refreshAll = Effect.gen(function* () {
      const body = yield* searchingNow
      const rendered = JSON.stringify(body)
      for (const entry of yield* queue.entries()) {
        const before = HashMap.get(yield* Ref.get(shown), entry.discordUid)
        if (before._tag === "Some" && before.value === rendered) continue
        yield* messenger.edit(searchKey(entry.discordUid), body)
        yield* Ref.update(shown, HashMap.set(entry.discordUid, rendered))
      }
    })

    const handle = (event: DomainEvent) =>
      Effect.gen(function* () {
        switch (event._tag) {
          case "QueueLeft": {
            yield* Ref.update(shown, HashMap.remove(event.discordUid))
            if (event.reason === "timed_out") {
              yield* messenger.edit(
                searchKey(event.discordUid),
                queueTimedOut(Duration.format(ladder.queueTimeout))
              )
            }
            if (event.reason === "removed")
              yield* messenger.edit(searchKey(event.discordUid), removedFromQueue)
            return yield* refreshAll
          }
          case "QueueJoined":
          case "WaveScheduled":
          case "MatchFound":
            return yield* refreshAll
          default:
            return
        }
      }).pipe(
        Effect.catchAllCause((cause) => Effect.logWarning("could not refresh searching messages", cause))
      )

    const subscription = yield* events.subscribe
    yield* Stream.fromQueue(subscription).pipe(
      Stream.runForEach(({ event }) => handle(event)),
      Effect.forkScoped
    )
    return {}
  })
}) {}
