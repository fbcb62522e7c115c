/**
 * Every player command of the Discord front door, end to end: the real dfx client and handlers
 * against the fake Discord, through the gateway and through signed HTTP interactions.
 */
import { SqlClient } from "@effect/sql"
import { describe, expect, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { buttonsOf, FakeDiscord, fieldsOf, textOf } from "../../src/fakeDiscord/index.js"
import { suite, type FrontDoor } from "./bot.js"

const playerOf = (id: string) =>
  Effect.flatMap(PlayersRepo, (players) =>
    Effect.map(players.findByUid(Snowflake.make(id)), Option.getOrThrow)
  )

const logFor = (id: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql<{ readonly setting: string; readonly newValue: string | null }>`
      SELECT setting, new_value FROM player_action_logs WHERE discord_uid = ${id} ORDER BY id`
  )

const callsOf = (id: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<{
        readonly command: string
      }>`SELECT command FROM command_calls WHERE discord_uid = ${id} ORDER BY id`
  )

const doors: ReadonlyArray<FrontDoor> = ["gateway", "webhook"]

describe.each(doors)("player commands through the %s", (door) => {
  layer(suite(door), { excludeTestServices: true, timeout: "60 seconds" })((it) => {
    it.effect("registers every player command, usable in DMs", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const commands = yield* fake.waitForCommands([
          "termsofservice",
          "setup",
          "setcountry",
          "profile",
          "help",
          "prune"
        ])
        expect(commands.map((command) => command.name).sort()).toEqual(
          [
            "admin",
            "owner",
            "help",
            "leaderboard",
            "profile",
            "prune",
            "queue",
            "replay",
            "setcountry",
            "setup",
            "termsofservice"
          ].sort()
        )
      })
    )

    it.effect("refuses commands in a server channel with the DM-only notice, and Close removes it", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const guest = fake.user({ username: `guest-${door}` })
        const reply = yield* guest.command("help", {}, { in: "guild" })
        expect(reply.ephemeral).toBe(true)
        expect(reply.embeds[0]?.title).toBe("❌ DM Only Command")
        yield* guest.click(reply, "close", { until: "ack" })
        yield* fake.waitFor(() => fake.message(reply.message?.id ?? "")?.deleted, {
          description: "the notice deleted"
        })
        fake.assertNoViolations()
      })
    )

    it.effect("asks for the terms first, records accepting and declining with the date and in the log", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const alice = fake.user({ username: `alice-${door}` })
        const refused = yield* alice.command("profile")
        expect(refused.embeds[0]?.title).toBe("❌ Terms of Service Required")
        expect(refused.ephemeral).toBe(false)

        const terms = yield* alice.command("termsofservice")
        expect(terms.embeds[0]?.title).toBe(
          "📋 Terms of Service, User Conduct, Privacy Policy, Refund Policy"
        )
        expect(textOf(terms.message)).toContain("https://www.scevo.net/ladder/tos")
        const declined = yield* alice.click(terms, "tos:decline")
        expect(declined.embeds[0]?.title).toBe("❌ Terms of Service Declined")
        const again = yield* alice.command("termsofservice")
        const accepted = yield* alice.click(again, "tos:accept")
        expect(accepted.embeds[0]?.title).toBe("✅ Terms of Service Confirmed")

        const player = yield* playerOf(alice.id)
        expect(player.acceptedTos).toBe(true)
        expect(player.acceptedTosAt).not.toBeNull()
        expect(yield* logFor(alice.id)).toEqual([
          { setting: "accepted_tos", newValue: "false" },
          { setting: "accepted_tos", newValue: "true" }
        ])
        expect((yield* callsOf(alice.id)).map((call) => call.command)).toEqual([
          "profile",
          "termsofservice",
          "termsofservice"
        ])
        fake.assertNoViolations()
      })
    )

    it.effect(
      "runs setup: each validation error with Try Again prefilled, then country, region, preview, confirm",
      () =>
        Effect.gen(function* () {
          const fake = yield* FakeDiscord
          const bob = fake.user({ username: `bob-${door}` })
          const terms = yield* bob.command("termsofservice")
          yield* bob.click(terms, "tos:accept")

          const opened = yield* bob.command("setup")
          expect(opened.modal?.title).toBe("Player Setup")
          const errors: ReadonlyArray<[Record<string, string>, string, string]> = [
            [{ user_id: "Bob1" }, "❌ Invalid User ID", "Main ID must contain only English letters"],
            [{ user_id: " Bo" }, "❌ Invalid User ID", "User ID must be at least 3 characters long."],
            [{ battletag: "Bob1234" }, "❌ Invalid BattleTag", "exactly one '#'"],
            [{ battletag: "Bob#12" }, "❌ Invalid BattleTag", "3 to 12 digits"],
            [{ alt_id_1: "Bob" }, "❌ Duplicate IDs", "must all be different"]
          ]
          let reply = opened
          let filled: Record<string, string> = { user_id: "Bob", battletag: "Bob#1234" }
          for (const [values, title, message] of errors) {
            const answer = yield* bob.submitModal(reply, { ...filled, alt_id_1: "", ...values })
            expect(answer.embeds[0]?.title).toBe(title)
            expect(answer.embeds[0]?.description).toContain(message)
            const retry = answer.components.find((c) => c.label === "🔄 Try Again")
            reply = yield* bob.click(answer, retry?.customId ?? "")
            const prefilled = Object.fromEntries(
              (reply.modal?.inputs ?? []).map((input) => [input.customId, input.value])
            )
            expect(prefilled).toMatchObject({ ...filled, ...values })
            filled = { user_id: "Bob", battletag: "Bob#1234" }
          }

          const selection = yield* bob.submitModal(reply, {
            user_id: "Bob",
            battletag: "Bob#1234",
            alt_id_1: "바비밥",
            alt_id_2: ""
          })
          expect(selection.embeds[0]?.title).toBe("⚙️ Setup - Country & Region Selection")
          const id = (prefix: string) =>
            selection.components.find((c) => c.customId?.startsWith(prefix))?.customId ?? ""
          const page1 = selection.components.find((c) => c.customId?.startsWith("setup:country1:"))
          const page2 = selection.components.find((c) => c.customId?.startsWith("setup:country2:"))
          expect(page1?.options).toHaveLength(25)
          expect(page2?.options.at(-1)?.label).toBe("Other")
          const early = yield* bob.click(selection, id("setup:review:"))
          expect(early.embeds[0]?.title).toBe("❌ Please select both country and region before confirming.")
          const back = yield* bob.click(early, early.components[0]?.customId ?? "")
          yield* bob.select(back, id("setup:country2:"), ["KR"])
          const withRegion = yield* bob.select(back, id("setup:region:"), ["KRJ"])
          expect(withRegion.embeds[0]?.description).toContain("South Korea")
          const preview = yield* bob.click(withRegion, id("setup:review:"))
          expect(preview.embeds[0]?.title).toBe("🔍 Preview Setup Information")
          expect(fieldsOf(preview.embeds[0])).toMatchObject({
            ":id: User ID": "Bob",
            ":hash: BattleTag": "Bob#1234",
            ":id: Alternative IDs": "바비밥"
          })
          const done = yield* bob.click(
            preview,
            preview.components.find((c) => c.label === "✅ Confirm")?.customId ?? ""
          )
          expect(done.embeds[0]?.title).toBe("✅ Setup Complete!")
          expect(buttonsOf(done).map((b) => b.label)).toEqual(["🔄 Setup Again"])

          const player = yield* playerOf(bob.id)
          expect(player).toMatchObject({
            playerName: "Bob",
            battletag: "Bob#1234",
            altPlayerName1: "바비밥",
            altPlayerName2: null,
            country: "KR",
            region: "KRJ",
            completedSetup: true
          })
          expect((yield* logFor(bob.id)).map((row) => row.setting)).toEqual([
            "accepted_tos",
            "player_name",
            "battletag",
            "alt_player_name1",
            "country",
            "region",
            "completed_setup"
          ])
          const again = yield* bob.click(done, "setup:again")
          expect(again.modal?.inputs.find((input) => input.customId === "user_id")?.value).toBe("Bob")
          fake.assertNoViolations()
        })
    )

    it.effect("sets any country through autocomplete, refuses an unknown one, previews and confirms", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const carol = fake.user({ username: `carol-${door}` })
        yield* carol.click(yield* carol.command("termsofservice"), "tos:accept")
        const choices = yield* carol.autocomplete("setcountry", "country", "ger")
        expect(choices.map((c) => c.value)).toContain("DE")
        expect((yield* carol.autocomplete("setcountry", "country", "")).length).toBe(25)
        const unknown = yield* carol.command("setcountry", { country: "Atlantis" })
        expect(unknown.embeds[0]?.title).toBe("❌ Invalid Country Selection")
        const byName = yield* carol.command("setcountry", { country: "nonrepresenting" })
        expect(byName.embeds[0]?.title).toBe("🔍 Preview Country Selection")
        expect(textOf(byName.message)).toContain("Nonrepresenting (XX)")
        const preview = yield* carol.command("setcountry", { country: "TG" })
        const confirmed = yield* carol.click(preview, "setcountry:confirm:TG")
        expect(confirmed.embeds[0]?.title).toBe("✅ Country Updated")
        expect((yield* playerOf(carol.id)).country).toBe("TG")
        const cancelled = yield* carol.click(byName, "setcountry:cancel")
        expect(cancelled.content).toContain("cancelled")
        expect((yield* playerOf(carol.id)).country).toBe("TG")
        fake.assertNoViolations()
      })
    )

    it.effect("shows profiles: one's own, and another player's only once they are set up", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const dave = fake.user({ username: `dave-${door}` })
        const erin = fake.user({ username: `erin-${door}` })
        yield* dave.click(yield* dave.command("termsofservice"), "tos:accept")
        const own = yield* dave.command("profile")
        expect(own.embeds[0]?.title).toBe(`⚠️ Player Profile: dave-${door}`)
        expect(textOf(own.message)).toContain("No ranked games played yet")
        expect(textOf(own.message)).toContain("3/3 match aborts remaining this month")
        const stranger = yield* dave.command("profile", { user: erin })
        expect(stranger.embeds[0]?.title).toBe("❌ Profile Not Available")
        fake.assertNoViolations()
      })
    )

    it.effect("refuses banned players with the ban notice", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const mallory = fake.user({ username: `mallory-${door}` })
        yield* mallory.click(yield* mallory.command("termsofservice"), "tos:accept")
        yield* Effect.flatMap(PlayersRepo, (players) =>
          players.updateSettings(Snowflake.make(mallory.id), { isBanned: true }, "admin:100000000000000000")
        )
        for (const command of ["help", "profile", "setup", "termsofservice"]) {
          const reply = yield* mallory.command(command)
          expect(reply.embeds[0]?.title).toBe("🚫 Account Banned")
        }
      })
    )

    it.effect("keeps the Discord username in sync and logs the change", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const frank = fake.user({ username: `frank-${door}` })
        yield* frank.command("help")
        const renamed = fake.user({ id: frank.id, username: `franky-${door}` })
        const help = yield* renamed.command("help")
        expect(help.embeds[0]?.title).toBe("🤖 SC: Evo Complete Ladder Bot Help")
        expect((yield* playerOf(frank.id)).discordUsername).toBe(`franky-${door}`)
        expect(yield* logFor(frank.id)).toEqual([{ setting: "discord_username", newValue: `franky-${door}` }])
      })
    )

    it.effect("prunes the bot's own old messages after a confirmation, keeping recent and live ones", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const gail = fake.user({ username: `gail-${door}` })
        yield* gail.click(yield* gail.command("termsofservice"), "tos:accept")
        const nothing = yield* gail.command("prune")
        expect(nothing.embeds[0]?.title).toBe("✅ No Messages to Prune")
        const hour = 60 * 60 * 1000
        for (const age of [5, 4, 4])
          fake.seedMessage({ channelId: gail.dmChannelId, content: `old ${age}h`, ageMs: age * hour })
        fake.seedMessage({ channelId: gail.dmChannelId, author: gail, content: "mine", ageMs: 6 * hour })
        fake.seedMessage({ channelId: gail.dmChannelId, content: "recent", ageMs: hour })
        const asked = yield* gail.command("prune")
        expect(asked.embeds[0]?.title).toBe("🗑️ Confirm Message Deletion")
        expect(asked.embeds[0]?.description).toContain("**3** old message(s)")
        const confirm = asked.components.find((c) => c.label === "✅ Confirm")?.customId ?? ""
        yield* gail.click(asked, confirm)
        const done = yield* fake.waitFor(
          () => gail.dm().find((m) => m.embeds[0]?.title === "✅ Messages Pruned"),
          { description: "the prune summary" }
        )
        expect(done.embeds[0]?.description).toContain("Deleted **3**")
        const left = gail
          .dm()
          .map((m) => m.content)
          .filter((content) => content !== "")
        expect(left).toEqual(["mine", "recent"])
        fake.assertNoViolations()
      })
    )
  })

  if (door === "webhook") {
    layer(suite(door), { excludeTestServices: true, timeout: "60 seconds" })((it) => {
      it.effect(
        "answers 401 to forged, tampered, stale and unsigned requests, which never reach a handler",
        () =>
          Effect.gen(function* () {
            const fake = yield* FakeDiscord
            const url = fake.webhook.endpoint() ?? ""
            for (const mode of ["forged", "tampered", "stale", "missing"] as const) {
              const answer = yield* fake.webhook.send(url, mode)
              expect([mode, answer.status]).toEqual([mode, 401])
            }
            const fiveMinutesOld = yield* fake.webhook.stale(url, undefined, 301)
            expect(fiveMinutesOld.status).toBe(401)
            const valid = yield* fake.webhook.send(url, "valid")
            expect(valid.status).toBe(200)
          })
      )
    })
  }
})
