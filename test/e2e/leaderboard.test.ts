/**
 * `/leaderboard` and `/profile` end to end on a test clock: the real bot against the fake Discord,
 * over a ladder seeded in its database. Paging, every filter control, the view timeout, one live
 * view per player, and the profile's records and 14/30/90-day windows.
 */
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import type { RaceCode } from "../../src/domain/Race.js"
import {
  componentsOf,
  FakeDiscord,
  fieldsOf,
  textOf,
  type FakeDiscordServer,
  type FakeUser,
  type InteractionReply
} from "../../src/fakeDiscord/index.js"
import { withBot } from "./bot.js"

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0)
const DAY = 86_400_000

const uidOf = (n: number) => `3${String(n).padStart(17, "0")}`

interface SeededRating {
  readonly player: number
  readonly race: RaceCode
  readonly mmr: number
  readonly played?: number
  readonly daysAgo?: number
}

/** A registered player (terms accepted, setup complete) per number, then their ratings. */
const seed = (
  players: ReadonlyArray<{ readonly n: number; readonly country: string }>,
  ratings: ReadonlyArray<SeededRating>
) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    for (const { n, country } of players) {
      yield* sql`INSERT INTO players ${sql.insert({
        discordUid: uidOf(n),
        discordUsername: `user${n}`,
        playerName: `Player${n}`,
        battletag: `Player${n}#1234`,
        country,
        region: "NAW",
        acceptedTos: 1,
        acceptedTosAt: NOW - 90 * DAY,
        completedSetup: 1,
        completedSetupAt: NOW - 90 * DAY,
        remainingAborts: 3,
        abortsMonth: "2026-11",
        createdAt: NOW - 90 * DAY,
        updatedAt: NOW - 90 * DAY
      })}`
    }
    for (const rating of ratings) {
      const played = rating.played ?? 4
      yield* sql`INSERT INTO ratings ${sql.insert({
        discordUid: uidOf(rating.player),
        race: rating.race,
        mmr: rating.mmr,
        gamesPlayed: played,
        gamesWon: played,
        gamesLost: 0,
        lastPlayedAt: NOW - (rating.daysAgo ?? 1) * DAY,
        createdAt: NOW - 90 * DAY,
        updatedAt: NOW - 90 * DAY
      })}`
    }
  })

const COUNTRIES = ["US", "KR", "DE"]

/** 45 ranked BW Zerg ratings (MMR 2000 down to 1560), players 2 and 3 also rated elsewhere, two unranked. */
const ladder = seed(
  Array.from({ length: 47 }, (_, index) => ({
    n: index + 1,
    country: COUNTRIES[index % COUNTRIES.length] ?? "US"
  })),
  [
    ...Array.from({ length: 45 }, (_, index): SeededRating => ({
      player: index + 1,
      race: "bw_zerg",
      mmr: 2000 - index * 10
    })),
    { player: 2, race: "sc2_protoss", mmr: 2500 },
    { player: 3, race: "bw_terran", mmr: 1000 },
    { player: 46, race: "bw_zerg", mmr: 3000, daysAgo: 15 },
    { player: 47, race: "sc2_zerg", mmr: 3000, played: 0 }
  ]
)

const idOf = (reply: InteractionReply, action: string) => {
  const id = componentsOf(reply).find((c) => c.customId?.startsWith(`lb:${action}:`))?.customId
  if (id === undefined) throw new Error(`no lb:${action} control on the leaderboard`)
  return id
}

const controlOf = (reply: InteractionReply, action: string) =>
  componentsOf(reply).find((c) => c.customId === idOf(reply, action))

const rowsOf = (reply: InteractionReply) =>
  (reply.embeds[0]?.fields ?? [])
    .slice(1)
    .flatMap((field) => field.value.split("\n"))
    .filter((line) => line.startsWith("`"))

const footerOf = (reply: InteractionReply) => reply.embeds[0]?.footer ?? ""

const scenario = <A, E, R>(body: (fake: FakeDiscordServer, viewer: FakeUser) => Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(NOW)
    const fake = yield* FakeDiscord.make()
    yield* withBot(
      fake,
      { EVOLADDER_PARSE_WORKERS: "0" },
      Effect.gen(function* () {
        yield* ladder
        const viewer = fake.user({ username: "user1", id: uidOf(1) })
        yield* body(fake, viewer)
        fake.assertNoViolations()
      })
    )
  })

