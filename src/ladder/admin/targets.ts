/**
 * What an admin typed to name a player (reference §3.10 `resolve_user_input`): a mention
 * (`<@id>`, `<@!id>`), a Discord id, or else a Discord username or player name (a leading `@`
 * dropped), matched without regard to case.
 */
import { Option, Schema } from "effect"
import { Snowflake } from "../../domain/Snowflake.js"

export type UserQuery =
  | { readonly _tag: "ById"; readonly discordUid: Snowflake }
  | { readonly _tag: "ByName"; readonly name: string }

const MENTION = /^<@!?([0-9]{1,20})>$/
/** Discord ids are at least 17 digits long; shorter numbers are names (a player may be called 1234). */
const ID = /^[0-9]{17,20}$/

export const parseUserQuery = (input: string): Option.Option<UserQuery> => {
  const text = input.trim()
  const id = MENTION.exec(text)?.[1] ?? (ID.test(text) ? text : undefined)
  if (id !== undefined) {
    return Option.map(Schema.decodeUnknownOption(Snowflake)(id), (discordUid) => ({
      _tag: "ById" as const,
      discordUid
    }))
  }
  const name = text.replace(/^@/, "").trim()
  return name === "" ? Option.none() : Option.some({ _tag: "ByName", name })
}
