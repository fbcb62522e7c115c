/**
 * `/admin …` and `/owner admin` end to end: the real bot (gateway deployment's layers) against the
 * fake Discord. Every subcommand is refused to non-staff; every change shows a public confirmation
 * that only its admin can press, writes its audit row, DMs the players concerned and is posted to
 * the admin match-log channel.
 */
import { SqlClient } from "@effect/sql"
import { describe, expect, layer } from "@effect/vitest"
import { Effect, Option } from "effect"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { MatchService } from "../../src/ladder/matches/MatchService.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { QueueRepo } from "../../src/ladder/queue/QueueRepo.js"
import { RatingsRepo } from "../../src/ladder/RatingsRepo.js"
import { StaffRepo } from "../../src/ladder/StaffRepo.js"
import { corpusAvailable } from "../support/corpus.js"
import { evoReplay } from "../support/evoReplay.js"
import { FakeDiscord, type FakeUser } from "../../src/fakeDiscord/index.js"
import {
  ADMIN_ID,
  confirmedCommand,
  dmTitled,
  lastAudit,
  loggedTitled,
  matchBetween,
  OWNER_ID,
  people,
  playedAndReported,
  queueBroodWar,
  register,
  staffSuite
} from "./staff.js"

const playerOf = (user: FakeUser) =>
  Effect.flatMap(PlayersRepo, (players) =>
    Effect.map(players.findByUid(Snowflake.make(user.id)), Option.getOrThrow)
  )

const ratingOf = (user: FakeUser, race: "bw_zerg" | "sc2_terran") =>
  Effect.flatMap(RatingsRepo, (ratings) =>
    Effect.map(ratings.find(Snowflake.make(user.id), race), Option.getOrThrow)
  )

const fieldsText = (reply: {
  readonly embeds: ReadonlyArray<{
    readonly fields: ReadonlyArray<{ readonly name: string; readonly value: string }>
  }>
}) => reply.embeds.flatMap((embed) => embed.fields.map((f) => `${f.name}: ${f.value}`)).join("\n")