describe("/leaderboard through the fake Discord (test clock)", () => {
  it.scoped("shows the ranked ladder in pages of 40, and pages with the buttons and the dropdown", () =>
    scenario((_fake, viewer) =>
      Effect.gen(function* () {
        const first = yield* viewer.command("leaderboard")
        expect(first.embeds[0]?.title).toBe("🏆 Player Leaderboard")
        expect(first.embeds[0]?.fields[0]?.value).toBe("**Race:** `All`\n**Country:** `All`")
        expect(footerOf(first)).toBe(
          "Page 1/2 • 47 players\n⚠️ Players who have not played in the last 2 weeks are not ranked or displayed on the leaderboard."
        )
        const rows = rowsOf(first)
        expect(rows).toHaveLength(40)
        expect(rows[0]).toMatch(/^` {3}1\.` .* `Player2 {5}` `2500`$/)
        expect(rows[1]).toMatch(/^` {3}2\.` .* `Player1 {5}` `2000`$/)
        expect(first.embeds[0]?.fields[1]?.name).toBe("Leaderboard (1–10)")
        expect(controlOf(first, "prev")?.disabled).toBe(true)
        expect(controlOf(first, "next")?.disabled).toBe(false)
        expect(controlOf(first, "page")?.options.map((o) => o.label)).toEqual(["Page 1", "Page 2"])

        const second = yield* viewer.click(first, idOf(first, "next"))
        expect(footerOf(second)).toContain("Page 2/2 • 47 players")
        expect(rowsOf(second)).toHaveLength(7)
        expect(rowsOf(second)[6]).toMatch(/^` {2}47\.` .* `Player3 {5}` `1000`$/)
        expect(controlOf(second, "next")?.disabled).toBe(true)
        expect(second.embeds[0]?.fields[1]?.name).toBe("Leaderboard (41–47)")

        const previous = yield* viewer.click(second, idOf(second, "prev"))
        expect(footerOf(previous)).toContain("Page 1/2")
        const chosen = yield* viewer.select(previous, idOf(previous, "page"), ["2"])
        expect(footerOf(chosen)).toContain("Page 2/2")
        const text = textOf(previous.message)
        expect(text).not.toContain("Player46")
        expect(text).not.toContain("Player47")
      })
    )
  )

  it.scoped("filters by race, country, rank and best race, each going back to page 1, and clears them", () =>
    scenario((_fake, viewer) =>
      Effect.gen(function* () {
        const board = yield* viewer.command("leaderboard")
        const onPage2 = yield* viewer.click(board, idOf(board, "next"))

        const zerg = yield* viewer.select(onPage2, idOf(onPage2, "races"), ["bw_zerg"])
        expect(zerg.embeds[0]?.fields[0]?.value).toBe("**Race:** `BW Zerg`\n**Country:** `All`")
        expect(footerOf(zerg)).toContain("Page 1/2 • 45 players")
        expect(controlOf(zerg, "races")?.options.find((o) => o.value === "bw_zerg")?.default).toBe(true)

        const korea = yield* viewer.select(zerg, idOf(zerg, "countries2"), ["KR"])
        expect(korea.embeds[0]?.fields[0]?.value).toBe("**Race:** `BW Zerg`\n**Country:** `South Korea`")
        expect(footerOf(korea)).toContain("Page 1/1 • 15 players")
        expect(
          rowsOf(korea).every((row) => /`Player(2|5|8|11|14|17|20|23|26|29|32|35|38|41|44) +`/.test(row))
        ).toBe(true)
        const both = yield* viewer.select(korea, idOf(korea, "countries1"), ["DE"])
        expect(both.embeds[0]?.fields[0]?.value).toBe(
          "**Race:** `BW Zerg`\n**Country:** `South Korea, Germany`"
        )
        expect(footerOf(both)).toContain("Page 1/1 • 30 players")

        const cleared = yield* viewer.click(both, idOf(both, "clear"))
        expect(cleared.embeds[0]?.fields[0]?.value).toBe("**Race:** `All`\n**Country:** `All`")
        expect(footerOf(cleared)).toContain("Page 1/2 • 47 players")

        const ranks: Array<string | undefined> = []
        let cycling = cleared
        for (let step = 0; step < 8; step++) {
          cycling = yield* viewer.click(cycling, idOf(cycling, "rank"))
          ranks.push(controlOf(cycling, "rank")?.label)
        }
        expect(ranks).toEqual([
          "S-Rank",
          "A-Rank",
          "B-Rank",
          "C-Rank",
          "D-Rank",
          "E-Rank",
          "F-Rank",
          "All Ranks"
        ])
        const sRank = yield* viewer.click(cycling, idOf(cycling, "rank"))
        // 47 ranked ratings: S takes 1% (none), A 7% (3).
        expect(rowsOf(sRank)).toEqual([])
        const aRank = yield* viewer.click(sRank, idOf(sRank, "rank"))
        expect(controlOf(aRank, "rank")?.style).toBe(1)
        expect(rowsOf(aRank).map((row) => row.slice(0, 7))).toEqual(["`   1.`", "`   2.`", "`   3.`"])
        expect(footerOf(aRank)).toContain("Page 1/1 • 3 players")

        const reset = yield* viewer.click(aRank, idOf(aRank, "clear"))
        const best = yield* viewer.click(reset, idOf(reset, "best"))
        expect(controlOf(best, "best")?.label).toBe("✅ Best Race Only")
        expect(footerOf(best)).toContain("• 45 players")
        const text = rowsOf(best).join("\n")
        expect(text).toContain("`2500`")
        expect(text).not.toContain("`1990`")
        expect(text.match(/Player2 /g)).toHaveLength(1)

        const nobody = yield* viewer.select(best, idOf(best, "countries1"), ["AR"])
        expect(nobody.embeds[0]?.fields[1]).toEqual({
          name: "Leaderboard:",
          value: "No players found.",
          inline: false
        })
        expect(footerOf(nobody)).toContain("Page 1/1 • 0 players")
      })
    )
  )

  it.scoped("removes the controls after 450 seconds, and keeps one live leaderboard per player", () =>
    scenario((fake, viewer) =>
      Effect.gen(function* () {
        const first = yield* viewer.command("leaderboard")
        const firstId = first.message?.id ?? ""
        yield* TestClock.adjust("200 seconds")
        const second = yield* viewer.command("leaderboard")
        yield* fake.waitFor(() => fake.message(firstId)?.components.length === 0 || undefined, {
          description: "the older leaderboard's controls removed"
        })
        const stale = yield* viewer.click(first, idOf(first, "next")).pipe(Effect.either)
        expect(stale._tag).toBe("Left")

        yield* TestClock.adjust("449 seconds")
        expect(fake.message(second.message?.id ?? "")?.components.length).toBeGreaterThan(0)
        const paged = yield* viewer.click(second, idOf(second, "next"))
        yield* TestClock.adjust("449 seconds")
        expect(fake.message(second.message?.id ?? "")?.components.length).toBeGreaterThan(0)
        yield* TestClock.adjust("2 seconds")
        yield* fake.waitFor(
          () => fake.message(second.message?.id ?? "")?.components.length === 0 || undefined,
          {
            description: "the leaderboard's controls removed after 450 s of inactivity"
          }
        )
        expect(footerOf(paged)).toContain("Page 2/2")
      })
    )
  )
})

