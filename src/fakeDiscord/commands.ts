/** Application commands as the bot registered them (bulk overwrite), globally and per guild. */
import type { Changes } from "./changes.js"
import type { Ids } from "./ids.js"
import { arr, bool, field, isJsonObject, num, str, type Json, type JsonObject } from "./json.js"

export interface RegisteredCommand {
  readonly id: string
  readonly name: string
  /** `undefined` for global commands. */
  readonly guildId: string | undefined
  /** The definition as Discord returns it (the bot's body plus ids and defaults). */
  readonly definition: JsonObject
}

export interface Registration {
  readonly at: number
  readonly guildId: string | undefined
  readonly names: ReadonlyArray<string>
}

export class Commands {
  private readonly current = new Map<string, ReadonlyArray<RegisteredCommand>>()
  private readonly stableIds = new Map<string, string>()
  readonly registrations: Array<Registration> = []

  constructor(
    private readonly ids: Ids,
    private readonly applicationId: string,
    private readonly changes: Changes
  ) {}

  /** Replaces the scope's commands; a command keeps its id across overwrites, as on Discord. */
  overwrite(guildId: string | undefined, bodies: ReadonlyArray<Json>): ReadonlyArray<RegisteredCommand> {
    const commands = bodies.map((body) => {
      const name = str(body, "name") ?? ""
      const type = num(body, "type") ?? 1
      const key = `${guildId ?? "global"}:${type}:${name}`
      const id = this.stableIds.get(key) ?? this.ids.snowflake()
      this.stableIds.set(key, id)
      const definition: JsonObject = {
        default_member_permissions: null,
        nsfw: false,
        ...(isJsonObject(body) ? body : {}),
        id,
        application_id: this.applicationId,
        version: this.ids.snowflake(),
        type,
        ...(guildId === undefined ? {} : { guild_id: guildId })
      }
      return { id, name, guildId, definition }
    })
    this.current.set(guildId ?? "global", commands)
    this.registrations.push({ at: this.ids.now(), guildId, names: commands.map((c) => c.name) })
    this.changes.emit()
    return commands
  }

  list(guildId?: string): ReadonlyArray<RegisteredCommand> {
    return this.current.get(guildId ?? "global") ?? []
  }

  /** The chat-input command a player could run here: guild commands first, then global ones. */
  find(name: string, where: { readonly guildId: string | undefined }): RegisteredCommand | undefined {
    const isChatInput = (c: RegisteredCommand) => (num(c.definition, "type") ?? 1) === 1 && c.name === name
    const inGuild = where.guildId === undefined ? undefined : this.list(where.guildId).find(isChatInput)
    return inGuild ?? this.list().find(isChatInput)
  }
}

/** Whether a global command may be used in the bot's DMs (`contexts`, or the older `dm_permission`). */
export const usableInDms = (command: RegisteredCommand): boolean => {
  if (command.guildId !== undefined) return false
  const contexts = field(command.definition, "contexts")
  if (contexts !== undefined && contexts !== null) return arr(command.definition, "contexts").includes(1)
  return bool(command.definition, "dm_permission") !== false
}