describe("admin tools through the gateway", () => {
  layer(staffSuite("gateway"), { excludeTestServices: true, timeout: "90 seconds" })((it) => {
    it.effect("registers /admin and /owner; refuses every subcommand to non-staff, privately", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        yield* fake.waitForCommands(["admin", "owner"])
        const { admin, stranger } = yield* people(fake)
        const calls: ReadonlyArray<readonly [string, Record<string, string | number>]> = [
          ["admin snapshot", {}],
          ["admin player", { user: "x" }],
          ["admin match", { match_id: 1 }],
          ["admin resolve", { match_id: 1, winner: 1, reason: "r" }],
          ["admin adjust_mmr", { user: "x", race: "bw_zerg", operation: "add", value: 1, reason: "r" }],
          ["admin remove_queue", { user: "x", reason: "r" }],
          ["admin unblock_queue", { user: "x", reason: "r" }],
          ["admin ban", { user: "x", reason: "r" }],
          ["admin reset_aborts", { user: "x", new_count: 1, reason: "r" }],
          ["admin clear_queue", { reason: "r" }],
          ["admin job_stats", {}],
          ["admin dead_jobs", {}],
          ["admin redrive_job", { job_id: 1, reason: "r" }]
        ]
        for (const [command, options] of calls) {
          for (const where of ["guild", "dm"] as const) {
            const denied = yield* stranger.command(command, options, { in: where })
            expect(denied.ephemeral, command).toBe(true)
            expect(denied.embeds[0]?.title, command).toBe("🚫 Admin Access Denied")
          }
        }
        const notOwner = yield* admin.command(
          "owner admin",
          { user: stranger.id, reason: "r" },
          { in: "guild" }
        )
        expect([notOwner.ephemeral, notOwner.embeds[0]?.title]).toEqual([true, "🚫 Owner Access Denied"])
        const sql = yield* SqlClient.SqlClient
        const recorded = yield* sql<{ readonly command: string }>`
          SELECT command FROM command_calls WHERE discord_uid = ${stranger.id} ORDER BY id LIMIT 2`
        expect(recorded.map((row) => row.command)).toEqual(["admin snapshot", "admin snapshot"])
        fake.assertNoViolations()
      })
    )

    it.effect(
      "/owner admin grants and takes back admin status: confirmation, DM, audit; owners protected",
      () =>
        Effect.gen(function* () {
          const fake = yield* FakeDiscord
          const { owner, admin, stranger } = yield* people(fake)
          const helper = fake.user({ username: "helper" })
          const granted = yield* confirmedCommand(
            owner,
            admin,
            "owner admin",
            { user: `<@${helper.id}>`, reason: "new moderator" },
            "👑 Owner: Confirm Admin Status Change"
          )
          expect(granted.embeds[0]?.title).toBe("✅ Owner: Admin Status Changed")
          expect(yield* (yield* StaffRepo).roleOf(Snowflake.make(helper.id))).toEqual(Option.some("admin"))
          yield* dmTitled(fake, helper, "👑 Admin Status Added")
          yield* loggedTitled(fake, "✅ Owner: Admin Status Changed")
          expect(yield* lastAudit).toMatchObject({
            adminUid: OWNER_ID,
            action: "toggle_admin_status",
            targetUid: helper.id,
            before: { role: null },
            after: { role: "admin" },
            reason: "new moderator"
          })
          // The new admin can use admin commands at once (no restart, no file).
          const snapshot = yield* helper.command("admin snapshot", {}, { in: "guild" })
          expect(snapshot.embeds[0]?.title).toBe("🔍 Admin System Snapshot")

          yield* confirmedCommand(
            owner,
            stranger,
            "owner admin",
            { user: helper.id, reason: "stepped down" },
            "👑 Owner: Confirm Admin Status Change"
          )
          yield* dmTitled(fake, helper, "📋 Admin Status Removed")
          expect(yield* lastAudit).toMatchObject({ action: "toggle_admin_status", after: { role: null } })
          const denied = yield* helper.command("admin snapshot", {}, { in: "guild" })
          expect(denied.embeds[0]?.title).toBe("🚫 Admin Access Denied")

          const protectedOwner = yield* owner.command(
            "owner admin",
            { user: OWNER_ID, reason: "x" },
            { in: "guild" }
          )
          expect([protectedOwner.ephemeral, protectedOwner.embeds[0]?.description]).toEqual([
            true,
            "Cannot modify owner status for theowner."
          ])
          const unknown = yield* owner.command(
            "owner admin",
            { user: "nobody-at-all", reason: "x" },
            { in: "guild" }
          )
          expect([unknown.ephemeral, unknown.embeds[0]?.description]).toEqual([
            true,
            "Could not find user: nobody-at-all"
          ])
          fake.assertNoViolations()
        })
    )

    it.effect("/admin snapshot, player, job_stats and dead_jobs show the state publicly", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin } = yield* people(fake)
        const queued = fake.user({ username: "queuedzerg" })
        yield* register(queued, "Zergling")
        yield* queueBroodWar(queued)
        const snapshot = yield* admin.command("admin snapshot", {}, { in: "guild" })
        expect(snapshot.ephemeral).toBe(false)
        expect(snapshot.embeds.map((embed) => embed.title)).toEqual([
          "🔍 Admin System Snapshot",
          "🎮 Queue Status",
          "⚔️ Active Matches"
        ])
        expect(snapshot.embeds[1]?.description).toMatch(/`U Z1 - -- US Zergling____` `\s+\d+s`/)

        for (const name of [`<@${queued.id}>`, queued.id, "QUEUEDZERG", "@zergling"]) {
          const shown = yield* admin.command("admin player", { user: name }, { in: "guild" })
          expect(shown.embeds[0]?.title, name).toBe("[Admin] Player Profile: Zergling")
          expect(fieldsText(shown), name).toContain("⏳ Queue Status: In queue for")
        }
        const missing = yield* admin.command("admin player", { user: "ghost" }, { in: "guild" })
        expect([missing.ephemeral, missing.embeds[0]?.title, missing.embeds[0]?.description]).toEqual([
          true,
          "❌ User Not Found",
          "Could not find user: ghost"
        ])
        yield* (yield* QueueRepo).leave(Snowflake.make(queued.id), "cancelled")

        const stats = yield* admin.command("admin job_stats", {}, { in: "dm" })
        expect(stats.embeds[0]?.title).toBe("📝 Admin: Job Queue")
        const sql = yield* SqlClient.SqlClient
        yield* sql`INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, next_run_at,
                     last_error, retry_until, created_at, updated_at)
                   VALUES ('replay', '{}', 'dead-one', 'dead', 5, 5, 0, 'ReplayParseTimedOut: too slow', 0, 0, 0)`
        const dead = yield* admin.command("admin dead_jobs", { limit: 5 }, { in: "guild" })
        expect(dead.embeds[0]?.title).toBe("💀 Admin: Dead Jobs")
        expect(fieldsText(dead)).toContain("ReplayParseTimedOut: too slow")
        fake.assertNoViolations()
      })
    )

    it.effect("/admin redrive_job puts a dead job back to pending, audited; a live job is refused", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const sql = yield* SqlClient.SqlClient
        const [job] = yield* sql<{ readonly id: number }>`
          INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, next_run_at, last_error,
                            retry_until, created_at, updated_at)
          VALUES ('unknown-kind', '{}', 'redrive-me', 'dead', 5, 5, 0, 'boom', 0, 0, 0) RETURNING id`
        const jobId = job?.id ?? 0
        const result = yield* confirmedCommand(
          admin,
          stranger,
          "admin redrive_job",
          { job_id: jobId, reason: "parser fixed" },
          "⚠️ Admin: Confirm Job Redrive"
        )
        expect(result.embeds[0]?.title).toBe("✅ Admin: Job Redriven")
        const row = Option.getOrThrow(yield* (yield* JobQueue).get(jobId))
        expect([row.status, row.attempts]).toEqual(["pending", 0])
        expect(yield* lastAudit).toMatchObject({
          action: "redrive_job",
          adminUid: ADMIN_ID,
          after: { jobId, status: "pending" },
          reason: "parser fixed"
        })
        const again = yield* admin.command(
          "admin redrive_job",
          { job_id: jobId, reason: "x" },
          { in: "guild" }
        )
        expect([again.ephemeral, again.embeds[0]?.title]).toEqual([true, "❌ Job Not Dead"])
        fake.assertNoViolations()
      })
    )

    it.effect("/admin adjust_mmr sets, adds, subtracts; never negative; no W/L/D or last-played change", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const player = fake.user({ username: "tuner" })
        yield* register(player, "Tuner")
        yield* queueBroodWar(player)
        yield* (yield* QueueRepo).leave(Snowflake.make(player.id), "cancelled")
        const before = yield* ratingOf(player, "bw_zerg")
        const result = yield* confirmedCommand(
          admin,
          stranger,
          "admin adjust_mmr",
          { user: "Tuner", race: "bw_zerg", operation: "add", value: 75, reason: "server crash" },
          "⚠️ Admin: Confirm MMR Adjustment"
        )
        expect(result.embeds[0]?.title).toBe("✅ Admin: MMR Adjusted")
        expect(fieldsText(result)).toContain("Change: +75")
        const after = yield* ratingOf(player, "bw_zerg")
        expect([after.mmr, after.gamesPlayed, after.lastPlayedAt]).toEqual([
          1575,
          before.gamesPlayed,
          before.lastPlayedAt
        ])
        const dm = yield* dmTitled(fake, player, "📊 Admin Action: MMR Adjusted")
        expect(dm.embeds[0]?.fields.map((f) => [f.name, f.value])).toContainEqual(["New MMR", "1575"])
        yield* loggedTitled(fake, "✅ Admin: MMR Adjusted")
        expect(yield* lastAudit).toMatchObject({
          action: "adjust_mmr",
          targetUid: player.id,
          before: { race: "bw_zerg", mmr: 1500 },
          after: { race: "bw_zerg", mmr: 1575 },
          reason: "server crash"
        })
        yield* confirmedCommand(
          admin,
          stranger,
          "admin adjust_mmr",
          { user: player.id, race: "bw_zerg", operation: "set", value: 1400, reason: "reset" },
          "⚠️ Admin: Confirm MMR Adjustment"
        )
        expect((yield* ratingOf(player, "bw_zerg")).mmr).toBe(1400)
        const negative = yield* admin.command(
          "admin adjust_mmr",
          { user: player.id, race: "bw_zerg", operation: "subtract", value: 1401, reason: "x" },
          { in: "guild" }
        )
        expect([negative.ephemeral, negative.embeds[0]?.title]).toEqual([true, "❌ Negative MMR"])
        const noRace = yield* admin.command(
          "admin adjust_mmr",
          { user: player.id, race: "sc2_zerg", operation: "add", value: 1, reason: "x" },
          { in: "guild" }
        )
        expect(noRace.embeds[0]?.title).toBe("❌ Player/race not found")
        fake.assertNoViolations()
      })
    )

    it.effect("/admin resolve: a conflict (fresh path), a change of mind (terminal), invalidation, DMs", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const alice = fake.user({ username: "resolvealice" })
        const bob = fake.user({ username: "resolvebob" })
        yield* register(alice, "Alice")
        yield* register(bob, "Bob")
        const matchId = yield* matchBetween(alice, bob)
        yield* playedAndReported(matchId, alice, bob, 1, 2)
        yield* dmTitled(fake, alice, `⚠️ Match #${matchId} Result Conflict`)

        const fresh = yield* confirmedCommand(
          admin,
          stranger,
          "admin resolve",
          { match_id: matchId, winner: 1, reason: "replay reviewed" },
          "⚠️ Admin: Confirm Match Resolution"
        )
        const title = `⚖️ Match #${matchId} Admin Resolution`
        expect(fresh.embeds[0]?.title).toBe(title)
        expect(fieldsText(fresh)).toContain("Alice: +20 (1500 → 1520)")
        expect(fieldsText(fresh)).toContain("Resolved by: moderator\nReason: replay reviewed")
        for (const player of [alice, bob]) yield* dmTitled(fake, player, title)
        yield* loggedTitled(fake, title)
        expect([
          (yield* ratingOf(alice, "bw_zerg")).gamesWon,
          (yield* ratingOf(bob, "sc2_terran")).gamesLost
        ]).toEqual([1, 1])
        expect(yield* lastAudit).toMatchObject({
          action: "resolve_match",
          targetMatchId: matchId,
          before: { status: "conflict", result: null },
          after: { status: "completed", result: 1 }
        })

        const flipped = yield* confirmedCommand(
          admin,
          stranger,
          "admin resolve",
          { match_id: matchId, winner: 2, reason: "second look" },
          "⚠️ Admin: Confirm Match Resolution"
        )
        expect(fieldsText(flipped)).toContain("Alice: -40 (1520 → 1480)")
        const alices = yield* ratingOf(alice, "bw_zerg")
        expect([alices.mmr, alices.gamesWon, alices.gamesLost]).toEqual([1480, 0, 1])
        expect(yield* lastAudit).toMatchObject({ action: "resolve_conflict", after: { result: 2 } })

        yield* confirmedCommand(
          admin,
          stranger,
          "admin resolve",
          { match_id: matchId, winner: -1, reason: "smurf" },
          "⚠️ Admin: Confirm Match Resolution"
        )
        const reverted = yield* ratingOf(alice, "bw_zerg")
        expect([reverted.mmr, reverted.gamesPlayed]).toEqual([1500, 0])
        const match = Option.getOrThrow(yield* (yield* MatchService).find(matchId))
        expect([match.status, match.resolvedByUid]).toEqual(["invalidated", ADMIN_ID])
        const missing = yield* admin.command(
          "admin resolve",
          { match_id: 9999, winner: 1, reason: "x" },
          { in: "guild" }
        )
        expect([missing.ephemeral, missing.embeds[0]?.title]).toEqual([true, "❌ Match Not Found"])
        fake.assertNoViolations()
      })
    )

    it.effect("/admin remove_queue tells the player; /admin unblock_queue frees a stuck one silently", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const waiting = fake.user({ username: "waiter" })
        yield* register(waiting, "Waiter")
        yield* queueBroodWar(waiting)
        const removed = yield* confirmedCommand(
          admin,
          stranger,
          "admin remove_queue",
          { user: "Waiter", reason: "afk for hours" },
          "⚠️ Admin: Confirm Queue Removal"
        )
        expect(removed.embeds[0]?.title).toBe("✅ Admin: Player Removed from Queue")
        expect((yield* playerOf(waiting)).state).toBe("idle")
        yield* dmTitled(fake, waiting, "🚨 Admin Action: Removed from Queue")
        expect(yield* lastAudit).toMatchObject({
          action: "force_remove_queue",
          targetUid: waiting.id,
          before: { state: "queueing" },
          after: { state: "idle" }
        })
        const notQueued = yield* admin.command(
          "admin remove_queue",
          { user: "Waiter", reason: "x" },
          { in: "guild" }
        )
        expect([notQueued.ephemeral, notQueued.embeds[0]?.description]).toEqual([
          true,
          "Waiter was not in queue."
        ])

        const stuck = fake.user({ username: "stuckone" })
        const other = fake.user({ username: "stucktwo" })
        yield* register(stuck, "Stuck")
        yield* register(other, "Other")
        const matchId = yield* matchBetween(stuck, other)
        const dmsBefore = stuck.dm().length
        const unblocked = yield* confirmedCommand(
          admin,
          stranger,
          "admin unblock_queue",
          { user: "Stuck", reason: "match never started" },
          "⚠️ Admin: Confirm Queue Unblock"
        )
        expect(fieldsText(unblocked)).toContain(`Previous State: in match #${matchId}`)
        expect((yield* playerOf(stuck)).state).toBe("idle")
        expect(yield* lastAudit).toMatchObject({
          action: "unblock_player_state",
          before: { state: "in_match", matchId },
          after: { state: "idle", matchId: null }
        })
        yield* loggedTitled(fake, "✅ Admin: Player Unblocked")
        expect(
          stuck.dm().filter((m) => m.embeds.some((e) => e.title?.startsWith("🚨") === true))
        ).toHaveLength(0)
        expect(stuck.dm().length).toBeGreaterThanOrEqual(dmsBefore)
        fake.assertNoViolations()
      })
    )

    it.effect("/admin ban removes the player from the queue and tells them; unban tells them too", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const cheater = fake.user({ username: "cheater" })
        yield* register(cheater, "Cheater")
        yield* queueBroodWar(cheater)
        const banned = yield* confirmedCommand(
          admin,
          stranger,
          "admin ban",
          { user: "cheater", reason: "map hack" },
          "⚠️ Admin: Confirm Ban"
        )
        expect(banned.embeds[0]?.description).toContain("They were removed from the queue.")
        const player = yield* playerOf(cheater)
        expect([player.isBanned, player.state]).toEqual([true, "idle"])
        const dm = yield* dmTitled(fake, cheater, "🚫 Account Banned")
        expect(dm.embeds[0]?.description).toContain("You were also removed from the matchmaking queue.")
        expect(yield* lastAudit).toMatchObject({
          action: "toggle_ban",
          before: { isBanned: false, state: "queueing" },
          after: { isBanned: true, state: "idle" }
        })
        const refused = yield* cheater.command("queue")
        expect(refused.embeds[0]?.title).toBe("🚫 Account Banned")

        yield* confirmedCommand(
          admin,
          stranger,
          "admin ban",
          { user: "cheater", reason: "appeal" },
          "⚠️ Admin: Confirm Unban"
        )
        yield* dmTitled(fake, cheater, "✅ Account Unbanned")
        expect((yield* playerOf(cheater)).isBanned).toBe(false)
        expect(yield* lastAudit).toMatchObject({ action: "toggle_ban", after: { isBanned: false } })
        fake.assertNoViolations()
      })
    )

    it.effect("/admin reset_aborts sets this month's aborts, with a DM and an audit row", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const player = fake.user({ username: "aborter" })
        yield* register(player, "Aborter")
        const result = yield* confirmedCommand(
          admin,
          stranger,
          "admin reset_aborts",
          { user: "Aborter", new_count: 1, reason: "repeated aborts" },
          "⚠️ Admin: Confirm Abort Count Reset"
        )
        expect(fieldsText(result)).toContain("Change: -2")
        const dm = yield* dmTitled(fake, player, "🔄 Admin Action: Abort Count Reset")
        expect(dm.embeds[0]?.fields.map((f) => f.value)).toContain("1")
        const profile = yield* player.command("profile")
        expect(fieldsText(profile)).toContain("1/3 match aborts remaining this month")
        expect(yield* lastAudit).toMatchObject({
          action: "reset_aborts",
          before: { remainingAborts: 3 },
          after: { remainingAborts: 1 }
        })
        fake.assertNoViolations()
      })
    )

    it.effect("/admin clear_queue: an emergency confirmation, everyone removed and told", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const { admin, stranger } = yield* people(fake)
        const first = fake.user({ username: "clearone" })
        const second = fake.user({ username: "cleartwo" })
        yield* register(first, "Clearone")
        yield* register(second, "Cleartwo")
        yield* queueBroodWar(first)
        yield* queueBroodWar(second, "bw_terran")
        const result = yield* confirmedCommand(
          admin,
          stranger,
          "admin clear_queue",
          { reason: "matchmaker bug" },
          "🚨 Admin: EMERGENCY Confirm Queue Clear"
        )
        expect(result.embeds[0]?.description).toBe("2 player(s) were removed from the queue.")
        expect(yield* (yield* QueueRepo).isEmpty).toBe(true)
        for (const user of [first, second]) yield* dmTitled(fake, user, "🚨 Admin Action: Queue Cleared")
        const audit = yield* lastAudit
        expect(audit.action).toBe("emergency_clear_queue")
        expect(audit.before).toEqual({ queued: [first.id, second.id] })
        const empty = yield* admin.command("admin clear_queue", { reason: "x" }, { in: "guild" })
        expect([empty.ephemeral, empty.embeds[0]?.title]).toEqual([true, "❌ Queue Empty"])
        fake.assertNoViolations()
      })
    )

    it.effect(
      "/admin match: the whole state, the JSON dump attached; a stale preview is refused on confirm",
      () =>
        Effect.gen(function* () {
          const fake = yield* FakeDiscord
          const { admin } = yield* people(fake)
          const alice = fake.user({ username: "statealice" })
          const bob = fake.user({ username: "statebob" })
          yield* register(alice, "Stalice")
          yield* register(bob, "Stabob")
          const matchId = yield* matchBetween(alice, bob)
          yield* playedAndReported(matchId, alice, bob, 2, 2)
          const state = yield* admin.command("admin match", { match_id: matchId }, { in: "guild" })
          expect(state.ephemeral).toBe(false)
          expect(state.content).toBe(`Match #${matchId} State`)
          expect(state.embeds[0]?.title).toBe(`🔍 Admin Match #${matchId} State`)
          expect(state.embeds[0]?.description).toContain("**Result:** 🏆 Stabob won")
          expect(fieldsText(state)).toContain("📋 Raw Match Data")
          const attachment = state.message?.attachments[0]
          expect(attachment?.filename).toBe(`admin_match_${matchId}.json`)
          const dump: unknown = yield* Effect.promise(() =>
            fetch(attachment?.url ?? "").then((r) => r.json())
          )
          expect(dump).toMatchObject({ match: { id: matchId, status: "completed", result: 2 } })
          const missing = yield* admin.command("admin match", { match_id: 424242 }, { in: "guild" })
          expect([missing.ephemeral, missing.embeds[0]?.title]).toEqual([true, "❌ Match Not Found"])

          // The MMR moves between preview and confirmation: the confirmation refuses rather than apply twice.
          const preview = yield* admin.command(
            "admin adjust_mmr",
            { user: "Stalice", race: "bw_zerg", operation: "add", value: 10, reason: "x" },
            { in: "guild" }
          )
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE ratings SET mmr = mmr + 1 WHERE discord_uid = ${alice.id} AND race = 'bw_zerg'`
          const confirm = preview.components.find((c) => c.customId?.startsWith("admin:ok:"))?.customId ?? ""
          const stale = yield* admin.click(preview, confirm)
          expect(stale.embeds[0]?.title).toBe("❌ Admin: MMR Adjustment Failed")
          expect(stale.embeds[0]?.description).toContain("changed since this was confirmed")
          fake.assertNoViolations()
        })
    )

    it.effect.skipIf(!corpusAvailable)(
      "/admin match re-checks both players' replays as they saw them and attaches the stored files",
      () =>
        Effect.gen(function* () {
          const fake = yield* FakeDiscord
          const { admin } = yield* people(fake)
          const alice = fake.user({ username: "replayalice" })
          const bob = fake.user({ username: "replaybob" })
          yield* register(alice, "Alice")
          yield* register(bob, "Bob")
          const matchId = yield* matchBetween(alice, bob)
          const matches = yield* MatchService
          yield* matches.confirm(matchId, Snowflake.make(alice.id))
          yield* matches.confirm(matchId, Snowflake.make(bob.id))
          const created = Option.getOrThrow(yield* matches.find(matchId)).createdAt
          // Played 30 minutes after the match was made: verified with a warning, so both may upload.
          const bytes = evoReplay({
            players: [
              { name: "Alice", race: "BW Zerg", result: 1 },
              { name: "Bob", race: "Terran", result: 2 }
            ],
            map: "Khione SEL",
            startedAt: created + 30 * 60_000,
            durationSeconds: 600
          })
          const seen: Array<string | undefined> = []
          for (const user of [alice, bob]) {
            yield* user.sendDm({ attachments: [{ filename: "game.SC2Replay", bytes }] })
            const details = yield* dmTitled(fake, user, "📄 Replay Details")
            seen.push(details.embeds[0]?.fields.find((f) => f.name === "Verdict")?.value)
          }
          expect(seen[0]).toContain("Verification Issues")
          const state = yield* admin.command("admin match", { match_id: matchId }, { in: "guild" })
          expect(state.embeds.map((embed) => embed.title)).toEqual([
            `🔍 Admin Match #${matchId} State`,
            "📄 Player #1 Replay Details",
            "📄 Player #2 Replay Details"
          ])
          const verdicts = state.embeds
            .slice(1)
            .map((embed) => embed.fields.find((f) => f.name === "Verdict")?.value)
          expect(verdicts).toEqual(seen)
          expect(state.message?.attachments.map((a) => [a.filename, a.size])).toEqual([
            [`admin_match_${matchId}.json`, expect.any(Number)],
            [`match_${matchId}_player1.SC2Replay`, bytes.length],
            [`match_${matchId}_player2.SC2Replay`, bytes.length]
          ])
          fake.assertNoViolations()
        })
    )
  })
})

