/**
 * The message limits Discord enforces that a ladder bot can trip over: content length, embed sizes,
 * legacy component layout (action rows, buttons, selects). Components V2 (flag 32768) layouts are
 * accepted without checks. Limits from Discord's "Message", "Embed" and "Component" references.
 */
import type { FormIssue } from "./errors.js"
import { arr, field, has, isJsonObject, num, str, type Json } from "./json.js"

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15
} as const

type Path = ReadonlyArray<string | number>

const tooLong = (path: Path, max: number): FormIssue => ({
  path,
  code: "BASE_TYPE_MAX_LENGTH",
  message: `Must be ${max} or fewer in length.`
})
const required = (path: Path): FormIssue => ({
  path,
  code: "BASE_TYPE_REQUIRED",
  message: "This field is required"
})
const badLength = (path: Path, min: number, max: number): FormIssue => ({
  path,
  code: "BASE_TYPE_BAD_LENGTH",
  message: `Must be between ${min} and ${max} in length.`
})

const checkLength = (
  issues: Array<FormIssue>,
  value: Json | undefined,
  key: string,
  max: number,
  at: Path
) => {
  const text = str(value, key)
  if (text !== undefined && text.length > max) issues.push(tooLong([...at, key], max))
}

/** Embeds: at most 10, and each within Discord's per-field and 6000-character total limits. */
export const validateEmbeds = (embeds: ReadonlyArray<Json>, at: Path): Array<FormIssue> => {
  const issues: Array<FormIssue> = []
  if (embeds.length > 10) issues.push(badLength(at, 0, 10))
  let total = 0
  const count = (text: string | undefined) => (total += text === undefined ? 0 : text.length)
  embeds.forEach((embed, i) => {
    const path = [...at, i]
    checkLength(issues, embed, "title", 256, path)
    checkLength(issues, embed, "description", 4096, path)
    checkLength(issues, field(embed, "footer"), "text", 2048, [...path, "footer"])
    checkLength(issues, field(embed, "author"), "name", 256, [...path, "author"])
    count(str(embed, "title"))
    count(str(embed, "description"))
    count(str(field(embed, "footer"), "text"))
    count(str(field(embed, "author"), "name"))
    const fields = arr(embed, "fields")
    if (fields.length > 25) issues.push(badLength([...path, "fields"], 0, 25))
    fields.forEach((f, j) => {
      const fieldPath = [...path, "fields", j]
      for (const [key, max] of [
        ["name", 256],
        ["value", 1024]
      ] as const) {
        const text = str(f, key)
        if (text === undefined || text.trim() === "") issues.push(required([...fieldPath, key]))
        else checkLength(issues, f, key, max, fieldPath)
        count(text)
      }
    })
  })
  if (total > 6000)
    issues.push({
      path: at,
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: "Embed size exceeds maximum size of 6000"
    })
  return issues
}

const selectTypes = new Set([3, 5, 6, 7, 8])

/** Legacy components: ≤ 5 action rows; per row ≤ 5 buttons or exactly one select; unique custom ids. */
export const validateComponents = (
  components: ReadonlyArray<Json>,
  flags: number,
  at: Path
): Array<FormIssue> => {
  if ((flags & MessageFlag.IsComponentsV2) !== 0) return []
  const issues: Array<FormIssue> = []
  const seen = new Set<string>()
  if (components.length > 5) issues.push(badLength(at, 0, 5))
  components.forEach((row, i) => {
    const rowPath = [...at, i]
    if (num(row, "type") !== 1) {
      issues.push({
        path: [...rowPath, "type"],
        code: "UNION_TYPE_CHOICES",
        message: "Value must be an action row"
      })
      return
    }
    const children = arr(row, "components")
    if (children.length < 1 || children.length > 5) issues.push(badLength([...rowPath, "components"], 1, 5))
    const hasSelect = children.some((c) => selectTypes.has(num(c, "type") ?? 0))
    if (hasSelect && children.length > 1)
      issues.push({
        path: [...rowPath, "components"],
        code: "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        message: "The specified component exceeds the maximum width"
      })
    children.forEach((child, j) =>
      issues.push(...validateInteractive(child, [...rowPath, "components", j], seen))
    )
  })
  return issues
}

const validateInteractive = (component: Json, path: Path, seen: Set<string>): Array<FormIssue> => {
  const issues: Array<FormIssue> = []
  const type = num(component, "type")
  const customId = str(component, "custom_id")
  const isLinkOrPremium = type === 2 && (num(component, "style") === 5 || num(component, "style") === 6)
  if (type === 2 || (type !== undefined && selectTypes.has(type))) {
    if (customId === undefined && !isLinkOrPremium) issues.push(required([...path, "custom_id"]))
    if (customId !== undefined) {
      checkLength(issues, component, "custom_id", 100, path)
      if (seen.has(customId))
        issues.push({
          path: [...path, "custom_id"],
          code: "COMPONENT_CUSTOM_ID_DUPLICATED",
          message: "Component custom id cannot be duplicated"
        })
      seen.add(customId)
    }
  }
  if (type === 2) {
    checkLength(issues, component, "label", 80, path)
    if (num(component, "style") === 5 && str(component, "url") === undefined)
      issues.push(required([...path, "url"]))
  } else if (type !== undefined && selectTypes.has(type)) {
    checkLength(issues, component, "placeholder", 150, path)
    const min = num(component, "min_values") ?? 1
    const max = num(component, "max_values") ?? 1
    if (min < 0 || min > 25) issues.push(badLength([...path, "min_values"], 0, 25))
    if (max < 1 || max > 25) issues.push(badLength([...path, "max_values"], 1, 25))
    if (type === 3) {
      const options = arr(component, "options")
      if (options.length < 1 || options.length > 25) issues.push(badLength([...path, "options"], 1, 25))
      if (max > options.length && options.length > 0)
        issues.push(badLength([...path, "max_values"], 1, options.length))
      options.forEach((option, k) => {
        const optionPath = [...path, "options", k]
        if (str(option, "label") === undefined) issues.push(required([...optionPath, "label"]))
        if (str(option, "value") === undefined) issues.push(required([...optionPath, "value"]))
        checkLength(issues, option, "label", 100, optionPath)
        checkLength(issues, option, "value", 100, optionPath)
        checkLength(issues, option, "description", 100, optionPath)
      })
    }
  }
  return issues
}

