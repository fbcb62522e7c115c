/**
 * `/healthz`: healthy when the database answers and the front door takes interactions (the gateway
 * has a session, or the webhook is ready); otherwise 503 naming the failing parts. The parser's
 * worker pool is reported but never fails the check: the bot parses inline when it has no worker.
 */
import { SqlClient } from "@effect/sql"
import { Clock, Effect } from "effect"
import { FrontDoorStatus } from "./FrontDoorStatus.js"
import { parserStatus, type ParserStatus } from "./status.js"

/** Longer than any statement, shorter than a load balancer's patience. */
const DATABASE_TIMEOUT = "2 seconds"

export interface Check {
  readonly ok: boolean
  readonly detail: string
}

export interface Health {
  readonly status: "ok" | "unavailable"
  readonly failing: ReadonlyArray<string>
  readonly checks: {
    readonly database: Check
    readonly gateway?: Check
    readonly webhook?: Check
  }
  readonly parser: ParserStatus
}

const databaseCheck = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const started = yield* Clock.currentTimeMillis
  return yield* sql`SELECT 1 AS one`.pipe(
    Effect.timeout(DATABASE_TIMEOUT),
    Effect.zipRight(Clock.currentTimeMillis),
    Effect.map((ended): Check => ({ ok: true, detail: `answered in ${ended - started} ms` })),
    Effect.catchAll((error) =>
      Effect.succeed<Check>({
        ok: false,
        detail: error._tag === "TimeoutException" ? `no answer within ${DATABASE_TIMEOUT}` : error.message
      })
    )
  )
})

export const checkHealth = Effect.gen(function* () {
  const database = yield* databaseCheck
  const door = yield* (yield* FrontDoorStatus).current
  const front: Check = { ok: door.ready, detail: door.detail }
  const failing = [...(database.ok ? [] : ["database"]), ...(front.ok ? [] : [door.kind])]
  return {
    status: failing.length === 0 ? "ok" : "unavailable",
    failing,
    checks: { database, [door.kind]: front },
    parser: yield* parserStatus
  } satisfies Health
}).pipe(Effect.withSpan("Health.check"))
