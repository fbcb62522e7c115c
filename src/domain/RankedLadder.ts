/**
 * The ranked ladder of one leaderboard snapshot: every ranked rating in ladder order, with its
 * player, global rank and letter. It keeps the rating tuples it was built from and makes a row
 * object only for a row that is shown: at 100k ratings, an object per row (and the garbage
 * collector copying them all) cost more than reading the ratings did.
 */
import { raceCodes, type RaceCode } from "./Race.js"
import { letterLookup, type Letter } from "./Rank.js"
import { isSnowflake, type Snowflake } from "./Snowflake.js"

/** One ranked rating row as the leaderboard shows it. */
export interface LeaderboardRow {
  readonly globalRank: number
  readonly letter: Letter
  readonly discordUid: Snowflake
  readonly playerName: string
  readonly country: string | null
  readonly race: RaceCode
  readonly mmr: number
  readonly lastPlayedAt: number
}

/** What the ladder shows of a player: one object per player, shared by their ratings. */
export interface LadderPlayer {
  readonly discordUid: Snowflake
  readonly playerName: string
  readonly country: string | null
}

/**
 * A ranked rating as read: its player's id, race, MMR, last game and row id. The last game is in
 * milliseconds after the ladder's `playedSince` (the start of the activity window): small numbers,
 * which the JavaScript engine stores inline where epoch milliseconds would each be an object.
 */
export type LadderRating = readonly [
  discordUid: string,
  race: RaceCode,
  mmr: number,
  playedAfter: number,
  ratingId: number
]

const raceByCode = new Map<unknown, RaceCode>(raceCodes.map((code) => [code, code]))

const isUnknownArray = (value: unknown): value is ReadonlyArray<unknown> => Array.isArray(value)

const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === "string"

/** Whether `value` is a `LadderRating`: checked by hand, as it runs for every rating. */
const isLadderRating = (value: unknown): value is LadderRating =>
  isUnknownArray(value) &&
  value.length === 5 &&
  typeof value[0] === "string" &&
  raceByCode.has(value[1]) &&
  Number.isInteger(value[2]) &&
  typeof value[3] === "number" &&
  Number.isInteger(value[4])

/**
 * `[discord_uid, player_name, discord_username, country]` → the player as the ladder shows them,
 * by their name or else their Discord username. Each id is checked with the `Snowflake` pattern.
 */
const ladderPlayerOf = (value: unknown): LadderPlayer | undefined => {
  if (!isUnknownArray(value)) return undefined
  const discordUid = value[0]
  const playerName = value[1]
  const discordUsername = value[2]
  const country = value[3]
  return isSnowflake(discordUid) &&
    isNullableString(playerName) &&
    typeof discordUsername === "string" &&
    isNullableString(country)
    ? { discordUid, playerName: playerName ?? discordUsername, country }
    : undefined
}

/** What did not match when a list was checked: the list itself, or its first bad element. */
export interface Mismatch {
  readonly mismatch: unknown
}

/** A list of ratings (as parsed from JSON, say), checked. */
export const ladderRatingsOf = (list: unknown): Array<LadderRating> | Mismatch => {
  if (!isUnknownArray(list)) return { mismatch: list }
  const ratings: Array<LadderRating> = []
  for (const value of list) {
    if (!isLadderRating(value)) return { mismatch: value }
    ratings.push(value)
  }
  return ratings
}

/** A list of `[discord_uid, player_name, discord_username, country]` (as parsed from JSON, say), checked. */
export const ladderPlayersOf = (list: unknown): Array<LadderPlayer> | Mismatch => {
  if (!isUnknownArray(list)) return { mismatch: list }
  const players: Array<LadderPlayer> = []
  for (const value of list) {
    const player = ladderPlayerOf(value)
    if (player === undefined) return { mismatch: value }
    players.push(player)
  }
  return players
}

/** MMR descending, then the most recent game, then the newest row: `ladderOrder` of Rank.ts. */
const byLadderOrder = (a: LadderRating, b: LadderRating) => b[2] - a[2] || b[3] - a[3] || b[4] - a[4]

export interface RankedLadder {
  /** How many ratings are ranked. */
  readonly size: number
  /** The row at `position` (0 holds global rank 1); undefined past the end. */
  readonly rowAt: (position: number) => LeaderboardRow | undefined
  /** The positions, in ladder order, of the ratings `keep` keeps. */
  readonly positionsWhere: (
    keep: (player: LadderPlayer, race: RaceCode, letter: Letter) => boolean
  ) => Int32Array
  /** Where a player's rating of `race` stands; undefined when it is not ranked. */
  readonly positionOf: (discordUid: string, race: RaceCode) => number | undefined
  /**
   * This ladder with the players `named` as they are now: `players` (those of them that exist)
   * and `ratings` (their ranked ratings, counted from the same `playedSince`) take the place of
   * whatever the ladder had of them.
   */
  readonly replacing: (
    named: ReadonlySet<string>,
    players: ReadonlyArray<LadderPlayer>,
    ratings: ReadonlyArray<LadderRating>
  ) => RankedLadder | Orphan
}

/** A rating whose player is not among the players given: a corrupt database or a bug. */
export interface Orphan {
  readonly orphan: LadderRating
}

/**
 * Ranks `ratings` (sorted here in place; already in ladder order, as the database reads them, the
 * sort is one pass) with their players from `players`; their last games are counted from
 * `playedSince` (epoch ms). Positions and players are tied together by number (a player's index in
 * `players`) rather than through maps, which cost most of the time here.
 */
