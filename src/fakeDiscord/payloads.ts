/**
 * Interaction payloads as Discord builds them (see discord-api-types `APIChatInputApplicationCommand…`,
 * `APIMessageComponent…`, `APIModalSubmit…`, `APIApplicationCommandAutocomplete…`): in DMs they carry
 * `user`, in the guild `member` + `guild_id`; both carry `channel` and `channel_id`.
 */
import type { APIInteractionGuildMember, APIUser } from "discord-api-types/v10"
import type { UploadedFile } from "./body.js"
import type { RegisteredCommand } from "./commands.js"
import {
  appPermissions,
  toApiUser,
  type ChannelRecord,
  type Directory,
  type UserRecord
} from "./directory.js"
import { invalidAction } from "./FakeDiscordError.js"
import { arr, bool, field, num, str, toJson, toJsonObject, type Json, type JsonObject } from "./json.js"
import { toApiAttachment, type Messages } from "./messages.js"

/** Where a player acts: their DM with the bot, or a channel of the test guild. */
export interface Place {
  readonly user: UserRecord
  readonly channel: ChannelRecord
}

export interface AttachmentInput {
  readonly filename: string
  readonly bytes: Uint8Array
  readonly contentType?: string
}

/** An option value as a test writes it: users as a `FakeUser` (or anything with an `id`), files as bytes. */
export type OptionValue = string | number | boolean | AttachmentInput | { readonly id: string }
export type CommandOptions = Readonly<Record<string, OptionValue>>

export interface PayloadDeps {
  readonly directory: Directory
  readonly messages: Messages
  readonly applicationId: string
  readonly iso: (ms: number) => string
}

const isAttachment = (value: OptionValue): value is AttachmentInput =>
  typeof value === "object" && "bytes" in value && "filename" in value

/** `flags` is a number on the wire; the typings name only its non-zero bits. */
type Member = Omit<APIInteractionGuildMember, "flags"> & { readonly flags: number }

const member = (user: UserRecord): Member => ({
  user: toApiUser(user),
  roles: [...user.roles],
  joined_at: user.joinedAt,
  deaf: false,
  mute: false,
  flags: 0,
  permissions: user.permissions,
  nick: null,
  avatar: null,
  premium_since: null,
  pending: false
})

/** The fields every interaction carries, for a player at a place. */
export const envelope = (deps: PayloadDeps, place: Place, id: string, token: string): JsonObject => {
  const { user, channel } = place
  const guild = channel.guildId
  const apiUser: APIUser = toApiUser(user)
  const common = {
    id,
    application_id: deps.applicationId,
    token,
    version: 1,
    app_permissions: appPermissions,
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": guild ?? "0" },
    attachment_size_limit: 10 * 1024 * 1024,
    channel_id: channel.id
  }
  if (guild === undefined)
    return toJsonObject({
      ...common,
      context: 1,
      user: apiUser,
      channel: { id: channel.id, type: 1, recipients: [apiUser], last_message_id: null, flags: 0 }
    })
  return toJsonObject({
    ...common,
    context: 0,
    guild_id: guild,
    guild: { id: guild, locale: "en-US", features: [] },
    guild_locale: "en-US",
    member: member(user),
    channel: {
      id: channel.id,
      type: 0,
      name: channel.name ?? "",
      guild_id: guild,
      position: 0,
      nsfw: false,
      flags: 0
    }
  })
}

interface Resolved {
  users: Record<string, Json>
  members: Record<string, Json>
  channels: Record<string, Json>
  roles: Record<string, Json>
  attachments: Record<string, Json>
}

const resolvedJson = (resolved: Resolved): JsonObject | undefined => {
  const all: ReadonlyArray<readonly [string, Record<string, Json>]> = [
    ["users", resolved.users],
    ["members", resolved.members],
    ["channels", resolved.channels],
    ["roles", resolved.roles],
    ["attachments", resolved.attachments]
  ]
  const entries = all.filter(([, map]) => Object.keys(map).length > 0)
  return entries.length === 0 ? undefined : Object.fromEntries(entries)
}

/** For autocomplete: which option is being typed, and what the player typed so far. */
export interface Focus {
  readonly option: string
  readonly typed: string
}

