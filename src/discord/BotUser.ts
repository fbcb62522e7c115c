import { DiscordREST } from "dfx/DiscordREST"
import { Effect } from "effect"

/** The bot's own user, fetched once on first use (to recognise its own messages). */
export class BotUser extends Effect.Service<BotUser>()("BotUser", {
  effect: Effect.gen(function* () {
    const rest = yield* DiscordREST
    const me = yield* Effect.cached(
      Effect.map(rest.getMyUser(), (user) => ({ id: user.id, username: user.username }))
    )
    return { get: me }
  })
}) {}
