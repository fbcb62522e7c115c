/**
 * Discord's error answers: HTTP status plus the JSON body `{ code, message, errors? }`
 * (JSON error codes from Discord's "Opcodes and Status Codes" reference).
 */
import { Data } from "effect"
import type { Json, JsonObject } from "./json.js"

export class DiscordApiError extends Data.TaggedError("DiscordApiError")<{
  readonly status: number
  readonly code: number
  readonly message: string
  readonly errors?: JsonObject
}> {
  get body(): JsonObject {
    return this.errors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errors: this.errors }
  }
}

const make = (status: number, code: number, message: string) => new DiscordApiError({ status, code, message })

export const unauthorized = () => make(401, 0, "401: Unauthorized")
export const routeNotFound = () => make(404, 0, "404: Not Found")
export const unknownChannel = () => make(404, 10003, "Unknown Channel")
export const unknownMessage = () => make(404, 10008, "Unknown Message")
export const unknownUser = () => make(404, 10013, "Unknown User")
export const unknownWebhook = () => make(404, 10015, "Unknown Webhook")
export const unknownInteraction = () => make(404, 10062, "Unknown interaction")
export const alreadyAcknowledged = () => make(400, 40060, "Interaction has already been acknowledged.")
export const cannotExecuteOnDm = () => make(403, 50003, "Cannot execute action on a DM channel")
export const cannotEditOthersMessage = () =>
  make(403, 50005, "Cannot edit a message authored by another user")
export const emptyMessage = () => make(400, 50006, "Cannot send an empty message")
export const cannotSendToUser = () => make(403, 50007, "Cannot send messages to this user")
export const invalidWebhookToken = () => make(401, 50027, "Invalid Webhook Token")
export const badRequest = (message: string) => make(400, 50035, message)

/** One problem in a request body, addressed like Discord's `errors` tree (`["embeds", 0, "title"]`). */
export interface FormIssue {
  readonly path: ReadonlyArray<string | number>
  readonly code: string
  readonly message: string
}

/** 50035 "Invalid Form Body" with the nested `errors` object Discord builds from the issue paths. */
export const invalidFormBody = (issues: ReadonlyArray<FormIssue>): DiscordApiError =>
  new DiscordApiError({ status: 400, code: 50035, message: "Invalid Form Body", errors: errorTree(issues) })

const errorTree = (issues: ReadonlyArray<FormIssue>): JsonObject => {
  type Node = { [key: string]: Node | Array<Json> }
  const root: Node = {}
  for (const issue of issues) {
    let node = root
    for (const key of issue.path) {
      const next = node[String(key)]
      if (next === undefined || Array.isArray(next)) {
        const child: Node = {}
        node[String(key)] = child
        node = child
      } else {
        node = next
      }
    }
    const errors = node["_errors"]
    const entry: JsonObject = { code: issue.code, message: issue.message }
    if (Array.isArray(errors)) errors.push(entry)
    else node["_errors"] = [entry]
  }
  return root
}
