/**
 * Messages between the processes that share the database: a job was enqueued, domain events were
 * committed. On PostgreSQL this is NOTIFY (sent with the sender's transaction, delivered at COMMIT,
 * not at all after ROLLBACK) and LISTEN; a SQLite database belongs to one process, which has
 * nobody to tell, so there it does nothing.
 *
 * Delivery is best effort: a process that is not listening (restarting, or between a lost
 * connection and the next) misses what was sent meanwhile, and is told so with `Reconnected`.
 * State that must never be stale is read from the database, never from messages alone.
 */
import type { SqlError } from "@effect/sql/SqlError"
import { Context, Data, Effect, Layer, Stream } from "effect"

export type Received = Data.TaggedEnum<{
  Message: { readonly payload: string }
  /** Listening again after a lost connection: messages sent meanwhile were missed. */
  Reconnected: object
}>
export const Received = Data.taggedEnum<Received>()

export interface BroadcastShape {
  /** Whether other processes may share this database, and so hear what is sent. */
  readonly shared: boolean
  /** Sends `payload` on `channel` when the current transaction commits (at once outside one). */
  readonly send: (channel: string, payload: string) => Effect.Effect<void, SqlError>
  /**
   * What any process, this one included, sends on `channel` from now on. Reconnects by itself after
   * a lost connection (and says so), so the stream only ends when its scope closes.
   */
  readonly listen: (channel: string) => Stream.Stream<Received>
}

export class Broadcast extends Context.Tag("Broadcast")<Broadcast, BroadcastShape>() {
  /** One process alone with its database (SQLite): nothing to send, nothing to hear. */
  static readonly Local = Layer.succeed(Broadcast, {
    shared: false,
    send: () => Effect.void,
    listen: () => Stream.never
  })
}