describe("admin confirmations through the webhook", () => {
  layer(staffSuite("webhook", { EVOLADDER_VIEW_TIMEOUT: "2 seconds" }), {
    excludeTestServices: true,
    timeout: "60 seconds"
  })((it) => {
    it.effect(
      "work over HTTP interactions, can be cancelled, and lose their buttons when the view times out",
      () =>
        Effect.gen(function* () {
          const fake = yield* FakeDiscord
          const { admin, stranger } = yield* people(fake)
          const player = fake.user({ username: "hooked" })
          yield* register(player, "Hooked")
          const banned = yield* confirmedCommand(
            admin,
            stranger,
            "admin ban",
            { user: "Hooked", reason: "spam" },
            "⚠️ Admin: Confirm Ban"
          )
          expect(banned.embeds[0]?.title).toBe("✅ Admin: Player Banned")
          expect(yield* lastAudit).toMatchObject({ action: "toggle_ban", targetUid: player.id })

          const preview = yield* admin.command(
            "admin ban",
            { user: "Hooked", reason: "undo" },
            { in: "guild" }
          )
          const cancel = preview.components.find((c) => c.customId?.startsWith("admin:no:"))?.customId ?? ""
          const refused = yield* stranger.click(preview, cancel)
          expect(refused.embeds[0]?.title).toBe("🚫 Admin Button Restricted")
          const cancelled = yield* admin.click(preview, cancel)
          expect([cancelled.embeds[0]?.title, cancelled.components]).toEqual([
            "✖️ Admin: Unban Cancelled",
            []
          ])
          expect((yield* playerOf(player)).isBanned).toBe(true)

          const left = yield* admin.command("admin ban", { user: "Hooked", reason: "undo" }, { in: "guild" })
          const id = left.message?.id ?? ""
          yield* fake.waitFor(() => fake.message(id)?.components.length === 0, {
            description: "the confirmation's buttons taken off after the view timeout",
            timeoutMs: 8000
          })
          expect((yield* playerOf(player)).isBanned).toBe(true)
          fake.assertNoViolations()
        })
    )
  })
})
