/**
 * What a simulated player does, through the fake Discord only (the same clicks, selects and modals
 * as a person): accept the terms and set up, queue, confirm or abort a match, upload a replay by DM,
 * report, leave the queue, look at `/leaderboard` and `/profile`. Each action checks what the player
 * then sees and fails with `Unexpected` when it is not what the bot should show.
 */
import { Effect } from "effect"
import type { FakeDiscordServer, FakeUser, InteractionReply, MessageView } from "../fakeDiscord/index.js"
import { Unexpected } from "./Unexpected.js"

export interface Profile {
  readonly name: string
  readonly battletag: string
  /** Index into the first page of countries the setup offers. */
  readonly countryPick: number
  /** Index into the regions the setup offers. */
  readonly regionPick: number
}

export interface QueueChoice {
  readonly bw: string | null
  readonly sc2: string | null
  readonly vetoes: ReadonlyArray<string>
}

const unexpected = (user: FakeUser, message: string) => new Unexpected({ player: user.username, message })

const titleOf = (reply: { readonly embeds: ReadonlyArray<{ readonly title: string | undefined }> }) =>
  reply.embeds[0]?.title ?? ""

const expectTitle = (user: FakeUser, reply: InteractionReply, title: string) =>
  titleOf(reply) === title
    ? Effect.succeed(reply)
    : Effect.fail(unexpected(user, `expected "${title}", saw "${titleOf(reply)}"`))

const idStartingWith = (user: FakeUser, reply: InteractionReply, prefix: string) => {
  const id = reply.components.find((c) => c.customId?.startsWith(prefix))?.customId
  return id === undefined
    ? Effect.fail(unexpected(user, `no control "${prefix}…" on "${titleOf(reply)}"`))
    : Effect.succeed(id)
}

const optionAt = (user: FakeUser, reply: InteractionReply, customId: string, pick: number) => {
  const options = reply.components.find((c) => c.customId === customId)?.options ?? []
  const option = options[pick % Math.max(1, options.length)]
  return option === undefined
    ? Effect.fail(unexpected(user, `the select ${customId} offers nothing`))
    : Effect.succeed(option.value)
}

/** `/termsofservice` → Accept, then `/setup`: the modal, a country and a region, preview, confirm. */
export const register = (user: FakeUser, profile: Profile) =>
  Effect.gen(function* () {
    yield* user.click(yield* user.command("termsofservice"), "tos:accept")
    const opened = yield* user.command("setup")
    const selection = yield* user.submitModal(opened, {
      user_id: profile.name,
      battletag: profile.battletag,
      alt_id_1: "",
      alt_id_2: ""
    })
    yield* expectTitle(user, selection, "⚙️ Setup - Country & Region Selection")
    const countryId = yield* idStartingWith(user, selection, "setup:country1:")
    const regionId = yield* idStartingWith(user, selection, "setup:region:")
    yield* user.select(selection, countryId, [
      yield* optionAt(user, selection, countryId, profile.countryPick)
    ])
    const chosen = yield* user.select(selection, regionId, [
      yield* optionAt(user, selection, regionId, profile.regionPick)
    ])
    const preview = yield* user.click(chosen, yield* idStartingWith(user, chosen, "setup:review:"))
    yield* expectTitle(user, preview, "🔍 Preview Setup Information")
    const confirm = preview.components.find((c) => c.label === "✅ Confirm")?.customId
    if (confirm === undefined) return yield* unexpected(user, "no Confirm button on the setup preview")
    yield* expectTitle(user, yield* user.click(preview, confirm), "✅ Setup Complete!")
  })

/** `/queue` (the guide the first time), races and vetoes as chosen, Join: the searching view. */
export const queue = (user: FakeUser, choice: QueueChoice) =>
  Effect.gen(function* () {
    let setup = yield* user.command("queue")
    yield* expectTitle(user, setup, "🎮 Matchmaking Queue")
    if (setup.components.some((c) => c.customId === "queue:guide"))
      setup = yield* user.click(setup, "queue:guide")
    setup = yield* user.click(setup, "queue:clear")
    if (choice.bw !== null) setup = yield* user.select(setup, "queue:bw", [choice.bw])
    if (choice.sc2 !== null) setup = yield* user.select(setup, "queue:sc2", [choice.sc2])
    if (choice.vetoes.length > 0) setup = yield* user.select(setup, "queue:vetoes", choice.vetoes)
    return yield* expectTitle(user, yield* user.click(setup, "queue:join"), "🔍 Searching...")
  })

/** Cancels the search from the searching view. */
export const leaveQueue = (user: FakeUser, searching: InteractionReply) =>
  Effect.asVoid(user.click(searching, "queue:leave"))

/** `/leaderboard` or `/profile`, as a curious player would. */
export const look = (user: FakeUser, command: "leaderboard" | "profile") => user.command(command)

const hasTitle = (message: MessageView, title: string) => message.embeds.some((e) => e.title === title)

/** How many of the player's DMs carry this title (to wait for the next one). */
export const countDms = (user: FakeUser, title: string) =>
  user.dm().filter((message) => hasTitle(message, title)).length

/** The player's DM with this title (the first one after `seen` of them), once the bot has sent it. */
export const dmTitled = (
  fake: FakeDiscordServer,
  user: FakeUser,
  title: string,
  seen = 0,
  timeoutMs?: number
) =>
  fake
    .waitFor(() => user.dm().filter((message) => hasTitle(message, title))[seen], {
      description: `${user.username} to see "${title}"`,
      ...(timeoutMs === undefined ? {} : { timeoutMs })
    })
    .pipe(Effect.mapError((error) => unexpected(user, error.message)))

export const confirmMatch = (user: FakeUser, prompt: MessageView, matchId: number) =>
  Effect.asVoid(user.click(prompt, `match:confirm:${matchId}`))

/** Abort, then Confirm Abort. */
export const abortMatch = (user: FakeUser, prompt: MessageView, matchId: number) =>
  Effect.gen(function* () {
    const armed = yield* user.click(prompt, `match:abort:${matchId}`)
    yield* expectTitle(
      user,
      yield* user.click(armed, `match:abortconfirm:${matchId}`),
      `🛑 Match #${matchId} Aborted`
    )
  })

/** Sends the replay file by DM and waits for the bot to take it. */
export const uploadReplay = (fake: FakeDiscordServer, user: FakeUser, fileName: string, bytes: Uint8Array) =>
  Effect.gen(function* () {
    const received = countDms(user, "📥 Replay Received")
    yield* user.sendDm({ attachments: [{ filename: fileName, bytes }] })
    yield* dmTitled(fake, user, "📥 Replay Received", received)
  })

/** Picks the result in the match view once reporting is unlocked, then confirms it. */
export const reportResult = (fake: FakeDiscordServer, user: FakeUser, matchId: number, result: 0 | 1 | 2) =>
  Effect.gen(function* () {
    const view = yield* fake
      .waitFor(
        () =>
          user
            .dm()
            .find(
              (m) =>
                (m.embeds[0]?.title ?? "").startsWith(`Match #${matchId}:`) &&
                m.components.some((c) => c.customId === `match:result:${matchId}` && !c.disabled)
            ),
        { description: `${user.username}'s report of match ${matchId} to unlock` }
      )
      .pipe(Effect.mapError((error) => unexpected(user, error.message)))
    const chosen = yield* user.select(view, `match:result:${matchId}`, [String(result)])
    yield* user.select(chosen, `match:reportconfirm:${matchId}`, [String(result)])
  })
