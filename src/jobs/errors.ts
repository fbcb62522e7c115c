/** Failures of the job queue, and how a handler's failure is written to `last_error`. */
import { Data } from "effect"

/** A payload that its kind's schema rejects: retrying cannot help, so the job dies at once. */
export class InvalidJobPayload extends Data.TaggedError("InvalidJobPayload")<{
  readonly kind: string
  readonly message: string
}> {}

/** A handler (or its commit step) failed with a typed error; the job is retried. */
export class JobHandlerFailed extends Data.TaggedError("JobHandlerFailed")<{
  readonly kind: string
  readonly message: string
  readonly error: unknown
}> {}

export class JobNotFound extends Data.TaggedError("JobNotFound")<{
  readonly jobId: number
}> {}

/** Only dead jobs can be redriven. */
export class JobNotDead extends Data.TaggedError("JobNotDead")<{
  readonly jobId: number
  readonly status: string
}> {}

/** `last_error` is for people: keep it readable and bounded. */
export const MAX_ERROR_LENGTH = 4000

export const truncateError = (text: string): string =>
  text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`

const hasStringField = <K extends string>(value: object, key: K): value is Record<K, string> =>
  key in value && typeof Reflect.get(value, key) === "string"

/** One line for a typed failure: `Tag: message`, an Error's name and message, or its JSON. */
export const describeError = (error: unknown): string => {
  if (typeof error === "string") return error
  if (typeof error === "object" && error !== null) {
    const tag = hasStringField(error, "_tag") ? error._tag : error instanceof Error ? error.name : undefined
    const message = hasStringField(error, "message") ? error.message : undefined
    if (tag !== undefined && message !== undefined && message !== "") return `${tag}: ${message}`
    if (tag !== undefined) return tag
    if (message !== undefined) return message
  }
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}
