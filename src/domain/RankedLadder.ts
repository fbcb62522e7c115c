/**
 * The ranked ladder of one leaderboard snapshot: every ranked rating in ladder order, with its
 * player, global rank and letter. Ratings are kept column by column in typed arrays and a row
 * object is made only for a row that is shown: at 100k ratings, an object per rating (and the
 * garbage collector copying them all while they survive) cost more than reading the ratings did.
 */
import { isUnknownArray, type Mismatch } from "./bulkChecks.js"
import { raceCodes, type RaceCode } from "./Race.js"
import { letterLookup, type Letter } from "./Rank.js"
import type { Snowflake } from "./Snowflake.js"
import type { LadderPlayers } from "./LadderPlayers.js"
import {
  copyRatings,
  firstRatings,
  inLadderOrder,
  ladderOrder,
  makeRatingColumns,
  type RatingColumns
} from "./RatingColumns.js"
import { makeSnowflakeIndex, type SnowflakeIndex } from "./SnowflakeIndex.js"

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

/**
 * A ranked rating as a tuple: its player's id, race, MMR, last game (in milliseconds after the
 * ladder's `playedSince`, the start of the activity window) and row id.
 */
export type LadderRating = readonly [
  discordUid: string,
  race: RaceCode,
  mmr: number,
  playedAfter: number,
  ratingId: number
]

const raceIndex = new Map<unknown, number>(raceCodes.map((code, index) => [code, index]))

/** Whether `value` is a `LadderRating`: checked by hand, as it runs for every rating read. */
const isLadderRating = (value: unknown): value is LadderRating =>
  isUnknownArray(value) &&
  value.length === 5 &&
  typeof value[0] === "string" &&
  raceIndex.has(value[1]) &&
  Number.isInteger(value[2]) &&
  typeof value[3] === "number" &&
  Number.isInteger(value[4])

/** A rating whose player is not among the players given: a corrupt database or a bug. */
export interface Orphan {
  readonly orphan: LadderRating | string
}

/** A list of ratings (rows as read, say), checked. */
export const ladderRatingsOf = (list: unknown): Array<LadderRating> | Mismatch => {
  if (!isUnknownArray(list)) return { mismatch: list }
  const ratings: Array<LadderRating> = []
  for (const value of list) {
    if (!isLadderRating(value)) return { mismatch: value }
    ratings.push(value)
  }
  return ratings
}

/** The index of `players` by Discord id, which ratings name their players by. */
export const indexPlayers = (players: LadderPlayers): SnowflakeIndex => makeSnowflakeIndex(players.discordUid)

/** `ratings` as columns, each owned by its player's position among the players `index` indexes. */
export const ratingColumnsOf = (
  ratings: ReadonlyArray<LadderRating>,
  index: SnowflakeIndex
): RatingColumns | Orphan => {
  const columns = makeRatingColumns(ratings.length)
  for (let at = 0; at < ratings.length; at++) {
    const rating = ratings[at]
    if (rating === undefined) continue
    const owner = index.find(rating[0])
    if (owner < 0) return { orphan: rating }
    columns.owner[at] = owner
    columns.race[at] = raceIndex.get(rating[1]) ?? 0
    columns.mmr[at] = rating[2]
    columns.playedAfter[at] = rating[3]
    columns.ratingId[at] = rating[4]
  }
  return columns
}

export interface RankedLadder {
  /** How many ratings are ranked. */
  readonly size: number
  /** The row at `position` (0 holds global rank 1); undefined past the end. */
  readonly rowAt: (position: number) => LeaderboardRow | undefined
  /** The positions, in ladder order, of the ratings `keep` keeps. */
  readonly positionsWhere: (keep: KeepRating) => Int32Array
  /** Where a player's rating of `race` stands; undefined when it is not ranked. */
  readonly positionOf: (discordUid: string, race: RaceCode) => number | undefined
  /**
   * This ladder with the players `named` as they are now: `players` (those of them that exist)
   * and `ratings` (their ranked ratings, counted from the same `playedSince`) take the place of
   * whatever the ladder had of them.
   */
  readonly replacing: (
    named: ReadonlySet<string>,
    players: LadderPlayers,
    ratings: ReadonlyArray<LadderRating>
  ) => RankedLadder | Orphan
}

/**
 * Whether to keep a rating, told its player (a number, the same for all of a player's ratings),
 * the player's country, the rating's race and its letter.
 */
export type KeepRating = (player: number, country: string | null, race: RaceCode, letter: Letter) => boolean

/**
 * Ranks ratings in columns (in any order; already in ladder order, as the database reads them,
 * there is nothing to sort), owned by positions in `players`, which `index` indexes; last games
 * are counted from `playedSince` (epoch ms).
 */
export const rankColumns = (
  columns: RatingColumns,
  players: LadderPlayers,
  index: SnowflakeIndex,
  playedSince: number
): RankedLadder => ladderOf(inLadderOrder(columns), players, index, playedSince)

