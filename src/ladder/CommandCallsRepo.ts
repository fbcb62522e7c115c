/** Every command a user runs, for usage statistics (reference §10, `command_calls`). */
import { SqlClient } from "@effect/sql"
import { Clock, Effect } from "effect"
import type { Snowflake } from "../domain/Snowflake.js"

export class CommandCallsRepo extends Effect.Service<CommandCallsRepo>()("CommandCallsRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient

    /** `command` is the command's name, or "group subcommand" for subcommands. */
    const record = Effect.fn("CommandCallsRepo.record")(function* (
      discordUid: Snowflake,
      discordUsername: string,
      command: string
    ) {
      const calledAt = yield* Clock.currentTimeMillis
      yield* sql`INSERT INTO command_calls ${sql.insert({ discordUid, discordUsername, command, calledAt })}`
    })

    return { record }
  })
}) {}
