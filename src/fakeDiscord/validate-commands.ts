/**
 * What Discord checks when commands are registered (bulk overwrite): names, descriptions, option
 * counts and order, choices. A bad definition fails registration in production, so it fails here too.
 */
import type { FormIssue } from "./errors.js"
import { arr, bool, has, num, str, type Json } from "./json.js"

const namePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u

type Path = ReadonlyArray<string | number>

const checkName = (issues: Array<FormIssue>, value: Json, path: Path) => {
  const name = str(value, "name")
  if (name === undefined || !namePattern.test(name) || name !== name.toLowerCase())
    issues.push({
      path: [...path, "name"],
      code: "APPLICATION_COMMAND_INVALID_NAME",
      message: "Command name is invalid"
    })
}

const checkDescription = (issues: Array<FormIssue>, value: Json, path: Path) => {
  const description = str(value, "description") ?? ""
  if (description.length < 1 || description.length > 100)
    issues.push({
      path: [...path, "description"],
      code: "BASE_TYPE_BAD_LENGTH",
      message: "Must be between 1 and 100 in length."
    })
}

const checkOptions = (issues: Array<FormIssue>, options: ReadonlyArray<Json>, path: Path) => {
  if (options.length > 25)
    issues.push({ path, code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 0 and 25 in length." })
  const names = new Set<string>()
  let sawOptional = false
  options.forEach((option, i) => {
    const at = [...path, i]
    checkName(issues, option, at)
    checkDescription(issues, option, at)
    const name = str(option, "name") ?? ""
    if (names.has(name))
      issues.push({
        path: [...at, "name"],
        code: "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
        message: "Option names must be unique"
      })
    names.add(name)
    const type = num(option, "type")
    if (type === 1 || type === 2) {
      checkOptions(issues, arr(option, "options"), [...at, "options"])
      return
    }
    const isRequired = bool(option, "required") === true
    if (isRequired && sawOptional)
      issues.push({
        path: [...at, "required"],
        code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        message: "Required options must be placed before non-required options"
      })
    if (!isRequired) sawOptional = true
    const choices = arr(option, "choices")
    if (choices.length > 25)
      issues.push({
        path: [...at, "choices"],
        code: "BASE_TYPE_BAD_LENGTH",
        message: "Must be between 0 and 25 in length."
      })
    if (choices.length > 0 && bool(option, "autocomplete") === true)
      issues.push({
        path: [...at, "autocomplete"],
        code: "AUTOCOMPLETE_AND_CHOICES_INVALID",
        message: "Autocomplete cannot be enabled on options that have choices"
      })
  })
}

/** Issues for a bulk overwrite body: at most 100 commands, unique (name, type), each well formed. */
export const validateCommands = (commands: ReadonlyArray<Json>): Array<FormIssue> => {
  const issues: Array<FormIssue> = []
  if (commands.length > 100)
    issues.push({ path: [], code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 0 and 100 in length." })
  const seen = new Set<string>()
  commands.forEach((command, i) => {
    const type = num(command, "type") ?? 1
    const key = `${type}:${str(command, "name") ?? ""}`
    if (seen.has(key))
      issues.push({
        path: [i, "name"],
        code: "APPLICATION_COMMANDS_DUPLICATE_NAME",
        message: "Application command names must be unique"
      })
    seen.add(key)
    checkName(issues, command, [i])
    if (type === 1) checkDescription(issues, command, [i])
    if (has(command, "options")) checkOptions(issues, arr(command, "options"), [i, "options"])
  })
  return issues
}
