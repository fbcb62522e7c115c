/**
 * Takes the buttons and selects off a message when its view expires (the reference's 450-second
 * view timeout), and at once when a newer view replaces it. One sleeping fiber per open view,
 * re-armed by every use with that interaction's token (tokens last 15 minutes); nothing runs for
 * views nobody opened.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, FiberMap, HashMap, Option, Ref, Schema } from "effect"
import { decodeFirst } from "../db/rows.js"
import { editOriginalComponents, type InteractionToken } from "./OriginalResponse.js"

const Expiry = Schema.Struct({ expiresAt: Schema.Int })

export class ViewTimeouts extends Effect.Service<ViewTimeouts>()("ViewTimeouts", {
  scoped: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const timers = yield* FiberMap.make<string>()
    const tokens = yield* Ref.make(HashMap.empty<string, InteractionToken>())

    const expiresAt = (viewId: string) =>
      sql`SELECT expires_at FROM interaction_state WHERE id = ${viewId}`.pipe(
        decodeFirst(Expiry),
        Effect.map(Option.map((row) => row.expiresAt))
      )

    const strip = (viewId: string) =>
      Effect.gen(function* () {
        const token = HashMap.get(yield* Ref.get(tokens), viewId)
        yield* Ref.update(tokens, HashMap.remove(viewId))
        if (Option.isSome(token)) yield* editOriginalComponents(token.value, [])
      }).pipe(Effect.catchAllCause((cause) => Effect.logDebug("could not strip an expired view", cause)))

    /** Sleeps until the view is gone or expired, then strips its message. */
    const watch = (viewId: string) =>
      Effect.gen(function* () {
        for (;;) {
          const until = yield* expiresAt(viewId)
          const now = yield* Clock.currentTimeMillis
          if (Option.isNone(until) || until.value <= now) break
          yield* Effect.sleep(until.value - now)
        }
        yield* strip(viewId)
      }).pipe(Effect.catchAllCause((cause) => Effect.logDebug("view timer failed", cause)))

    /** (Re)arms the timer of a view with the token of its latest interaction. */
    const arm = (viewId: string, token: InteractionToken) =>
      Effect.zipRight(
        Ref.update(tokens, HashMap.set(viewId, token)),
        FiberMap.run(timers, viewId, watch(viewId))
      )

    /** These views were replaced or closed: strip their messages now. */
    const expire = (viewIds: Iterable<string>) =>
      Effect.forEach(viewIds, (viewId) => FiberMap.run(timers, viewId, strip(viewId)), { discard: true })

    return { arm, expire }
  })
}) {}
