/**
 * Leaderboard queries over a ranked snapshot (reference §7.4): best race only (over ranked races,
 * before the other filters), then race, country ("Other" meaning every uncommon country) and rank
 * filters combined with AND, in global-rank order, paged, with the page count capped.
 */
import type { CountryCode } from "./Country.js"
import type { RaceCode } from "./Race.js"
import type { Letter } from "./Rank.js"
import type { Snowflake } from "./Snowflake.js"

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

/** The best ranked row of each player: rows arrive in ladder order, so the first one per player. */
export const bestRacePerPlayer = (rows: ReadonlyArray<LeaderboardRow>): ReadonlyArray<LeaderboardRow> => {
  const seen = new Set<string>()
  return rows.filter((row) => {
    if (seen.has(row.discordUid)) return false
    seen.add(row.discordUid)
    return true
  })
}

/**
 * The rows of `rows` (ranked rows in global-rank order) that `query`'s filters keep, in that order.
 * `uncommonCountries` is what the "Other" country filter expands to.
 */
export const filterLeaderboard = (
  rows: ReadonlyArray<LeaderboardRow>,
  query: LeaderboardQuery,
  uncommonCountries: ReadonlySet<CountryCode | string>
): ReadonlyArray<LeaderboardRow> => {
  const base = query.bestRaceOnly ? bestRacePerPlayer(rows) : rows
  const races = new Set<string>(query.races)
  const countries = new Set<string>(query.countries.filter((code) => code !== "ZZ"))
  const includeOther = query.countries.includes("ZZ")
  return races.size === 0 && query.countries.length === 0 && query.rank === null
    ? base
    : base.filter(
        (row) =>
          (races.size === 0 || races.has(row.race)) &&
          (query.countries.length === 0 ||
            (row.country !== null &&
              (countries.has(row.country) || (includeOther && uncommonCountries.has(row.country))))) &&
          (query.rank === null || row.letter === query.rank)
      )
}

/** What identifies `query`'s filters (not its page): equal for queries that keep the same rows. */
export const filterKey = (query: LeaderboardQuery): string =>
  JSON.stringify([[...query.races].sort(), [...query.countries].sort(), query.rank, query.bestRaceOnly])

/** `query.page` of `filtered`, clamped to the pages that exist. */
export const pageOf = (
  filtered: ReadonlyArray<LeaderboardRow>,
  query: LeaderboardQuery,
  paging: LeaderboardPaging
): LeaderboardPage => {
  const totalPages = Math.max(1, Math.min(paging.maxPages, Math.ceil(filtered.length / paging.pageSize)))
  const page = Math.min(Math.max(1, query.page), totalPages)
  const start = (page - 1) * paging.pageSize
  return {
    rows: filtered.slice(start, start + paging.pageSize),
    page,
    totalPages,
    totalRows: filtered.length
  }
}

/** Applies `query` to `rows`: its filters, then its page. */
export const queryLeaderboard = (
  rows: ReadonlyArray<LeaderboardRow>,
  query: LeaderboardQuery,
  paging: LeaderboardPaging,
  uncommonCountries: ReadonlySet<CountryCode | string>
): LeaderboardPage => pageOf(filterLeaderboard(rows, query, uncommonCountries), query, paging)