describe("/profile through the fake Discord (test clock)", () => {
  it.scoped(
    "shows totals, per-race lines with rank and record, and 14/30/90-day windows from the matches",
    () =>
      scenario((fake, viewer) =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const match = (daysAgo: number, result: 0 | 1 | 2) =>
            sql`INSERT INTO matches ${sql.insert({
              season: "season_alpha",
              status: "completed",
              player1Uid: uidOf(1),
              player2Uid: uidOf(4),
              player1Race: "bw_zerg",
              player2Race: "bw_zerg",
              player1Mmr: 2000,
              player2Mmr: 1970,
              mapName: "Khione SEL",
              server: "USW",
              confirmDeadlineAt: NOW - daysAgo * DAY,
              result,
              createdAt: NOW - daysAgo * DAY,
              updatedAt: NOW - daysAgo * DAY
            })}`
          yield* match(3, 1)
          yield* match(20, 2)
          yield* match(20, 0)
          yield* match(60, 1)
          yield* match(200, 1)

          const own = yield* viewer.command("profile")
          expect(own.embeds[0]?.title).toBe("✅ Player Profile: Player1")
          const fields = fieldsOf(own.embeds[0])
          expect(fields["📈 Overall Statistics"]).toContain("**Total Games:** 4")
          expect(fields["📈 Overall Statistics"]).toContain("**Record:** 4W-0L-0D")
          expect(fields["📈 Overall Statistics"]).toContain("**Win Rate:** 100.0%")
          const bw = Object.entries(fields).find(([name]) => name.endsWith("Brood War MMR"))?.[1] ?? ""
          expect(bw).toContain("**BW Zerg:** 2000 MMR • 4W-0L-0D (100.0%)")
          expect(bw).toContain("Last 14 days: 1W-0L-0D (100.0%)")
          expect(bw).toContain("Last 30 days: 1W-1L-1D (33.3%)")
          expect(bw).toContain("Last 90 days: 2W-1L-1D (50.0%)")
          expect(bw).toContain("**BW Terran:** No MMR • No games played")
          expect(Object.keys(fields).some((name) => name.endsWith("StarCraft II MMR"))).toBe(false)
          expect(fields["📊 Account Status"]).toContain("3/3 match aborts remaining this month")

          const other = yield* viewer.command("profile", {
            user: fake.user({ username: "user4", id: uidOf(4) })
          })
          expect(other.embeds[0]?.title).toBe("✅ Player Profile: Player4")
          expect(fieldsOf(other.embeds[0])["📈 Overall Statistics"]).toBeDefined()
        })
      )
  )
})