export const rankLadder = (
  ratings: Array<LadderRating>,
  players: ReadonlyArray<LadderPlayer>,
  playedSince: number
): RankedLadder | Orphan => {
  ratings.sort(byLadderOrder)
  const indexOf = new Map<string, number>()
  players.forEach((player, index) => indexOf.set(player.discordUid, index))
  const ownerOf = new Int32Array(ratings.length)
  let position = 0
  for (const rating of ratings) {
    const owner = indexOf.get(rating[0])
    if (owner === undefined) return { orphan: rating }
    ownerOf[position++] = owner
  }
  return ladderOf(ratings, ownerOf, players, indexOf, playedSince)
}

/**
 * The ladder of `ratings`, already in ladder order, the one at each position owned by the player at
 * index `ownerOf[position]` of `players`; `indexOf` finds a player's index by Discord id.
 */
const ladderOf = (
  ratings: ReadonlyArray<LadderRating>,
  ownerOf: Int32Array,
  players: ReadonlyArray<LadderPlayer>,
  indexOf: ReadonlyMap<string, number>,
  playedSince: number
): RankedLadder => {
  const size = ratings.length
  /** Each player's best position, and from each position the player's next one (-1: none). */
  const firstOf = new Int32Array(players.length).fill(-1)
  const nextOf = new Int32Array(size).fill(-1)
  const lastOf = new Int32Array(players.length).fill(-1)
  for (let position = 0; position < size; position++) {
    const owner = ownerOf[position] ?? -1
    const previous = lastOf[owner] ?? -1
    if (previous < 0) firstOf[owner] = position
    else nextOf[previous] = position
    lastOf[owner] = position
  }
  const letterAt = letterLookup(size)

  const rowAt = (position: number): LeaderboardRow | undefined => {
    const rating = ratings[position]
    const owner = players[ownerOf[position] ?? -1]
    return rating === undefined || owner === undefined
      ? undefined
      : {
          globalRank: position + 1,
          letter: letterAt(position),
          discordUid: owner.discordUid,
          playerName: owner.playerName,
          country: owner.country,
          race: rating[1],
          mmr: rating[2],
          lastPlayedAt: playedSince + rating[3]
        }
  }

  const positionsWhere = (keep: (player: LadderPlayer, race: RaceCode, letter: Letter) => boolean) => {
    const kept = new Int32Array(size)
    let count = 0
    for (let position = 0; position < size; position++) {
      const rating = ratings[position]
      const owner = players[ownerOf[position] ?? -1]
      if (rating !== undefined && owner !== undefined && keep(owner, rating[1], letterAt(position)))
        kept[count++] = position
    }
    return kept.slice(0, count)
  }

  const positionOf = (discordUid: string, race: RaceCode) => {
    const owner = indexOf.get(discordUid) ?? -1
    for (let position = firstOf[owner] ?? -1; position >= 0; position = nextOf[position] ?? -1) {
      if (ratings[position]?.[1] === race) return position
    }
    return undefined
  }

  /**
   * Their players take their old indices (newcomers are added at the end), so the ratings that stay
   * keep their owners, and theirs are merged in: one pass, no lookup per rating.
   */
  const replacing = (
    named: ReadonlySet<string>,
    theirPlayers: ReadonlyArray<LadderPlayer>,
    theirRatings: ReadonlyArray<LadderRating>
  ): RankedLadder | Orphan => {
    const now = new Map(theirPlayers.map((player) => [player.discordUid, player]))
    const everyone = players.map((player) => now.get(player.discordUid) ?? player)
    const newcomers = theirPlayers.filter((player) => !indexOf.has(player.discordUid))
    let everyoneIndex = indexOf
    if (newcomers.length > 0) {
      const extended = new Map(indexOf)
      for (const player of newcomers) extended.set(player.discordUid, everyone.push(player) - 1)
      everyoneIndex = extended
    }
    const isNamed = new Uint8Array(everyone.length)
    for (const uid of named) {
      const index = everyoneIndex.get(uid)
      if (index !== undefined) isNamed[index] = 1
    }
    const theirs = [...theirRatings].sort(byLadderOrder)
    const merged: Array<LadderRating> = []
    const mergedOwners = new Int32Array(size + theirs.length)
    let next = 0
    const takeTheirs = (until: LadderRating | undefined): Orphan | undefined => {
      for (let rating = theirs[next]; rating !== undefined; rating = theirs[++next]) {
        if (until !== undefined && byLadderOrder(rating, until) >= 0) return undefined
        const owner = everyoneIndex.get(rating[0])
        if (owner === undefined) return { orphan: rating }
        mergedOwners[merged.push(rating) - 1] = owner
      }
      return undefined
    }
    for (let position = 0; position < size; position++) {
      const rating = ratings[position]
      const owner = ownerOf[position] ?? -1
      if (rating === undefined || isNamed[owner] === 1) continue
      const orphan = takeTheirs(rating)
      if (orphan !== undefined) return orphan
      mergedOwners[merged.push(rating) - 1] = owner
    }
    const orphan = takeTheirs(undefined)
    if (orphan !== undefined) return orphan
    return ladderOf(merged, mergedOwners.subarray(0, merged.length), everyone, everyoneIndex, playedSince)
  }

  return { size, rowAt, positionsWhere, positionOf, replacing }
}
