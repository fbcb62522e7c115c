/**
 * Messages the bot starts itself (not answers to interactions): DMs to players, posts in the admin
 * match-log channel, and edits of messages it sent earlier, found again by a key. Edits use the bot
 * token, so they work long after the interaction tokens (15 minutes) have expired.
 */
import { SqlClient } from "@effect/sql"
import { DiscordREST } from "dfx/DiscordREST"
import { Clock, Effect, Option, Ref, HashMap, Schema } from "effect"
import { AppConfig } from "../config.js"
import { decodeFirst } from "../db/rows.js"
import type { MessageBody } from "./ui/responses.js"

export interface SentMessage {
  readonly channelId: string
  readonly messageId: string
}

const Tracked = Schema.Struct({ channelId: Schema.String, messageId: Schema.String })

const payload = (body: MessageBody) => ({
  content: body.content ?? "",
  embeds: body.embeds ?? [],
  components: body.components ?? []
})

export class Messenger extends Effect.Service<Messenger>()("Messenger", {
  effect: Effect.gen(function* () {
    const rest = yield* DiscordREST
    const sql = yield* SqlClient.SqlClient
    const { operations } = yield* AppConfig
    const dmChannels = yield* Ref.make(HashMap.empty<string, string>())

    const dmChannel = (discordUid: string) =>
      Effect.gen(function* () {
        const known = HashMap.get(yield* Ref.get(dmChannels), discordUid)
        if (Option.isSome(known)) return known.value
        const channel = yield* rest.createDm({ recipient_id: discordUid })
        yield* Ref.update(dmChannels, HashMap.set(discordUid, channel.id))
        return channel.id
      })

    const remember = (key: string, sent: SentMessage) =>
      Effect.flatMap(
        Clock.currentTimeMillis,
        (now) =>
          sql`INSERT INTO bot_messages ${sql.insert({ key, channelId: sent.channelId, messageId: sent.messageId, createdAt: now })}
            ON CONFLICT (key) DO UPDATE SET channel_id = excluded.channel_id, message_id = excluded.message_id`
      )

    /** Sends `body` to a player's DMs; with `key`, remembers it for later edits. */
    const dm = Effect.fn("Messenger.dm")(function* (discordUid: string, body: MessageBody, key?: string) {
      const channelId = yield* dmChannel(discordUid)
      const message = yield* rest.createMessage(channelId, payload(body))
      const sent = { channelId, messageId: message.id }
      if (key !== undefined) yield* remember(key, sent)
      return sent
    })

    /** The message sent under `key`, if any. */
    const find = Effect.fn("Messenger.find")(function* (key: string) {
      return yield* sql`SELECT channel_id, message_id FROM bot_messages WHERE key = ${key}`.pipe(
        decodeFirst(Tracked)
      )
    })

    /** Replaces the message sent under `key` (nothing happens if there is none, or it is gone). */
    const edit = Effect.fn("Messenger.edit")(function* (key: string, body: MessageBody) {
      const tracked = yield* find(key)
      if (Option.isNone(tracked)) return false
      yield* rest.updateMessage(tracked.value.channelId, tracked.value.messageId, payload(body))
      return true
    })

    /** Posts to the admin match-log channel, when one is configured; optionally pinging the staff role. */
    const toAdminChannel = Effect.fn("Messenger.toAdminChannel")(function* (
      body: MessageBody,
      options: { readonly pingStaff?: boolean } = {}
    ) {
      if (Option.isNone(operations.adminMatchLogChannelId)) return
      const ping =
        options.pingStaff === true && Option.isSome(operations.staffRoleId)
          ? `<@&${operations.staffRoleId.value}>`
          : ""
      yield* rest.createMessage(operations.adminMatchLogChannelId.value, {
        ...payload(body),
        content: [ping, body.content ?? ""].filter((part) => part !== "").join(" ")
      })
    })

    return { dm, find, edit, remember, toAdminChannel, dmChannel }
  })
}) {}