/**
 * `data` of an application command (or autocomplete) interaction for `path` (`["admin", "match"]`),
 * checked against the registered definition the way Discord's client would refuse bad input.
 */
export const commandData = (
  deps: PayloadDeps,
  place: Place,
  command: RegisteredCommand,
  path: ReadonlyArray<string>,
  input: CommandOptions,
  focus: Focus | undefined
): JsonObject => {
  const resolved: Resolved = { users: {}, members: {}, channels: {}, roles: {}, attachments: {} }
  let definitions = arr(command.definition, "options")
  const wrappers: Array<{ readonly type: 1 | 2; readonly name: string }> = []
  for (const name of path.slice(1)) {
    const sub = definitions.find(
      (o) => str(o, "name") === name && (num(o, "type") === 1 || num(o, "type") === 2)
    )
    if (sub === undefined) throw invalidAction(`/${path.join(" ")}: "${name}" is not a subcommand`)
    wrappers.push({ type: num(sub, "type") === 2 ? 2 : 1, name })
    definitions = arr(sub, "options")
  }
  if (definitions.some((o) => num(o, "type") === 1 || num(o, "type") === 2))
    throw invalidAction(`/${path.join(" ")} needs a subcommand`)
  const label = `/${path.join(" ")}`
  for (const name of Object.keys(input))
    if (!definitions.some((o) => str(o, "name") === name))
      throw invalidAction(`${label} has no option "${name}"`)
  if (
    focus !== undefined &&
    !definitions.some((o) => str(o, "name") === focus.option && bool(o, "autocomplete") === true)
  )
    throw invalidAction(`${label} option "${focus.option}" has no autocomplete`)
  const options: Array<Json> = []
  for (const definition of definitions) {
    const name = str(definition, "name") ?? ""
    const type = num(definition, "type") ?? 3
    if (focus?.option === name) {
      options.push({ name, type, value: focus.typed, focused: true })
      continue
    }
    const value = input[name]
    if (value === undefined) {
      if (bool(definition, "required") === true && focus === undefined)
        throw invalidAction(`${label} needs option "${name}"`)
      continue
    }
    options.push({ name, type, value: optionValue(deps, place, definition, value, resolved, label) })
  }
  const nested = wrappers.reduceRight<ReadonlyArray<Json>>(
    (inner, w) => [{ type: w.type, name: w.name, options: inner }],
    options
  )
  const resolvedObject = focus === undefined ? resolvedJson(resolved) : undefined
  return {
    id: command.id,
    name: command.name,
    type: 1,
    ...(nested.length > 0 ? { options: nested } : {}),
    ...(resolvedObject === undefined ? {} : { resolved: resolvedObject }),
    ...(command.guildId === undefined ? {} : { guild_id: command.guildId })
  }
}

