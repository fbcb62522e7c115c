/**
 * Whole matches end to end on a test clock: the real bot (gateway deployment's layers: dfx, SQLite,
 * matchmaker, job queue, replay parser) against the fake Discord. Two players queue, a wave pairs
 * them, they confirm, a replay is uploaded, checked and reported, ratings move by the reference
 * formula; plus the abort, abandon, conflict, one-sided-report and restart paths.
 */
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Option, TestClock } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { RatingsRepo } from "../../src/ladder/RatingsRepo.js"
import { corpusAvailable, readCorpusFile } from "../support/corpus.js"
import { evoReplay } from "../support/evoReplay.js"
import {
  FakeDiscord,
  type FakeDiscordServer,
  type FakeUser,
  type MessageView
} from "../../src/fakeDiscord/index.js"
import { withBot } from "./bot.js"
import { register } from "./staff.js"

/** Test time starts here: replays from 1970 would be refused as impossible dates. */
const NOON = Date.UTC(2026, 10, 29, 12, 0, 10)

const FIRST_VETOES = [
  "Celestial Enclave LE",
  "[SC:Evo] Holy World (홀리월드)",
  "Keres Passage SEL",
  "Mothership LE"
]
const SECOND_VETOES = [
  "[SC:Evo] Radeon (라데온)",
  "Ruby Rock LE",
  "[SC:Evo] Sylphid (실피드)",
  "[SC:Evo] Vermeer (버미어)"
]

const matchEnv = (fake: FakeDiscordServer, extra: Record<string, string> = {}) => ({
  EVOLADDER_PARSE_WORKERS: "0",
  EVOLADDER_MOD_HANDLE_LIST: "2025-11-07",
  EVOLADDER_REPLAY_DIR: mkdtempSync(join(tmpdir(), "evoladder-replays-")),
  EVOLADDER_ADMIN_MATCH_LOG_CHANNEL_ID: fake.channelId("match-log"),
  EVOLADDER_STAFF_ROLE_ID: "700000000000000007",
  ...extra
})

/** The bot on a fresh fake Discord, the test clock at noon; `body` gets the fake. */
const atNoonWithBot = <A, E, R>(body: (fake: FakeDiscordServer) => Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(NOON)
    const fake = yield* FakeDiscord.make()
    return yield* withBot(fake, matchEnv(fake), body(fake))
  })

/** `/queue`, the guide, one race, four vetoes, Join; returns the searching message. */
const queueUp = (
  user: FakeUser,
  race: { readonly bw?: string; readonly sc2?: string },
  vetoes: ReadonlyArray<string>
) =>
  Effect.gen(function* () {
    const setup = yield* user.command("queue")
    expect(setup.embeds[0]?.title).toBe("🎮 Matchmaking Queue")
    const read = yield* user.click(setup, "queue:guide")
    if (race.bw !== undefined) yield* user.select(read, "queue:bw", [race.bw])
    if (race.sc2 !== undefined) yield* user.select(read, "queue:sc2", [race.sc2])
    const vetoed = yield* user.select(read, "queue:vetoes", vetoes)
    expect(vetoed.embeds[0]?.fields.find((f) => f.name.startsWith("Vetoed Maps"))?.name).toBe(
      "Vetoed Maps (4/4)"
    )
    const searching = yield* user.click(vetoed, "queue:join")
    expect(searching.embeds[0]?.title).toBe("🔍 Searching...")
    return searching
  })

const titled = (user: FakeUser, title: string | RegExp) => (): MessageView | undefined =>
  user
    .dm()
    .find((m) =>
      m.embeds.some((e) => (typeof title === "string" ? e.title === title : title.test(e.title ?? "")))
    )

const waitForDm = (fake: FakeDiscordServer, user: FakeUser, title: string | RegExp) =>
  fake.waitFor(titled(user, title), {
    description: `${user.username} sees "${String(title)}"`,
    timeoutMs: 15_000
  })

