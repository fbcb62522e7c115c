/**
 * Building blocks for the admin end-to-end tests: the bot with an owner and an admin match-log
 * channel, players and matches set up through the ladder's services, and the confirmation dance
 * (a stranger's press refused, then the admin's).
 */
import { SqlClient } from "@effect/sql"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { expect } from "@effect/vitest"
import { Effect, Layer } from "effect"
import type { RaceCode } from "../../src/domain/Race.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { DomainEvents } from "../../src/ladder/DomainEvents.js"
import { MatchService } from "../../src/ladder/matches/MatchService.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { QueueRepo } from "../../src/ladder/queue/QueueRepo.js"
import { StaffRepo } from "../../src/ladder/StaffRepo.js"
import {
  FakeDiscord,
  type CommandOptions,
  type FakeDiscordServer,
  type FakeUser,
  type InteractionReply,
  type MessageView
} from "../../src/fakeDiscord/index.js"
import { botThrough, type FrontDoor } from "./bot.js"

export const OWNER_ID = "100000000000000001"
export const ADMIN_ID = "100000000000000002"

/** The fake Discord and the bot through `door`, with an owner from config and a match-log channel. */
export const staffSuite = (door: FrontDoor, env: Record<string, string> = {}) =>
  Layer.unwrapEffect(
    Effect.map(FakeDiscord, (fake) =>
      botThrough(door, {
        EVOLADDER_OWNER_ID: OWNER_ID,
        EVOLADDER_ADMIN_MATCH_LOG_CHANNEL_ID: fake.channelId("match-log"),
        EVOLADDER_PARSE_WORKERS: "0",
        EVOLADDER_MOD_HANDLE_LIST: "2025-11-07",
        EVOLADDER_REPLAY_DIR: mkdtempSync(join(tmpdir(), "evoladder-admin-replays-")),
        ...env
      })
    )
  ).pipe(Layer.provideMerge(FakeDiscord.layer({ heartbeatIntervalMs: 1000 })))

/** The fake users: the owner, an admin (made one in the database), someone without any role. */
let strangers = 0

export const people = (fake: FakeDiscordServer) =>
  Effect.gen(function* () {
    const owner = fake.user({ id: OWNER_ID, username: "theowner" })
    const admin = fake.user({ id: ADMIN_ID, username: "moderator" })
    yield* (yield* StaffRepo).grant(Snowflake.make(ADMIN_ID), "moderator", "admin", Snowflake.make(OWNER_ID))
    const stranger = fake.user({ username: `stranger${++strangers}` })
    return { owner, admin, stranger }
  })

/**
 * A player who accepted the terms and completed setup (through the repository: setup is tested
 * elsewhere); by default from NAW and past the quick-start guide that the first /queue shows.
 */
export const register = (
  user: FakeUser,
  name: string,
  { region = "NAW", guideRead = true }: { readonly region?: string; readonly guideRead?: boolean } = {}
) =>
  Effect.flatMap(PlayersRepo, (players) =>
    Effect.zipRight(
      players.ensure(Snowflake.make(user.id), user.username),
      players.updateSettings(
        Snowflake.make(user.id),
        {
          acceptedTos: true,
          completedSetup: true,
          readQuickStartGuide: guideRead,
          playerName: name,
          battletag: `${name}#1234`,
          country: "US",
          region
        },
        "player"
      )
    )
  )

/** Queued with one Brood War race (two Brood War players are never paired with each other). */
export const queueBroodWar = (user: FakeUser, race: RaceCode = "bw_zerg") =>
  Effect.flatMap(QueueRepo, (queue) =>
    queue.join(Snowflake.make(user.id), { bwRace: race, sc2Race: null, vetoes: [] })
  )

