/**
 * Finds the player (or Discord user) an admin named (reference §3.10): a mention or an id, else a
 * Discord username, else a player name, without regard to case. Nothing found, or a player name
 * that several players share, is a clear error instead of a guess.
 */
import { DiscordREST } from "dfx/DiscordREST"
import { Data, Effect, Option } from "effect"
import { displayName, type Player } from "../../domain/Player.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { parseUserQuery } from "../../ladder/admin/targets.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"

export class UserNotFound extends Data.TaggedError("UserNotFound")<{ readonly message: string }> {}

const notFound = (input: string, hint = "") =>
  new UserNotFound({ message: `Could not find user: ${input}${hint === "" ? "" : ` (${hint})`}` })

/** The player an admin means by `input`. */
export const findPlayer = (input: string) =>
  Effect.gen(function* () {
    const players = yield* PlayersRepo
    const query = parseUserQuery(input)
    if (Option.isNone(query))
      return yield* notFound(input, "type a mention, an id, a username or a player name")
    if (query.value._tag === "ById") {
      const found = yield* players.findByUid(query.value.discordUid)
      if (Option.isNone(found)) return yield* notFound(input, "no player has this Discord id")
      return found.value
    }
    const wanted = query.value.name.toLocaleLowerCase("en-US")
    const matches = yield* players.findByName(query.value.name)
    const byUsername = matches.filter(
      (player) => player.discordUsername.toLocaleLowerCase("en-US") === wanted
    )
    const candidates: ReadonlyArray<Player> = byUsername.length > 0 ? byUsername.slice(0, 1) : matches
    const [only, ...others] = candidates
    if (only === undefined) return yield* notFound(input)
    if (others.length > 0) {
      return yield* new UserNotFound({
        message: `Several players are called ${input}: ${candidates
          .slice(0, 5)
          .map((player) => `${displayName(player)} (<@${player.discordUid}>)`)
          .join(", ")}. Use a mention or a Discord id.`
      })
    }
    return only
  })

/** A Discord user who may not be a player yet (for owner commands): id and a name to show. */
export interface NamedUser {
  readonly discordUid: Snowflake
  readonly name: string
}

export const findUser = (input: string) =>
  Effect.gen(function* () {
    const query = parseUserQuery(input)
    if (Option.isSome(query) && query.value._tag === "ById") {
      const discordUid = query.value.discordUid
      const player = yield* (yield* PlayersRepo).findByUid(discordUid)
      if (Option.isSome(player)) return { discordUid, name: player.value.discordUsername } satisfies NamedUser
      const user = yield* (yield* DiscordREST)
        .getUser(discordUid)
        .pipe(Effect.mapError(() => notFound(input, "no Discord user has this id")))
      return { discordUid, name: user.username } satisfies NamedUser
    }
    const player = yield* findPlayer(input)
    return { discordUid: player.discordUid, name: player.discordUsername } satisfies NamedUser
  })
