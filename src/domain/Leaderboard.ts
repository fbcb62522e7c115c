/**
 * Leaderboard queries over a ranked snapshot (reference §7.4): best race only (over ranked races,
 * before the other filters), then race, country ("Other" meaning every uncommon country) and rank
 * filters combined with AND, in global-rank order, paged, with the page count capped.
 */
import type { CountryCode } from "./Country.js"
import type { RaceCode } from "./Race.js"
import type { LeaderboardRow, RankedLadder } from "./RankedLadder.js"
import type { Letter } from "./Rank.js"

export type { LeaderboardRow } from "./RankedLadder.js"

export interface LeaderboardQuery {
  readonly races: ReadonlyArray<RaceCode>
  /** Country codes; `ZZ` stands for every uncommon country, `XX` included. */
  readonly countries: ReadonlyArray<string>
  readonly rank: Letter | null
  readonly bestRaceOnly: boolean
  /** 1-based; clamped to the pages that exist. */
  readonly page: number
}

export const noFilters: LeaderboardQuery = {
  races: [],
  countries: [],
  rank: null,
  bestRaceOnly: false,
  page: 1
}

export interface LeaderboardPaging {
  readonly pageSize: number
  readonly maxPages: number
}

export interface LeaderboardPage {
  readonly rows: ReadonlyArray<LeaderboardRow>
  readonly page: number
  readonly totalPages: number
  /** Every row matching the filters, including those beyond the page cap. */
  readonly totalRows: number
}

/**
 * The positions (in `ladder`, in ladder order) of the ratings that `query`'s filters keep. Best race
 * only keeps each player's first rating, over every ranked race, before the other filters apply.
 * `uncommonCountries` is what the "Other" country filter expands to.
 */
export const filterLeaderboard = (
  ladder: RankedLadder,
  query: LeaderboardQuery,
  uncommonCountries: ReadonlySet<CountryCode | string>
): Int32Array => {
  const races = new Set<string>(query.races)
  const countries = new Set<string>(query.countries.filter((code) => code !== "ZZ"))
  const includeOther = query.countries.includes("ZZ")
  const seen = new Set<number>()
  return ladder.positionsWhere((player, country, race, letter) => {
    if (query.bestRaceOnly) {
      if (seen.has(player)) return false
      seen.add(player)
    }
    return (
      (races.size === 0 || races.has(race)) &&
      (query.countries.length === 0 ||
        (country !== null && (countries.has(country) || (includeOther && uncommonCountries.has(country))))) &&
      (query.rank === null || letter === query.rank)
    )
  })
}

/** What identifies `query`'s filters (not its page): equal for queries that keep the same rows. */
export const filterKey = (query: LeaderboardQuery): string =>
  JSON.stringify([[...query.races].sort(), [...query.countries].sort(), query.rank, query.bestRaceOnly])

/** `query.page` of the rows of `ladder` at `positions`, clamped to the pages that exist. */
export const pageOf = (
  ladder: RankedLadder,
  positions: Int32Array,
  query: LeaderboardQuery,
  paging: LeaderboardPaging
): LeaderboardPage => {
  const totalPages = Math.max(1, Math.min(paging.maxPages, Math.ceil(positions.length / paging.pageSize)))
  const page = Math.min(Math.max(1, query.page), totalPages)
  const start = (page - 1) * paging.pageSize
  const rows: Array<LeaderboardRow> = []
  for (const position of positions.subarray(start, start + paging.pageSize)) {
    const row = ladder.rowAt(position)
    if (row !== undefined) rows.push(row)
  }
  return { rows, page, totalPages, totalRows: positions.length }
}

/** Applies `query` to `ladder`: its filters, then its page. */
export const queryLeaderboard = (
  ladder: RankedLadder,
  query: LeaderboardQuery,
  paging: LeaderboardPaging,
  uncommonCountries: ReadonlySet<CountryCode | string>
): LeaderboardPage => pageOf(ladder, filterLeaderboard(ladder, query, uncommonCountries), query, paging)