const optionValue = (
  deps: PayloadDeps,
  place: Place,
  definition: Json,
  value: OptionValue,
  resolved: Resolved,
  label: string
): Json => {
  const name = str(definition, "name") ?? ""
  const type = num(definition, "type") ?? 3
  const wrong = (expected: string) => invalidAction(`${label} option "${name}" expects ${expected}`)
  const choices = arr(definition, "choices")
  const checkChoice = (v: string | number) => {
    if (choices.length > 0 && !choices.some((c) => num(c, "value") === v || str(c, "value") === v))
      throw invalidAction(`${label} option "${name}" must be one of its choices, not ${String(v)}`)
  }
  switch (type) {
    case 3: {
      if (typeof value !== "string") throw wrong("a string")
      const min = num(definition, "min_length") ?? 0
      const max = num(definition, "max_length") ?? 6000
      if (value.length < min || value.length > max) throw wrong(`${min}–${max} characters`)
      checkChoice(value)
      return value
    }
    case 4:
    case 10: {
      if (typeof value !== "number" || (type === 4 && !Number.isInteger(value)))
        throw wrong(type === 4 ? "an integer" : "a number")
      const min = num(definition, "min_value")
      const max = num(definition, "max_value")
      if ((min !== undefined && value < min) || (max !== undefined && value > max))
        throw wrong(`a value in range`)
      checkChoice(value)
      return value
    }
    case 5:
      if (typeof value !== "boolean") throw wrong("a boolean")
      return value
    case 6: {
      const id =
        typeof value === "string" ? value : typeof value === "object" && "id" in value ? value.id : undefined
      const user = id === undefined ? undefined : deps.directory.users.get(id)
      if (user === undefined) throw wrong("a known user")
      resolved.users[user.id] = toJson(toApiUser(user))
      if (place.channel.guildId !== undefined) {
        const { user: _user, ...rest } = member(user)
        resolved.members[user.id] = toJson(rest)
      }
      return user.id
    }
    case 7: {
      const channel = typeof value === "string" ? deps.directory.channels.get(value) : undefined
      if (channel === undefined) throw wrong("a known channel id")
      resolved.channels[channel.id] = toJson({
        id: channel.id,
        type: channel.type,
        name: channel.name ?? null,
        permissions: appPermissions
      })
      return channel.id
    }
    case 8:
    case 9:
      if (typeof value !== "string") throw wrong("an id")
      if (type === 8)
        resolved.roles[value] = toJson({ id: value, name: value, permissions: "0", position: 0 })
      return value
    case 11: {
      if (typeof value !== "object" || !isAttachment(value)) throw wrong("a file ({ filename, bytes })")
      const file: UploadedFile = {
        field: "file",
        filename: value.filename,
        contentType: value.contentType ?? "application/octet-stream",
        bytes: value.bytes
      }
      const stored = deps.messages.upload(place.channel.id, file)
      resolved.attachments[stored.id] = toJson(toApiAttachment(stored))
      return stored.id
    }
    default:
      throw wrong(`a supported option type (got ${type})`)
  }
}

/** `data` of a button click or a select choice, checked against the component as it is now. */
export const componentData = (
  component: Json,
  customId: string,
  values: ReadonlyArray<string> | undefined
): JsonObject => {
  const type = num(component, "type") ?? 0
  if (bool(component, "disabled") === true) throw invalidAction(`"${customId}" is disabled`)
  if (type === 2) {
    if (values !== undefined) throw invalidAction(`"${customId}" is a button, not a select`)
    return { custom_id: customId, component_type: 2 }
  }
  if (values === undefined) throw invalidAction(`"${customId}" is a select; use select(…)`)
  const min = num(component, "min_values") ?? 1
  const max = num(component, "max_values") ?? 1
  if (values.length < min || values.length > max)
    throw invalidAction(`"${customId}" takes ${min}–${max} values, got ${values.length}`)
  if (type === 3) {
    const allowed = new Set(arr(component, "options").map((o) => str(o, "value")))
    const unknown = values.filter((v) => !allowed.has(v))
    if (unknown.length > 0) throw invalidAction(`"${customId}" has no option ${unknown.join(", ")}`)
  }
  return { custom_id: customId, component_type: type, values: [...values] }
}

/** `data` of a modal submit: the player's values, laid out like the modal's rows or labels. */
export const modalData = (modal: Json, values: Readonly<Record<string, string>>): JsonObject => {
  const customId = str(modal, "custom_id") ?? ""
  const known = new Set<string>()
  const submitted = (input: Json): Json => {
    const id = str(input, "custom_id") ?? ""
    known.add(id)
    const value = values[id] ?? str(input, "value") ?? ""
    const required = bool(input, "required") !== false
    if (required && value === "") throw invalidAction(`modal "${customId}" needs a value for "${id}"`)
    const min = num(input, "min_length") ?? 0
    const max = num(input, "max_length") ?? 4000
    if (value !== "" && (value.length < min || value.length > max))
      throw invalidAction(`modal "${customId}" input "${id}" takes ${min}–${max} characters`)
    return { type: num(input, "type") ?? 4, custom_id: id, value }
  }
  const components = arr(modal, "components").flatMap((row): ReadonlyArray<Json> => {
    const type = num(row, "type")
    if (type === 1) return [{ type: 1, components: arr(row, "components").map(submitted) }]
    if (type === 18) return [{ type: 18, component: submitted(field(row, "component") ?? null) }]
    return []
  })
  const unknown = Object.keys(values).filter((id) => !known.has(id))
  if (unknown.length > 0) throw invalidAction(`modal "${customId}" has no input ${unknown.join(", ")}`)
  return { custom_id: customId, components }
}