/** Alice (BW Zerg) and Bob (SC2 Terran) queue and the next wave pairs them on Khione SEL. */
const pair = (fake: FakeDiscordServer, alice: FakeUser, bob: FakeUser) =>
  Effect.gen(function* () {
    yield* register(alice, "Alice", { region: "NAW", guideRead: false })
    yield* register(bob, "Bob", { region: "NAC", guideRead: false })
    yield* queueUp(alice, { bw: "bw_zerg" }, FIRST_VETOES)
    yield* queueUp(bob, { sc2: "sc2_terran" }, SECOND_VETOES)
    yield* TestClock.adjust("45 seconds")
    const prompt = yield* waitForDm(fake, alice, "⚔️ Match #1 Found!")
    yield* waitForDm(fake, bob, "⚔️ Match #1 Found!")
    return prompt
  })

const confirmBoth = (fake: FakeDiscordServer, alice: FakeUser, bob: FakeUser) =>
  Effect.gen(function* () {
    const alicePrompt = yield* waitForDm(fake, alice, "⚔️ Match #1 Found!")
    const confirmed = yield* alice.click(alicePrompt, "match:confirm:1")
    expect(confirmed.components.map((c) => [c.label, c.disabled])).toEqual([
      ["✅ Confirmed", true],
      ["🛑 Abort Match (3 left this month)", true]
    ])
    yield* waitForDm(fake, alice, "Match #1 - ✅ You Confirmed The Match!")
    yield* waitForDm(fake, bob, "Match #1 - ✅ Your Opponent Confirmed The Match!")
    yield* bob.click(yield* waitForDm(fake, bob, "⚔️ Match #1 Found!"), "match:confirm:1")
    yield* waitForDm(fake, alice, "✅ Match #1 Confirmed!")
    return yield* waitForDm(fake, alice, /^Match #1:/)
  })

/** The replay of match 1 as the game would have saved it: Alice (BW Zerg) beats Bob (Terran). */
const replayOfMatch = (startedAt: number, aliceWins = true) =>
  evoReplay({
    players: [
      { name: "Alice", race: "BW Zerg", result: aliceWins ? 1 : 2 },
      { name: "Bob", race: "Terran", result: aliceWins ? 2 : 1 }
    ],
    map: "Khione SEL",
    startedAt,
    durationSeconds: 720
  })

const ratingOf = (user: FakeUser, race: "bw_zerg" | "sc2_terran") =>
  Effect.flatMap(RatingsRepo, (ratings) =>
    Effect.map(ratings.find(Snowflake.make(user.id), race), (rating) =>
      Option.map(rating, (r) => [r.mmr, r.gamesPlayed])
    )
  )

const matchStatus = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(
    sql<{ readonly status: string }>`SELECT status FROM matches WHERE id = 1`,
    (rows) => rows[0]?.status
  )
)

const adminChannel = (fake: FakeDiscordServer) =>
  fake.messages(fake.channelId("match-log")).flatMap((m) => m.embeds.map((e) => e.title))

