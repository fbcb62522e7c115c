/**
 * Delivery held while a deployment's engine starts: the events wait, in order, for the subscribers
 * built after the engine, while `latestOf` (what never-stale readers compare) moves at once.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Queue } from "effect"
import { DatabaseTest } from "../../src/db/Database.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { DomainEvent, DomainEvents } from "../../src/ladder/DomainEvents.js"

const PLAYER = Snowflake.make("500000000000000001")
const EventsTest = DomainEvents.Default.pipe(Layer.provide(DatabaseTest))

describe("DomainEvents delivery", () => {
  it.scoped("holds events until released, then delivers them in order, and later ones at once", () =>
    Effect.gen(function* () {
      const events = yield* DomainEvents
      yield* events.holdDelivery
      yield* events.emit(DomainEvent.QueueJoined({ discordUid: PLAYER }))
      yield* events.transactional(events.emit(DomainEvent.MatchCompleted({ matchId: 1 })))
      expect(yield* events.latestOf(["MatchCompleted"])).toBe(2)

      const subscriber = yield* events.subscribe
      expect(yield* Queue.size(subscriber)).toBe(0)
      yield* events.releaseDelivery
      const delivered = yield* Queue.takeAll(subscriber)
      expect([...delivered].map((published) => [published.sequence, published.event._tag])).toEqual([
        [1, "QueueJoined"],
        [2, "MatchCompleted"]
      ])

      yield* events.emit(DomainEvent.MatchAborted({ matchId: 1 }))
      expect((yield* Queue.take(subscriber)).event._tag).toBe("MatchAborted")
    }).pipe(Effect.provide(EventsTest))
  )

  it.scoped("delivers at once when nothing holds it", () =>
    Effect.gen(function* () {
      const events = yield* DomainEvents
      const subscriber = yield* events.subscribe
      yield* events.emit(DomainEvent.MatchAborted({ matchId: 3 }))
      expect((yield* Queue.take(subscriber)).sequence).toBe(1)
    }).pipe(Effect.provide(EventsTest))
  )
})
