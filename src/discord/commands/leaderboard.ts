/**
 * `/leaderboard` (reference §3.5): the ranked ladder with race, country and rank filters, best race
 * only, and paging. The filters and page live in the view's state; any filter change goes back to
 * page 1; one live leaderboard per player; controls disappear when the view times out.
 */
import { Discord, Ix } from "dfx"
import { Duration, Effect, Option, Schema } from "effect"
import { AppConfig } from "../../config.js"
import type { LeaderboardQuery } from "../../domain/Leaderboard.js"
import { RaceCode } from "../../domain/Race.js"
import { LadderData } from "../../ladder/LadderData.js"
import { Leaderboard } from "../../ladder/Leaderboard.js"
import { currentCaller } from "../Caller.js"
import { guarded, TERMS_REQUIRED } from "../guards.js"
import { currentToken } from "../OriginalResponse.js"
import { Emotes } from "../ui/Emotes.js"
import { expiredView } from "../ui/embeds.js"
import { reply, update } from "../ui/responses.js"
import { ViewState } from "../ViewState.js"
import { ViewTimeouts } from "../ViewTimeouts.js"
import {
  initialLeaderboardState,
  leaderboardMessage,
  leaderboardView,
  nextRankFilter,
  type LeaderboardAction,
  type LeaderboardLook
} from "./leaderboardView.js"

const look = Effect.gen(function* () {
  const data = yield* LadderData
  const emotes = yield* Emotes
  const { leaderboard, rating } = yield* AppConfig
  return {
    races: data.races.all,
    commonCountries: data.countries.common,
    countryName: (code) =>
      Option.match(data.countries.get(code), { onNone: () => code, onSome: (c) => c.name }),
    raceEmote: emotes.race,
    rankEmote: emotes.rank,
    flag: emotes.flag,
    pageSize: leaderboard.pageSize,
    maxPages: leaderboard.maxPages,
    activityWindowDays: Math.round(Duration.toDays(rating.activityWindow))
  } satisfies LeaderboardLook
})

/** Renders the view's page and keeps its timer armed with the latest interaction's token. */
const render = (viewId: string, query: LeaderboardQuery) =>
  Effect.gen(function* () {
    const page = yield* (yield* Leaderboard).query(query)
    yield* (yield* ViewTimeouts).arm(viewId, yield* currentToken)
    return leaderboardMessage(viewId, { ...query, page: page.page }, page, yield* look)
  })

export const leaderboardCommand = Ix.global(
  {
    name: "leaderboard",
    description: "View the MMR leaderboard",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]
  },
  guarded(
    "leaderboard",
    TERMS_REQUIRED
  )(({ caller }) =>
    Effect.gen(function* () {
      const views = yield* ViewState
      const older = yield* views.liveIds(caller.userId, leaderboardView.name)
      const viewId = yield* views.open(leaderboardView, caller.userId, initialLeaderboardState, {
        replace: true
      })
      yield* (yield* ViewTimeouts).expire(older)
      return reply(caller, yield* render(viewId, initialLeaderboardState))
    })
  )
)

const selectedValues = Effect.map(Ix.MessageComponentData, (data) => ("values" in data ? data.values : []))

const control = (
  action: LeaderboardAction,
  change: (
    query: LeaderboardQuery,
    values: ReadonlyArray<string>,
    commonCodes: ReadonlyArray<string>
  ) => LeaderboardQuery
) =>
  Ix.messageComponent(
    Ix.idStartsWith(`lb:${action}:`),
    Effect.gen(function* () {
      const caller = yield* currentCaller
      const { custom_id } = yield* Ix.MessageComponentData
      const viewId = custom_id.slice(custom_id.lastIndexOf(":") + 1)
      const views = yield* ViewState
      const query = yield* views.get(leaderboardView, viewId, caller.userId)
      const commonCodes = (yield* LadderData).countries.common.map((country) => country.code)
      const next = change(query, yield* selectedValues, commonCodes)
      yield* views.set(leaderboardView, viewId, caller.userId, next)
      return update(yield* render(viewId, next))
    }).pipe(Effect.catchTag("ViewExpired", () => Effect.succeed(update(expiredView))))
  )

const filtered = (query: LeaderboardQuery, patch: Partial<LeaderboardQuery>): LeaderboardQuery => ({
  ...query,
  ...patch,
  page: 1
})

const COUNTRY_PAGE = 25

/** A country select replaces its own page's selection and keeps the other page's. */
const chooseCountries =
  (page: 0 | 1) =>
  (query: LeaderboardQuery, values: ReadonlyArray<string>, commonCodes: ReadonlyArray<string>) => {
    const own = new Set(commonCodes.slice(page * COUNTRY_PAGE, (page + 1) * COUNTRY_PAGE))
    return filtered(query, { countries: [...query.countries.filter((code) => !own.has(code)), ...values] })
  }

export const previousLeaderboardPage = control("prev", (query) => ({ ...query, page: query.page - 1 }))
export const nextLeaderboardPage = control("next", (query) => ({ ...query, page: query.page + 1 }))
export const chooseLeaderboardPage = control("page", (query, values) => ({
  ...query,
  page: Number(values[0] ?? query.page)
}))
export const cycleRankFilter = control("rank", (query) =>
  filtered(query, { rank: nextRankFilter(query.rank) })
)
export const toggleBestRace = control("best", (query) =>
  filtered(query, { bestRaceOnly: !query.bestRaceOnly })
)
export const clearLeaderboardFilters = control("clear", () => initialLeaderboardState)
export const chooseLeaderboardRaces = control("races", (query, values) =>
  filtered(query, { races: values.filter(Schema.is(RaceCode)) })
)
export const chooseLeaderboardCountries1 = control("countries1", chooseCountries(0))
export const chooseLeaderboardCountries2 = control("countries2", chooseCountries(1))