describe.skipIf(!corpusAvailable)("a whole match through the fake Discord (test clock)", () => {
  it.scoped("queue, wave, confirm, replay upload, automatic result, MMR by the reference formula", () =>
    Effect.gen(function* () {
      yield* atNoonWithBot((fake) =>
        Effect.gen(function* () {
          const alice = fake.user({ username: "alice" })
          const bob = fake.user({ username: "bob" })
          yield* pair(fake, alice, bob)
          expect(titled(alice, "Match #1 Found!")()?.embeds[0]?.description).toBe(
            "Your match is ready! See below for full details."
          )
          const view = yield* confirmBoth(fake, alice, bob)
          const text = view.embeds[0]?.fields.map((f) => `${f.name}\n${f.value}`).join("\n") ?? ""
          expect(view.embeds[0]?.title).toContain("Alice (1500) vs")
          expect(text).toContain("Map: **Khione SEL**")
          expect(text).toContain("BattleTag: `Bob#1234`")
          expect(text).toContain("Server: **Central United States (Americas)**")
          expect(text).toContain("In-Game Channel: **scevo01**")
          expect(text).toContain("Replay Uploaded: No")
          expect(view.components.every((c) => c.disabled)).toBe(true)

          const found = yield* Clock.currentTimeMillis
          yield* alice.sendDm({
            attachments: [{ filename: "Khione SEL.SC2Replay", bytes: replayOfMatch(found + 60_000) }]
          })
          yield* waitForDm(fake, alice, "📥 Replay Received")
          const details = yield* waitForDm(fake, alice, "📄 Replay Details")
          expect(details.embeds[0]?.fields.find((f) => f.name === "Verdict")?.value).toContain(
            "Verification Complete"
          )
          const finalized = yield* waitForDm(fake, bob, "🏆 Match #1 Result Finalized")
          expect(finalized.embeds[0]?.fields.find((f) => f.name === "MMR Changes:")?.value).toBe(
            "Alice: +20 (1500 → 1520)\nBob: -20 (1500 → 1480)"
          )
          yield* waitForDm(fake, alice, "🏆 Match #1 Result Finalized")
          expect(yield* ratingOf(alice, "bw_zerg")).toEqual(Option.some([1520, 1]))
          expect(yield* ratingOf(bob, "sc2_terran")).toEqual(Option.some([1480, 1]))
          expect(yield* matchStatus).toBe("completed")
          yield* fake.waitFor(
            () => adminChannel(fake).includes("🏆 Match #1 Result Finalized") || undefined,
            {
              description: "the result in the admin channel"
            }
          )
          const board = yield* alice.command("leaderboard")
          expect(board.embeds[0]?.fields.map((f) => f.value).join("\n")).toContain("`1520`")
          fake.assertNoViolations()
        })
      )
    })
  )

  it.scoped(
    "real replays that do not fit, wrong files, and uploads without a match are refused clearly",
    () =>
      Effect.gen(function* () {
        yield* atNoonWithBot((fake) =>
          Effect.gen(function* () {
            const alice = fake.user({ username: "alice" })
            const bob = fake.user({ username: "bob" })
            yield* register(alice, "Alice", { region: "NAW", guideRead: false })
            const early = yield* alice.command("replay", {
              file: { filename: "game.SC2Replay", bytes: new Uint8Array(16) }
            })
            expect(early.embeds[0]?.title).toBe("❌ Replay Not Accepted")
            expect(early.embeds[0]?.description).toContain("no match in progress")
            yield* pair(fake, alice, bob)
            const busy = yield* alice.command("queue")
            expect(busy.embeds[0]?.description).toContain("Currently in Match #1")
            yield* confirmBoth(fake, alice, bob)
            yield* alice.sendDm({
              attachments: [{ filename: "notes.txt", bytes: new TextEncoder().encode("gg") }]
            })
            yield* alice.sendDm({ content: "gg wp" })
            const solo = readCorpusFile("evo/Khione SEL (Official NA).SC2Replay")
            const answer = yield* alice.command("replay", {
              file: { filename: "Khione SEL (Official NA).SC2Replay", bytes: solo }
            })
            expect(answer.embeds[0]?.title).toBe("📥 Replay Received")
            const details = yield* waitForDm(fake, alice, "📄 Replay Details")
            expect(details.embeds[0]?.fields.find((f) => f.name === "Verdict")?.value).toContain(
              "Expected 2 players, but the replay has 1."
            )
            const junk = yield* alice.command("replay", {
              file: { filename: "broken.SC2Replay", bytes: new Uint8Array(64) }
            })
            expect(junk.embeds[0]?.title).toBe("📥 Replay Received")
            const failed = yield* waitForDm(fake, alice, "❌ Replay Parsing Failed")
            expect(failed.embeds[0]?.fields[0]?.value).toContain("not a StarCraft II replay")
            const view = titled(alice, /^Match #1:/)()
            expect(view?.components.every((c) => c.disabled)).toBe(true)
            expect(yield* matchStatus).toBe("in_progress")
            fake.assertNoViolations()
          })
        )
      })
  )

  it.scoped(
    "a Brood War Protoss match shows the Shield Battery notice 15 s in; I Understand records it",
    () =>
      Effect.gen(function* () {
        yield* atNoonWithBot((fake) =>
          Effect.gen(function* () {
            const alice = fake.user({ username: "alice" })
            const bob = fake.user({ username: "bob" })
            yield* register(alice, "Alice", { region: "NAW", guideRead: false })
            yield* register(bob, "Bob", { region: "NAC", guideRead: false })
            yield* queueUp(alice, { bw: "bw_protoss" }, FIRST_VETOES)
            yield* queueUp(bob, { sc2: "sc2_terran" }, SECOND_VETOES)
            yield* TestClock.adjust("45 seconds")
            yield* waitForDm(fake, alice, "⚔️ Match #1 Found!")
            expect(titled(alice, "⚠️ Shield Battery Bug")()).toBeUndefined()
            yield* TestClock.adjust("15 seconds")
            const notice = yield* waitForDm(fake, alice, "⚠️ Shield Battery Bug")
            yield* waitForDm(fake, bob, "⚠️ Shield Battery Bug")
            const acknowledged = yield* alice.click(notice, "match:shield:1")
            expect(acknowledged.embeds[0]?.fields.map((f) => f.name)).toEqual(["✅ Acknowledged"])
            expect(acknowledged.components).toEqual([])
            const player = yield* Effect.flatMap(PlayersRepo, (players) =>
              players.findByUid(Snowflake.make(alice.id))
            )
            expect(Option.map(player, (p) => p.shieldBatteryAck)).toEqual(Option.some(true))
            fake.assertNoViolations()
          })
        )
      })
  )

  it.scoped("a player still searching after 2.5 hours leaves the queue and is told so", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOON)
      // 2.5 hours of waves pass in one instant of the test clock, each editing the searching
      // message: per-second limits (the fake's buckets, dfx's global limit) would wait on a clock
      // that no longer moves, so both are out of reach here.
      const unlimited = 1_000_000
      const fake = yield* FakeDiscord.make({ rateLimit: { limit: unlimited, resetAfterSeconds: 1 } })
      yield* withBot(
        fake,
        matchEnv(fake, { DISCORD_GLOBAL_RATE_LIMIT: String(unlimited) }),
        Effect.gen(function* () {
          const alice = fake.user({ username: "alice" })
          yield* register(alice, "Alice", { region: "NAW", guideRead: false })
          const searching = yield* queueUp(alice, { bw: "bw_zerg" }, FIRST_VETOES)
          yield* TestClock.adjust("149 minutes")
          expect(fake.message(searching.message?.id ?? "")?.embeds[0]?.title).toBe("🔍 Searching...")
          yield* TestClock.adjust("1 minute")
          const timedOut = yield* fake.waitFor(
            () => {
              const message = fake.message(searching.message?.id ?? "")
              return message?.embeds[0]?.title === "⌛ Queue Timed Out" ? message : undefined
            },
            { description: "the searching message turned into the timeout notice" }
          )
          expect(timedOut.embeds[0]?.description).toContain("You were searching for 2h 30m without a match")
          expect(timedOut.components).toEqual([])
          const state = yield* Effect.flatMap(PlayersRepo, (players) =>
            players.findByUid(Snowflake.make(alice.id))
          )
          expect(Option.map(state, (p) => p.state)).toEqual(Option.some("idle"))
          fake.assertNoViolations()
        })
      )
    })
  )

  it.scoped("abort: pressed twice before confirming costs one of three aborts and releases both", () =>
    Effect.gen(function* () {
      yield* atNoonWithBot((fake) =>
        Effect.gen(function* () {
          const alice = fake.user({ username: "alice" })
          const bob = fake.user({ username: "bob" })
          const prompt = yield* pair(fake, alice, bob)
          const armed = yield* alice.click(prompt, "match:abort:1")
          expect(armed.components.map((c) => c.label)).toEqual([
            "✅ Confirm Match",
            "Confirm Abort (3 remaining)"
          ])
          const aborted = yield* alice.click(armed, "match:abortconfirm:1")
          expect(aborted.embeds[0]?.title).toBe("🛑 Match #1 Aborted")
          yield* fake.waitFor(() => titled(bob, "🛑 Match #1 Aborted")() ?? undefined, {
            description: "bob's prompt turned into the abort notice"
          })
          expect(yield* matchStatus).toBe("aborted")
          const profile = yield* alice.command("profile")
          expect(profile.embeds[0]?.fields.map((f) => f.value).join("\n")).toContain(
            "2/3 match aborts remaining"
          )
          const again = yield* bob.command("queue")
          expect(again.embeds[0]?.title).toBe("🎮 Matchmaking Queue")
          fake.assertNoViolations()
        })
      )
    })
  )

  it.scoped("abandon: nobody confirms in 60 s, reminders at 20 s, no abort spent", () =>
    Effect.gen(function* () {
      yield* atNoonWithBot((fake) =>
        Effect.gen(function* () {
          const alice = fake.user({ username: "alice" })
          const bob = fake.user({ username: "bob" })
          yield* pair(fake, alice, bob)
          yield* TestClock.adjust("20 seconds")
          yield* waitForDm(fake, alice, "⏰ Match Confirmation Reminder")
          yield* waitForDm(fake, bob, "⏰ Match Confirmation Reminder")
          yield* TestClock.adjust("40 seconds")
          yield* waitForDm(fake, alice, "🛑 Match #1 Abandoned")
          expect(yield* matchStatus).toBe("abandoned")
          const bobs = yield* waitForDm(fake, bob, "🛑 Match #1 Abandoned")
          expect(bobs.embeds[0]?.description).toContain("neither player confirmed in time")
          const profile = yield* alice.command("profile")
          expect(profile.embeds[0]?.fields.map((f) => f.value).join("\n")).toContain(
            "3/3 match aborts remaining"
          )
          fake.assertNoViolations()
        })
      )
    })
  )

  it.scoped("conflict: a replay too far from the match unlocks manual reports, which disagree", () =>
    Effect.gen(function* () {
      yield* atNoonWithBot((fake) =>
        Effect.gen(function* () {
          const alice = fake.user({ username: "alice" })
          const bob = fake.user({ username: "bob" })
          yield* pair(fake, alice, bob)
          yield* confirmBoth(fake, alice, bob)
          const found = yield* Clock.currentTimeMillis
          const late = replayOfMatch(found + 30 * 60_000)
          for (const user of [alice, bob]) {
            yield* user.sendDm({ attachments: [{ filename: "late.SC2Replay", bytes: late }] })
            const details = yield* waitForDm(fake, user, "📄 Replay Details")
            expect(details.embeds[0]?.fields.find((f) => f.name === "Verdict")?.value).toContain(
              "Verification Issues"
            )
          }
          const report = (user: FakeUser, value: string) =>
            Effect.gen(function* () {
              const view = yield* fake.waitFor(
                () => {
                  const found = titled(user, /^Match #1:/)()
                  return found?.components.find((c) => c.customId === "match:result:1")?.disabled === false
                    ? found
                    : undefined
                },
                { description: `${user.username}'s report selects unlocked` }
              )
              const chosen = yield* user.select(view, "match:result:1", [value])
              return yield* user.select(chosen, "match:reportconfirm:1", [value])
            })
          yield* report(alice, "1")
          yield* waitForDm(fake, bob, "Match #1 - 📝 Your Opponent Reported")
          yield* report(bob, "2")
          const conflict = yield* waitForDm(fake, alice, "⚠️ Match #1 Result Conflict")
          expect(conflict.embeds[0]?.fields.map((f) => f.value)).toContain("Alice victory")
          expect(yield* matchStatus).toBe("conflict")
          const logged = yield* fake.waitFor(
            () =>
              fake
                .messages(fake.channelId("match-log"))
                .find((m) => m.embeds[0]?.title === "⚠️ Match #1 Result Conflict"),
            { description: "the conflict in the admin channel" }
          )
          expect(logged.content).toBe("<@&700000000000000007>")
          expect(yield* ratingOf(alice, "bw_zerg")).toEqual(Option.some([1500, 0]))
          fake.assertNoViolations()
        })
      )
    })
  )

  it.scoped("one-sided report: a lone report stands after 24 hours", () =>
    Effect.gen(function* () {
      yield* atNoonWithBot((fake) =>
        Effect.gen(function* () {
          const alice = fake.user({ username: "alice" })
          const bob = fake.user({ username: "bob" })
          yield* pair(fake, alice, bob)
          const view = yield* confirmBoth(fake, alice, bob)
          expect(view.embeds[0]?.fields.map((f) => f.value).join("\n")).toContain("that report stands")
          const found = yield* Clock.currentTimeMillis
          yield* bob.sendDm({
            attachments: [{ filename: "late.SC2Replay", bytes: replayOfMatch(found + 45 * 60_000, false) }]
          })
          const unlocked = yield* fake.waitFor(
            () => {
              const found = titled(bob, /^Match #1:/)()
              return found?.components.find((c) => c.customId === "match:result:1")?.disabled === false
                ? found
                : undefined
            },
            { description: "bob's report selects unlocked" }
          )
          const chosen = yield* bob.select(unlocked, "match:result:1", ["2"])
          yield* bob.select(chosen, "match:reportconfirm:1", ["2"])
          yield* TestClock.adjust("24 hours")
          const finalized = yield* waitForDm(fake, alice, "🏆 Match #1 Result Finalized")
          expect(finalized.embeds[0]?.fields.find((f) => f.name === "Result:")?.value).toContain("Bob")
          expect(yield* ratingOf(bob, "sc2_terran")).toEqual(Option.some([1520, 1]))
          fake.assertNoViolations()
        })
      )
    })
  )

  it.scoped("restart in the middle: the queue, the match, its buttons and its deadline survive", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(NOON)
      const fake = yield* FakeDiscord.make()
      const env = matchEnv(fake, {
        EVOLADDER_DB: join(mkdtempSync(join(tmpdir(), "evoladder-e2e-")), "ladder.sqlite")
      })
      const alice = fake.user({ username: "alice" })
      const bob = fake.user({ username: "bob" })
      yield* withBot(fake, env, pair(fake, alice, bob))
      // The bot is down; it comes back on the same database.
      yield* withBot(
        fake,
        env,
        Effect.gen(function* () {
          yield* fake.waitForReady()
          yield* confirmBoth(fake, alice, bob)
        })
      )
      yield* withBot(
        fake,
        env,
        Effect.gen(function* () {
          yield* fake.waitForReady()
          const found = yield* Effect.map(
            Effect.flatMap(
              SqlClient.SqlClient,
              (sql) => sql<{ readonly createdAt: number }>`SELECT created_at FROM matches WHERE id = 1`
            ),
            (rows) => rows[0]?.createdAt ?? 0
          )
          yield* bob.sendDm({
            attachments: [{ filename: "game.SC2Replay", bytes: replayOfMatch(found + 60_000) }]
          })
          yield* waitForDm(fake, bob, "🏆 Match #1 Result Finalized")
          expect(yield* matchStatus).toBe("completed")
        })
      )
      fake.assertNoViolations()
    })
  )
})