/** A message body as the bot sent it (create, edit, callback data or follow-up), after merging edits. */
export interface MessageContent {
  readonly content: string
  readonly embeds: ReadonlyArray<Json>
  readonly components: ReadonlyArray<Json>
  readonly flags: number
  readonly attachmentCount: number
  readonly hasStickersOrPoll: boolean
}

export const validateMessage = (message: MessageContent, at: Path): Array<FormIssue> => [
  ...(message.content.length > 2000 ? [tooLong([...at, "content"], 2000)] : []),
  ...validateEmbeds(message.embeds, [...at, "embeds"]),
  ...validateComponents(message.components, message.flags, [...at, "components"])
]

/** Discord's 50006: nothing a player could see (components alone do not count for legacy messages). */
export const isEmptyMessage = (message: MessageContent): boolean =>
  message.content.trim() === "" &&
  message.embeds.length === 0 &&
  message.attachmentCount === 0 &&
  !message.hasStickersOrPoll &&
  !((message.flags & MessageFlag.IsComponentsV2) !== 0 && message.components.length > 0)

/** Type 9 (MODAL) data: title ≤ 45, custom_id ≤ 100, 1–5 rows or labels, text inputs within limits. */
export const validateModal = (data: Json | undefined, at: Path): Array<FormIssue> => {
  const issues: Array<FormIssue> = []
  if (!isJsonObject(data)) return [required(at)]
  if (str(data, "custom_id") === undefined) issues.push(required([...at, "custom_id"]))
  if (str(data, "title") === undefined) issues.push(required([...at, "title"]))
  checkLength(issues, data, "custom_id", 100, at)
  checkLength(issues, data, "title", 45, at)
  const rows = arr(data, "components")
  if (rows.length < 1 || rows.length > 5) issues.push(badLength([...at, "components"], 1, 5))
  rows.forEach((row, i) => {
    const rowPath = [...at, "components", i]
    const type = num(row, "type")
    const inputs =
      type === 1
        ? arr(row, "components").map((c, j) => [c, [...rowPath, "components", j]] as const)
        : type === 18
          ? [[field(row, "component") ?? null, [...rowPath, "component"]] as const]
          : []
    if (type === 1 && inputs.length !== 1) issues.push(badLength([...rowPath, "components"], 1, 1))
    if (type === 18) checkLength(issues, row, "label", 45, rowPath)
    for (const [input, path] of inputs) {
      if (num(input, "type") !== 4) continue
      if (str(input, "custom_id") === undefined) issues.push(required([...path, "custom_id"]))
      checkLength(issues, input, "custom_id", 100, path)
      if (type === 1) {
        if (str(input, "label") === undefined) issues.push(required([...path, "label"]))
        checkLength(issues, input, "label", 45, path)
      }
      checkLength(issues, input, "placeholder", 100, path)
      checkLength(issues, input, "value", 4000, path)
      const style = num(input, "style")
      if (style !== 1 && style !== 2)
        issues.push({
          path: [...path, "style"],
          code: "BASE_TYPE_CHOICES",
          message: "Value must be one of (1, 2)."
        })
      const maxLength = num(input, "max_length")
      if (maxLength !== undefined && (maxLength < 1 || maxLength > 4000))
        issues.push(badLength([...path, "max_length"], 1, 4000))
    }
  })
  return issues
}

/** Type 8 (autocomplete result): at most 25 choices, names 1–100, string values ≤ 100. */
export const validateChoices = (data: Json | undefined, at: Path): Array<FormIssue> => {
  const issues: Array<FormIssue> = []
  const choices = arr(data, "choices")
  if (!has(data, "choices")) issues.push(required([...at, "choices"]))
  if (choices.length > 25) issues.push(badLength([...at, "choices"], 0, 25))
  choices.forEach((choice, i) => {
    const path = [...at, "choices", i]
    const name = str(choice, "name")
    if (name === undefined || name.length < 1 || name.length > 100)
      issues.push(badLength([...path, "name"], 1, 100))
    checkLength(issues, choice, "value", 100, path)
  })
  return issues
}

export const isEphemeralFlags = (flags: number): boolean => (flags & MessageFlag.Ephemeral) !== 0

/** Reads `flags` from a body; `null`/absent mean 0. */
export const flagsOf = (body: Json | undefined): number => num(body, "flags") ?? 0
