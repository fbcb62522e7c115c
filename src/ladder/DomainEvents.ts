/**
 * Things that happened to the ladder, for whoever keeps derived state (the leaderboard cache, match
 * notifications). An event is published only once the transaction that caused it has committed:
 * the service's `transactional` buffers what `emit` is given inside it and publishes after COMMIT (nothing on
 * ROLLBACK), so no subscriber ever sees a change that did not happen.
 *
 * Every event gets a sequence number, and the latest number per event type is readable at once:
 * a reader can tell whether what it cached predates an event without waiting for any subscriber.
 *
 * When other processes share the database (PostgreSQL: a gateway and replay workers), events also
 * travel through it (SharedEvents.ts): each transaction records its events' types and sends the
 * events, `latestOf` reads the database's counters instead of this process's, and what other
 * processes committed is published here too.
 */
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { Data, Effect, FiberRef, HashMap, Option, PubSub, type Queue, Ref, type Scope, Stream } from "effect"
import type { MatchResult } from "../domain/Match.js"
import type { RaceCode } from "../domain/Race.js"
import type { Snowflake } from "../domain/Snowflake.js"
import { makeSharedEvents } from "./SharedEvents.js"

export type DomainEvent = Data.TaggedEnum<{
  /** Ratings changed because a match was recorded or resolved. */
  MmrChanged: { readonly matchId: number | null; readonly players: ReadonlyArray<Snowflake> }
  /** An admin set, added or subtracted MMR. */
  MmrAdjusted: { readonly discordUid: Snowflake; readonly race: RaceCode }
  /** A setting changed; `settings` are the changed setting names. */
  PlayerUpdated: { readonly discordUid: Snowflake; readonly settings: ReadonlyArray<string> }
  /** Queue preferences changed (they affect nothing derived). */
  PreferencesChanged: { readonly discordUid: Snowflake }
  /** A player joined or left the queue (left: cancelled, timed out, removed by an admin). */
  QueueJoined: { readonly discordUid: Snowflake }
  QueueLeft: { readonly discordUid: Snowflake; readonly reason: "cancelled" | "timed_out" | "removed" }
  /** The next matchmaking wave runs at `at` (epoch ms), or none is due because nobody queues. */
  WaveScheduled: { readonly at: number | null }
  /** A wave paired two players; they have the confirmation window to confirm. */
  MatchFound: { readonly matchId: number }
  MatchConfirmed: { readonly matchId: number; readonly discordUid: Snowflake; readonly both: boolean }
  /** Aborted before both confirmed, by a player (or by an admin's invalidation). */
  MatchAborted: { readonly matchId: number }
  /** Nobody (or only one player) confirmed in time. */
  MatchAbandoned: { readonly matchId: number }
  ResultReported: { readonly matchId: number; readonly discordUid: Snowflake }
  /** A replay uploaded to the match was parsed and verified (or found unusable). */
  ReplayChecked: { readonly matchId: number; readonly hash: string }
  MatchCompleted: { readonly matchId: number }
  MatchConflict: { readonly matchId: number }
  /** Nobody reported within the report deadline: flagged for the admins, players released. */
  MatchUnreported: { readonly matchId: number }
  /** An admin set the match's result (`null`: invalidated); ratings moved with `MmrChanged`. */
  MatchResolved: {
    readonly matchId: number
    readonly adminUid: Snowflake
    readonly result: MatchResult | null
  }
}>
export const DomainEvent = Data.taggedEnum<DomainEvent>()
export type DomainEventTag = DomainEvent["_tag"]

export interface Published {
  readonly sequence: number
  readonly event: DomainEvent
}

/** How many of the latest events a process keeps for `eventsBetween`. */
const RECENT_EVENTS = 512

/** The events emitted inside the current `transactional` block, if any. */
const pending = FiberRef.unsafeMake<Option.Option<Ref.Ref<ReadonlyArray<DomainEvent>>>>(Option.none())

