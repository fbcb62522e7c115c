import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { noFilters, queryLeaderboard, type LeaderboardRow } from "../../src/domain/Leaderboard.js"
import { RaceCode } from "../../src/domain/Race.js"
import { letterLookup, letters } from "../../src/domain/Rank.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { ladderOf } from "../support/rankedLadder.js"

const paging = { pageSize: 40, maxPages: 25 }
const COUNTRIES = ["US", "KR", "DE", "XX", "TG", "ZZ"] as const
const uncommon = new Set(["XX", "TG"])

/**
 * Random ranked snapshots: rows in ladder order, letters by the bucket rule, ≤ 1 row per (player,
 * race), a country per player.
 */
const snapshots = fc
  .tuple(
    fc.array(
      fc.record({
        player: fc.integer({ min: 1, max: 60 }),
        race: fc.constantFrom(...RaceCode.literals),
        mmr: fc.integer({ min: 1000, max: 2500 })
      }),
      { maxLength: 400 }
    ),
    fc.array(fc.constantFrom(...COUNTRIES, null), { minLength: 61, maxLength: 61 })
  )
  .map(([raw, countryOf]) => {
    const unique = new Map(raw.map((row) => [`${row.player}:${row.race}`, row]))
    const ordered = [...unique.values()].sort((a, b) => b.mmr - a.mmr)
    const letterAt = letterLookup(ordered.length)
    return ordered.map((row, index): LeaderboardRow => ({
      globalRank: index + 1,
      letter: letterAt(index),
      discordUid: Snowflake.make(`1${String(row.player).padStart(17, "0")}`),
      playerName: `P${row.player}`,
      country: countryOf[row.player] ?? null,
      race: row.race,
      mmr: row.mmr,
      lastPlayedAt: 0
    }))
  })

const queries = fc.record({
  races: fc.subarray([...RaceCode.literals]),
  countries: fc.subarray([...COUNTRIES]),
  rank: fc.constantFrom(null, ...letters),
  bestRaceOnly: fc.boolean(),
  page: fc.integer({ min: -2, max: 30 })
})

const all = (rows: ReadonlyArray<LeaderboardRow>, query = noFilters) =>
  queryLeaderboard(ladderOf(rows), { ...query, page: 1 }, { pageSize: 1_000_000, maxPages: 1 }, uncommon).rows

describe("leaderboard queries (the reference's filter suite as properties)", () => {
  it("filters are reductive: adding a filter never adds rows", () => {
    fc.assert(
      fc.property(snapshots, queries, (rows, query) => {
        const filtered = all(rows, query)
        expect(filtered.length).toBeLessThanOrEqual(all(rows, { ...query, races: [] }).length)
        expect(filtered.length).toBeLessThanOrEqual(all(rows, { ...query, countries: [] }).length)
        expect(filtered.length).toBeLessThanOrEqual(all(rows, { ...query, rank: null }).length)
        expect(filtered.length).toBeLessThanOrEqual(all(rows, { ...query, bestRaceOnly: false }).length)
      })
    )
  })

  it("best race only keeps one row per player: their highest-ranked race", () => {
    fc.assert(
      fc.property(snapshots, (rows) => {
        const best = all(rows, { ...noFilters, bestRaceOnly: true })
        expect(new Set(best.map((row) => row.discordUid)).size).toBe(best.length)
        for (const row of best) {
          const theirs = rows.filter((other) => other.discordUid === row.discordUid)
          expect(Math.min(...theirs.map((other) => other.globalRank))).toBe(row.globalRank)
        }
      })
    )
  })

  it("rank counts of all rows sum to the total, and each letter filter returns exactly its rows", () => {
    fc.assert(
      fc.property(snapshots, (rows) => {
        const counts = letters.map((letter) => all(rows, { ...noFilters, rank: letter }).length)
        expect(counts.reduce((a, b) => a + b, 0)).toBe(rows.length)
      })
    )
  })

  it("keeps global-rank order and the global rank numbers (not renumbered within a filter)", () => {
    fc.assert(
      fc.property(snapshots, queries, (rows, query) => {
        const ranks = all(rows, query).map((row) => row.globalRank)
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
        for (const row of all(rows, query)) expect(rows[row.globalRank - 1]).toEqual(row)
      })
    )
  })

  it("Other (ZZ) stands for every uncommon country, XX included", () => {
    fc.assert(
      fc.property(snapshots, (rows) => {
        const other = all(rows, { ...noFilters, countries: ["ZZ"] })
        expect(other.every((row) => row.country !== null && uncommon.has(row.country))).toBe(true)
        expect(other.length).toBe(rows.filter((row) => row.country === "XX" || row.country === "TG").length)
      })
    )
  })

  it("pages: 40 rows, clamped page numbers, at most 25 pages, true total kept", () => {
    fc.assert(
      fc.property(snapshots, queries, (rows, query) => {
        const page = queryLeaderboard(ladderOf(rows), query, paging, uncommon)
        const matching = all(rows, query)
        expect(page.totalRows).toBe(matching.length)
        expect(page.totalPages).toBe(Math.max(1, Math.min(25, Math.ceil(matching.length / 40))))
        expect(page.page).toBeGreaterThanOrEqual(1)
        expect(page.page).toBeLessThanOrEqual(page.totalPages)
        expect(page.rows).toEqual(matching.slice((page.page - 1) * 40, page.page * 40))
      })
    )
  })

  it("caps at 25 pages (the top 1,000) while reporting the true total", () => {
    const rows = Array.from({ length: 1234 }, (_, i): LeaderboardRow => ({
      globalRank: i + 1,
      letter: "C",
      discordUid: Snowflake.make(`1${String(i).padStart(17, "0")}`),
      playerName: `P${i}`,
      country: "US",
      race: "bw_zerg",
      mmr: 3000 - i,
      lastPlayedAt: 0
    }))
    const last = queryLeaderboard(ladderOf(rows), { ...noFilters, page: 99 }, paging, uncommon)
    expect([last.page, last.totalPages, last.totalRows, last.rows.at(-1)?.globalRank]).toEqual([
      25, 25, 1234, 1000
    ])
  })

  it("shows page 1 of 1 with no rows when nothing matches", () => {
    expect(queryLeaderboard(ladderOf([]), noFilters, paging, uncommon)).toEqual({
      rows: [],
      page: 1,
      totalPages: 1,
      totalRows: 0
    })
  })
})