/** The ladder of `ratings`, in ladder order. */
const ladderOf = (
  ratings: RatingColumns,
  players: LadderPlayers,
  index: SnowflakeIndex,
  playedSince: number
): RankedLadder => {
  const { size, owner: ownerOf } = ratings
  /** Each player's best position, and from each position the player's next one (-1: none). */
  const playerCount = players.discordUid.length
  const firstOf = new Int32Array(playerCount).fill(-1)
  const nextOf = new Int32Array(size).fill(-1)
  const lastOf = new Int32Array(playerCount).fill(-1)
  for (let position = 0; position < size; position++) {
    const owner = ownerOf[position] ?? -1
    const previous = lastOf[owner] ?? -1
    if (previous < 0) firstOf[owner] = position
    else nextOf[previous] = position
    lastOf[owner] = position
  }
  const letterAt = letterLookup(size)
  const raceAt = (position: number): RaceCode => raceCodes[ratings.race[position] ?? 0] ?? "bw_terran"

  const rowAt = (position: number): LeaderboardRow | undefined => {
    const owner = ownerOf[position] ?? -1
    const discordUid = players.discordUid[owner]
    return position >= size || discordUid === undefined
      ? undefined
      : {
          globalRank: position + 1,
          letter: letterAt(position),
          discordUid,
          playerName: players.playerName[owner] ?? "",
          country: players.country[owner] ?? null,
          race: raceAt(position),
          mmr: ratings.mmr[position] ?? 0,
          lastPlayedAt: playedSince + (ratings.playedAfter[position] ?? 0)
        }
  }

  const positionsWhere = (keep: KeepRating) => {
    const kept = new Int32Array(size)
    let count = 0
    for (let position = 0; position < size; position++) {
      const owner = ownerOf[position] ?? -1
      if (keep(owner, players.country[owner] ?? null, raceAt(position), letterAt(position)))
        kept[count++] = position
    }
    return kept.slice(0, count)
  }

  const positionOf = (discordUid: string, race: RaceCode) => {
    const wanted = raceIndex.get(race)
    for (
      let position = firstOf[index.find(discordUid)] ?? -1;
      position >= 0;
      position = nextOf[position] ?? -1
    ) {
      if (ratings.race[position] === wanted) return position
    }
    return undefined
  }

  /**
   * Their players take their old positions in the list (newcomers are added at the end), so the
   * ratings that stay keep their owners, and theirs are merged in: one pass, no lookup per rating.
   */
  const replacing = (
    named: ReadonlySet<string>,
    theirPlayers: LadderPlayers,
    theirRatings: ReadonlyArray<LadderRating>
  ): RankedLadder | Orphan => {
    const everyone = {
      discordUid: players.discordUid.slice(),
      playerName: players.playerName.slice(),
      country: players.country.slice()
    }
    const newcomers: Array<Snowflake> = []
    theirPlayers.discordUid.forEach((discordUid, their) => {
      const found = index.find(discordUid)
      const at = found < 0 ? everyone.discordUid.length : found
      if (found < 0) newcomers.push(discordUid)
      everyone.discordUid[at] = discordUid
      everyone.playerName[at] = theirPlayers.playerName[their] ?? ""
      everyone.country[at] = theirPlayers.country[their] ?? null
    })
    const everyoneIndex = newcomers.length > 0 ? index.extended(newcomers) : index
    const isNamed = new Uint8Array(everyone.discordUid.length)
    for (const uid of named) {
      const at = everyoneIndex.find(uid)
      if (at >= 0) isNamed[at] = 1
    }
    const unsorted = ratingColumnsOf(theirRatings, everyoneIndex)
    if ("orphan" in unsorted) return unsorted
    const theirs = inLadderOrder(unsorted)
    const merged = makeRatingColumns(size + theirs.size)
    let count = 0
    /** Theirs not merged yet start at `next`; ours not copied yet (all staying) at `kept`. */
    let next = 0
    let kept = 0
    const copyKept = (until: number) => {
      copyRatings(ratings, kept, until, merged, count)
      count += until - kept
      kept = until
    }
    for (let position = 0; position < size; position++) {
      const leaving = isNamed[ownerOf[position] ?? -1] === 1
      const theirsFirst = next < theirs.size && ladderOrder(theirs, next, ratings, position) < 0
      if (leaving || theirsFirst) copyKept(position)
      for (; next < theirs.size && ladderOrder(theirs, next, ratings, position) < 0; next++)
        copyRatings(theirs, next, next + 1, merged, count++)
      if (leaving) kept = position + 1
    }
    copyKept(size)
    copyRatings(theirs, next, theirs.size, merged, count)
    count += theirs.size - next
    return ladderOf(firstRatings(merged, count), everyone, everyoneIndex, playedSince)
  }

  return { size, rowAt, positionsWhere, positionOf, replacing }
}
