/** The log of everything the bot asked of Discord, and of everything Discord would have refused. */
import type { Changes } from "./changes.js"
import type { Json } from "./json.js"

export interface RecordedRequest {
  readonly at: number
  readonly method: string
  /** Path below `/api/v10`, without the query. */
  readonly path: string
  readonly query: string
  /** The route template, e.g. `"POST /channels/:channel/messages"` (what `rateLimitNext` matches). */
  readonly route: string
  readonly status: number
  readonly body: Json | undefined
  readonly files: ReadonlyArray<{ readonly field: string; readonly filename: string; readonly size: number }>
  readonly response: Json | undefined
  /** Answered with an armed 429. */
  readonly rateLimited: boolean
}

export interface Violation {
  readonly at: number
  /** `"InvalidFormBody"`, `"AlreadyAcknowledged"`, `"UnknownInteraction"`, `"EmptyMessage"`, `"InteractionFailed"`, … */
  readonly kind: string
  readonly status: number
  /** Discord's JSON error code (0 when there is none). */
  readonly code: number
  readonly message: string
  /** `"METHOD /path"` of the refused request, or the webhook endpoint for failed deliveries. */
  readonly request: string
  readonly errors: Json | undefined
  readonly interactionId: string | undefined
}

const kinds: Record<number, string> = {
  0: "HttpError",
  10003: "UnknownChannel",
  10008: "UnknownMessage",
  10013: "UnknownUser",
  10015: "UnknownWebhook",
  10062: "UnknownInteraction",
  40060: "AlreadyAcknowledged",
  50003: "CannotExecuteOnDm",
  50005: "CannotEditOthersMessage",
  50006: "EmptyMessage",
  50007: "CannotSendToUser",
  50027: "InvalidWebhookToken",
  50034: "MessageTooOldToBulkDelete",
  50035: "InvalidFormBody"
}

export const violationKind = (code: number): string => kinds[code] ?? `DiscordError${code}`

export class Recorder {
  readonly requests: Array<RecordedRequest> = []
  readonly violations: Array<Violation> = []

  constructor(private readonly changes: Changes) {}

  request(entry: RecordedRequest): void {
    this.requests.push(entry)
    this.changes.emit()
  }

  violation(entry: Violation): void {
    this.violations.push(entry)
    this.changes.emit()
  }

  clearViolations(): void {
    this.violations.length = 0
  }
}
