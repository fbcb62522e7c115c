/** Users, the bot, the test guild and channels (DM channels are created per user, with a stable id). */
import type { APIUser } from "discord-api-types/v10"
import type { Ids } from "./ids.js"

export interface UserRecord {
  readonly id: string
  readonly username: string
  readonly globalName: string | null
  readonly bot: boolean
  /** False: the user does not accept DMs from the bot (Discord answers 50007). */
  readonly dmsOpen: boolean
  readonly roles: ReadonlyArray<string>
  /** Guild permissions as Discord's decimal bit-set string. */
  readonly permissions: string
  readonly joinedAt: string
}

export interface ChannelRecord {
  readonly id: string
  /** 0 guild text, 1 DM. */
  readonly type: 0 | 1
  readonly name: string | undefined
  readonly guildId: string | undefined
  readonly recipientId: string | undefined
}

export interface GuildRecord {
  readonly id: string
  readonly name: string
  readonly ownerId: string
}

/** Everything a member can do in the test guild except administrator. */
export const memberPermissions = "2248473465835073"
/** What the bot is allowed to do where it answers an interaction. */
export const appPermissions = "2248473465835073"

export class Directory {
  readonly users = new Map<string, UserRecord>()
  readonly channels = new Map<string, ChannelRecord>()
  private readonly dmByUser = new Map<string, string>()

  constructor(
    private readonly ids: Ids,
    readonly bot: UserRecord,
    readonly guild: GuildRecord
  ) {
    this.users.set(bot.id, bot)
  }

  addUser(user: UserRecord): UserRecord {
    this.users.set(user.id, user)
    return user
  }

  addGuildChannel(name: string, id: string = this.ids.snowflake()): ChannelRecord {
    const existing = [...this.channels.values()].find((c) => c.type === 0 && c.name === name)
    if (existing !== undefined) return existing
    const channel: ChannelRecord = { id, type: 0, name, guildId: this.guild.id, recipientId: undefined }
    this.channels.set(id, channel)
    return channel
  }

  guildChannel(name: string): ChannelRecord | undefined {
    return [...this.channels.values()].find((c) => c.type === 0 && c.name === name)
  }

  /** The user's DM channel with the bot; the same id every time, as on Discord. */
  dmChannel(userId: string): ChannelRecord {
    const existing = this.dmByUser.get(userId)
    const found = existing === undefined ? undefined : this.channels.get(existing)
    if (found !== undefined) return found
    const channel: ChannelRecord = {
      id: this.ids.snowflake(),
      type: 1,
      name: undefined,
      guildId: undefined,
      recipientId: userId
    }
    this.channels.set(channel.id, channel)
    this.dmByUser.set(userId, channel.id)
    return channel
  }

  apiUser(id: string): APIUser | undefined {
    const user = this.users.get(id)
    return user === undefined ? undefined : toApiUser(user)
  }
}

export const toApiUser = (user: UserRecord): APIUser => ({
  id: user.id,
  username: user.username,
  discriminator: "0",
  global_name: user.globalName,
  avatar: null,
  ...(user.bot ? { bot: true } : {})
})
