/**
 * The players of a ranked ladder, field by field: three lists rather than an array and an object
 * per player, which for the 16,667 players of the 100k-rating bench was most of what reading them
 * cost (see RankedLadder.ts).
 */
import { isNullableString, isUnknownArray, type Mismatch } from "./bulkChecks.js"
import { isSnowflake, type Snowflake } from "./Snowflake.js"

/** Players as three lists of equal length: the player at index `i` is `discordUid[i]`, … */
export interface LadderPlayers {
  readonly discordUid: ReadonlyArray<Snowflake>
  readonly playerName: ReadonlyArray<string>
  readonly country: ReadonlyArray<string | null>
}

/**
 * Lists of ids, shown names and countries (as read, say), checked: ids with the `Snowflake`
 * pattern. A mismatch gives the first player that does not match, as `[id, name, country]`, or the
 * lists themselves when they are not lists of one length.
 */
export const ladderPlayersOf = (
  ids: unknown,
  names: unknown,
  countries: unknown
): LadderPlayers | Mismatch => {
  if (
    !isUnknownArray(ids) ||
    !isUnknownArray(names) ||
    !isUnknownArray(countries) ||
    ids.length !== names.length ||
    ids.length !== countries.length
  )
    return { mismatch: [ids, names, countries] }
  const players = {
    discordUid: new Array<Snowflake>(),
    playerName: new Array<string>(),
    country: new Array<string | null>()
  }
  for (let at = 0; at < ids.length; at++) {
    const id: unknown = ids[at]
    const name: unknown = names[at]
    const country: unknown = countries[at]
    if (!isSnowflake(id) || typeof name !== "string" || !isNullableString(country))
      return { mismatch: [id, name, country] }
    players.discordUid.push(id)
    players.playerName.push(name)
    players.country.push(country)
  }
  return players
}