/** `a` (BW Zerg) and `b` (SC2 Terran) in a new match, as a wave would pair them. */
export const matchBetween = (a: FakeUser, b: FakeUser) =>
  Effect.gen(function* () {
    const queue = yield* QueueRepo
    yield* queue.join(Snowflake.make(a.id), { bwRace: "bw_zerg", sc2Race: null, vetoes: [] })
    yield* queue.join(Snowflake.make(b.id), { bwRace: null, sc2Race: "sc2_terran", vetoes: [] })
    const matches = yield* MatchService
    return yield* (yield* DomainEvents).transactional(
      matches.create({
        player1Uid: Snowflake.make(a.id),
        player2Uid: Snowflake.make(b.id),
        player1Race: "bw_zerg",
        player2Race: "sc2_terran",
        player1Mmr: 1500,
        player2Mmr: 1500,
        player1Rank: null,
        player2Rank: null,
        mapName: "Khione SEL",
        server: "USW"
      })
    )
  })

/** Both confirm, then report these results. */
export const playedAndReported = (
  matchId: number,
  a: FakeUser,
  b: FakeUser,
  reportA: 0 | 1 | 2,
  reportB: 0 | 1 | 2
) =>
  Effect.gen(function* () {
    const matches = yield* MatchService
    yield* matches.confirm(matchId, Snowflake.make(a.id))
    yield* matches.confirm(matchId, Snowflake.make(b.id))
    yield* matches.report(matchId, Snowflake.make(a.id), reportA)
    yield* matches.report(matchId, Snowflake.make(b.id), reportB)
  })

const confirmIdOf = (reply: InteractionReply) => {
  const id = reply.components.find((component) => component.customId?.startsWith("admin:ok:"))?.customId
  if (id === undefined) throw new Error(`no confirmation button on: ${JSON.stringify(reply.embeds)}`)
  return id
}

/**
 * Runs an admin command in the server channel, checks that its preview is public and that a
 * stranger's press is refused privately (the buttons stay), then confirms as the admin.
 */
export const confirmedCommand = (
  admin: FakeUser,
  stranger: FakeUser,
  command: string,
  options: CommandOptions,
  expectedPreview: string
) =>
  Effect.gen(function* () {
    const preview = yield* admin.command(command, options, { in: "guild" })
    expect(preview.ephemeral).toBe(false)
    expect(preview.embeds[0]?.title).toBe(expectedPreview)
    const confirm = confirmIdOf(preview)
    const refused = yield* stranger.click(preview, confirm)
    expect(refused.ephemeral).toBe(true)
    expect(refused.embeds[0]?.title).toBe("🚫 Admin Button Restricted")
    expect(refused.embeds[0]?.description).toBe(`Only <@${admin.id}> can interact with these buttons.`)
    const result = yield* admin.click(preview, confirm)
    expect(result.ephemeral).toBe(false)
    expect(result.components).toEqual([])
    return result
  })

export interface AuditView {
  readonly adminUid: string
  readonly action: string
  readonly targetUid: string | null
  readonly targetMatchId: number | null
  readonly before: unknown
  readonly after: unknown
  readonly reason: string | null
}

/** The newest audit row. */
export const lastAudit = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const [row] = yield* sql<{
    readonly adminUid: string
    readonly action: string
    readonly targetUid: string | null
    readonly targetMatchId: number | null
    readonly before: string
    readonly after: string
    readonly reason: string | null
  }>`SELECT admin_uid, action, target_uid, target_match_id, before, after, reason FROM admin_actions ORDER BY id DESC LIMIT 1`
  if (row === undefined) return yield* Effect.dieMessage("no audit row")
  return { ...row, before: JSON.parse(row.before), after: JSON.parse(row.after) } satisfies AuditView
})

/** Waits for a DM to `user` titled `title`. */
export const dmTitled = (fake: FakeDiscordServer, user: FakeUser, title: string) =>
  fake.waitFor(
    () => user.dm().find((message: MessageView) => message.embeds.some((embed) => embed.title === title)),
    {
      description: `${user.username} gets "${title}"`
    }
  )

/** Waits for a post titled `title` in the admin match-log channel. */
export const loggedTitled = (fake: FakeDiscordServer, title: string) =>
  fake.waitFor(
    () =>
      fake
        .messages(fake.channelId("match-log"))
        .find((message) => message.embeds.some((e) => e.title === title)),
    { description: `"${title}" in the admin channel` }
  )