export class DomainEvents extends Effect.Service<DomainEvents>()("DomainEvents", {
  scoped: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const hub = yield* PubSub.unbounded<Published>()
    const sequence = yield* Ref.make(0)
    const latest = yield* Ref.make(HashMap.empty<DomainEventTag, number>())
    const shared = yield* makeSharedEvents

    /** Events published while delivery is held (see `holdDelivery`), oldest first. */
    const held = yield* Ref.make<Option.Option<ReadonlyArray<Published>>>(Option.none())
    /** Keeps delivery in publishing order while held events are released. */
    const delivering = yield* Effect.makeSemaphore(1)

    const deliver = (published: Published) =>
      delivering.withPermits(1)(
        Effect.flatMap(
          Ref.modify(held, (list): [boolean, Option.Option<ReadonlyArray<Published>>] =>
            Option.match(list, {
              onNone: () => [true, list],
              onSome: (earlier) => [false, Option.some([...earlier, published])]
            })
          ),
          (now) => (now ? Effect.asVoid(PubSub.publish(hub, published)) : Effect.void)
        )
      )

    /** The latest events published, oldest first, when this process is alone (see `eventsBetween`). */
    const recent = yield* Ref.make<ReadonlyArray<Published>>([])

    /**
     * The sequence number and `latestOf` move at once; only delivery to subscribers may wait. The
     * event is among the `recent` ones before `latestOf` counts it.
     */
    const publishNow = (event: DomainEvent) =>
      Effect.gen(function* () {
        const next = yield* Ref.updateAndGet(sequence, (n) => n + 1)
        if (Option.isNone(shared)) {
          yield* Ref.update(recent, (list) => [...list.slice(1 - RECENT_EVENTS), { sequence: next, event }])
        }
        yield* Ref.update(latest, HashMap.set(event._tag, next))
        yield* deliver({ sequence: next, event })
      })

    /**
     * Holds delivery to subscribers until `releaseDelivery`: a deployment holds it while its engine
     * starts (a job swept back from a crashed process may complete at once) and releases it once
     * the subscribers that tell players (built after the engine) listen, so no event goes untold.
     */
    const holdDelivery = Ref.update(held, (list) => (Option.isSome(list) ? list : Option.some([])))

    const releaseDelivery = delivering.withPermits(1)(
      Effect.flatMap(Ref.getAndSet(held, Option.none()), (list) =>
        Effect.forEach(
          Option.getOrElse(list, () => []),
          (published) => PubSub.publish(hub, published),
          {
            discard: true
          }
        )
      )
    )

    /** Writes `events` for the other processes, in the current transaction (if they share the database). */
    const share = (events: ReadonlyArray<DomainEvent>) =>
      Option.match(shared, { onNone: () => Effect.void, onSome: (other) => other.record(events) })

    /**
     * Outside a transaction (whatever caused the event is already committed), sharing is best
     * effort: a failure is logged, and the event is still published here.
     */
    const shareAlone = (event: DomainEvent) =>
      Option.match(shared, {
        onNone: () => Effect.void,
        onSome: (other) =>
          sql
            .withTransaction(other.record([event]))
            .pipe(
              Effect.catchAll((error) =>
                Effect.logWarning(`could not share ${event._tag} with other processes`, error)
              )
            )
      })

    /** Publishes now, or when the enclosing `transactional` block commits. */
    const emit = (event: DomainEvent): Effect.Effect<void> =>
      Effect.flatMap(
        FiberRef.get(pending),
        Option.match({
          onNone: () => Effect.zipRight(shareAlone(event), publishNow(event)),
          onSome: (buffer) => Ref.update(buffer, (events) => [...events, event])
        })
      )

    if (Option.isSome(shared)) {
      yield* shared.value.received.pipe(Stream.runForEach(publishNow), Effect.forkScoped)
    }

    const latestHere = (tags: ReadonlyArray<DomainEventTag>) =>
      Effect.map(Ref.get(latest), (map) =>
        tags.reduce(
          (max, tag) =>
            Math.max(
              max,
              Option.getOrElse(HashMap.get(map, tag), () => 0)
            ),
          0
        )
      )

    /**
     * A number that grows with every committed event of any of `tags`: the sequence number of the
     * latest (0 if none yet), or, when processes share the database, the sum of its counters.
     */
    const latestOf = (tags: ReadonlyArray<DomainEventTag>): Effect.Effect<number, SqlError> =>
      Option.isSome(shared) ? shared.value.versionOf(tags) : latestHere(tags)

    /**
     * Every event published with a sequence number after `after` and up to `upTo` (numbers
     * `latestOf` gave), oldest first, when this process knows them all: it is alone with the
     * database, and they are among its latest events. None otherwise.
     */
    const eventsBetween = (
      after: number,
      upTo: number
    ): Effect.Effect<Option.Option<ReadonlyArray<DomainEvent>>> =>
      Option.isSome(shared)
        ? Effect.succeed(Option.none())
        : Effect.map(Ref.get(recent), (list) => {
            const between = list.filter(
              (published) => published.sequence > after && published.sequence <= upTo
            )
            return between.length === upTo - after
              ? Option.some(between.map((published) => published.event))
              : Option.none()
          })

    const subscribe: Effect.Effect<Queue.Dequeue<Published>, never, Scope.Scope> = PubSub.subscribe(hub)

    /**
     * Runs `effect` in one SQL transaction and publishes the events it emitted once the outermost
     * transaction commits. Nested blocks join the outer one. A transaction that has started is not
     * interrupted (shutdown waits for it to commit): its body is a few statements, and an answer the
     * bot was about to give should not be lost to a rollback at the last moment.
     */
    const transactional = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.gen(function* () {
        if (Option.isSome(yield* FiberRef.get(pending))) return yield* sql.withTransaction(effect)
        const buffer = yield* Ref.make<ReadonlyArray<DomainEvent>>([])
        const result = yield* Effect.uninterruptible(
          sql.withTransaction(
            Effect.tap(Effect.locally(effect, pending, Option.some(buffer)), () =>
              Effect.flatMap(Ref.get(buffer), share)
            )
          )
        )
        for (const event of yield* Ref.get(buffer)) yield* publishNow(event)
        return result
      })

    return { emit, latestOf, eventsBetween, subscribe, transactional, holdDelivery, releaseDelivery }
  })
}) {}
