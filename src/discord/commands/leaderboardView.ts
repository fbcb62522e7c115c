/** The `/leaderboard` message (reference §3.5): filter line, rows in pairs of columns, controls. */
import { Schema } from "effect"
import type { Country } from "../../domain/Country.js"
import {
  noFilters,
  type LeaderboardPage,
  type LeaderboardQuery,
  type LeaderboardRow
} from "../../domain/Leaderboard.js"
import { RaceCode, type Race } from "../../domain/Race.js"
import { letters, type Letter } from "../../domain/Rank.js"
import { Colors } from "../ui/colors.js"
import { button, rows, select } from "../ui/components.js"
import { componentEmoji } from "../ui/Emotes.js"
import type { Embed, MessageBody } from "../ui/responses.js"
import { viewKind } from "../ViewState.js"

export const LeaderboardState = Schema.Struct({
  races: Schema.Array(RaceCode),
  countries: Schema.Array(Schema.String),
  rank: Schema.NullOr(Schema.Literal(...letters)),
  bestRaceOnly: Schema.Boolean,
  page: Schema.Int
})

export const leaderboardView = viewKind("leaderboard", LeaderboardState)

export type LeaderboardAction =
  "prev" | "next" | "rank" | "best" | "clear" | "races" | "countries1" | "countries2" | "page"

export const leaderboardId = (action: LeaderboardAction, viewId: string) => `lb:${action}:${viewId}`

const BLANK = "\u200b"
const ROWS_PER_FIELD = 5
const COUNTRY_PAGE = 25

/** The next rank filter of the cycle All → S → A → … → F → All. */
export const nextRankFilter = (rank: Letter | null): Letter | null => {
  if (rank === null) return "S"
  const next = letters[letters.indexOf(rank) + 1]
  return next ?? null
}

export interface LeaderboardLook {
  readonly races: ReadonlyArray<Race>
  readonly commonCountries: ReadonlyArray<Country>
  readonly countryName: (code: string) => string
  readonly raceEmote: (race: RaceCode) => string
  readonly rankEmote: (letter: Letter) => string
  readonly flag: (code: string | null) => string
  readonly pageSize: number
  readonly maxPages: number
  readonly activityWindowDays: number
}

const rowLine = (row: LeaderboardRow, look: LeaderboardLook) =>
  `\`${String(row.globalRank).padStart(4)}.\` ${look.rankEmote(row.letter)} ${look.raceEmote(row.race)} ${look.flag(row.country)} \`${row.playerName.slice(0, 12).padEnd(12)}\` \`${row.mmr}\``

const rowFields = (page: LeaderboardPage, look: LeaderboardLook): NonNullable<Embed["fields"]> => {
  if (page.rows.length === 0) return [{ name: "Leaderboard:", value: "No players found.", inline: false }]
  const fields: Array<NonNullable<Embed["fields"]>[number]> = []
  const offset = (page.page - 1) * look.pageSize
  for (let start = 0; start < page.rows.length; start += 2 * ROWS_PER_FIELD) {
    const left = page.rows.slice(start, start + ROWS_PER_FIELD)
    const right = page.rows.slice(start + ROWS_PER_FIELD, start + 2 * ROWS_PER_FIELD)
    if (start > 0) fields.push({ name: BLANK, value: BLANK, inline: false })
    fields.push({
      name: `Leaderboard (${offset + start + 1}–${offset + start + left.length + right.length})`,
      value: left.map((row) => rowLine(row, look)).join("\n"),
      inline: true
    })
    fields.push({
      name: BLANK,
      value: right.length === 0 ? BLANK : right.map((row) => rowLine(row, look)).join("\n"),
      inline: true
    })
  }
  return fields
}

const filterLine = (query: LeaderboardQuery, look: LeaderboardLook) => {
  const races =
    query.races.length === 0
      ? "All"
      : look.races
          .filter((r) => query.races.includes(r.code))
          .map((r) => r.name)
          .join(", ")
  const countries = query.countries.length === 0 ? "All" : query.countries.map(look.countryName).join(", ")
  return `**Race:** \`${races}\`\n**Country:** \`${countries}\``
}

export const leaderboardMessage = (
  viewId: string,
  query: LeaderboardQuery,
  page: LeaderboardPage,
  look: LeaderboardLook
): MessageBody => {
  const cap = look.pageSize * look.maxPages
  const footer = [
    `Page ${page.page}/${page.totalPages} • ${page.totalRows} players`,
    `⚠️ Players who have not played in the last ${look.activityWindowDays === 14 ? "2 weeks" : `${look.activityWindowDays} days`} are not ranked or displayed on the leaderboard.`,
    ...(page.totalRows > cap
      ? [`⚠️ Over ${cap} players match these filters; only the top ${cap} are displayed.`]
      : [])
  ].join("\n")
  const countryOptions = (countries: ReadonlyArray<Country>) =>
    countries.map((country) => ({
      label: country.name,
      value: country.code,
      emoji: componentEmoji(look.flag(country.code)),
      selected: query.countries.includes(country.code)
    }))
  const page1 = look.commonCountries.slice(0, COUNTRY_PAGE)
  const page2 = look.commonCountries.slice(COUNTRY_PAGE, 2 * COUNTRY_PAGE)
  return {
    embeds: [
      {
        title: "🏆 Player Leaderboard",
        color: Colors.gold,
        fields: [{ name: BLANK, value: filterLine(query, look), inline: false }, ...rowFields(page, look)],
        footer: { text: footer }
      }
    ],
    components: rows(
      [
        button(leaderboardId("prev", viewId), "⬅️ Previous Page", "secondary", { disabled: page.page <= 1 }),
        button(leaderboardId("next", viewId), "➡️ Next Page", "secondary", {
          disabled: page.page >= page.totalPages
        }),
        button(
          leaderboardId("rank", viewId),
          query.rank === null ? "All Ranks" : `${query.rank}-Rank`,
          query.rank === null ? "secondary" : "primary"
        ),
        button(
          leaderboardId("best", viewId),
          `${query.bestRaceOnly ? "✅" : "🟩"} Best Race Only`,
          query.bestRaceOnly ? "primary" : "secondary"
        ),
        button(leaderboardId("clear", viewId), "🗑️ Clear All Filters", "danger")
      ],
      [
        select(
          leaderboardId("races", viewId),
          "Filter by race",
          look.races.map((race) => ({
            label: race.name,
            value: race.code,
            emoji: componentEmoji(look.raceEmote(race.code)),
            selected: query.races.includes(race.code)
          })),
          { min: 0, max: look.races.length }
        )
      ],
      [
        select(leaderboardId("countries1", viewId), "Filter by country (page 1)", countryOptions(page1), {
          min: 0,
          max: page1.length
        })
      ],
      [
        select(leaderboardId("countries2", viewId), "Filter by country (page 2)", countryOptions(page2), {
          min: 0,
          max: page2.length
        })
      ],
      [
        select(
          leaderboardId("page", viewId),
          `Page ${page.page}/${page.totalPages}`,
          Array.from({ length: page.totalPages }, (_, index) => ({
            label: `Page ${index + 1}`,
            value: String(index + 1),
            selected: index + 1 === page.page
          }))
        )
      ]
    )
  }
}

export const initialLeaderboardState: typeof LeaderboardState.Type = noFilters
