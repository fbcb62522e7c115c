/**
 * HTTP interactions: the fake POSTs signed interactions to the bot's endpoint and takes the HTTP
 * answer as the interaction callback. Also sends deliberately bad requests (forged, tampered,
 * stale, unsigned) so tests can check that the endpoint refuses them.
 */
import { parseBody } from "./body.js"
import { DiscordApiError } from "./errors.js"
import type { InteractionState } from "./interactions.js"
import { isJsonObject, parseJson, type Json } from "./json.js"
import { generateKeys, signatureHeaders, wallClockSeconds, type SignatureMode } from "./signing.js"
import { violationKind } from "./recorder.js"
import type { FakeState } from "./state.js"

export interface EndpointAnswer {
  readonly status: number
  /** JSON when the answer was JSON, else the text. */
  readonly body: Json | string
}

export interface SendOptions {
  /** For `"stale"`: how old the timestamp is, in seconds (default 30 days). */
  readonly ageSeconds?: number
}

const userAgent = "Discord-Interactions/1.0 (+https://discord.com)"
const thirtyDays = 30 * 24 * 60 * 60

/** Signs (or mis-signs) `body` the way `mode` says and POSTs it. */
export const sendSigned = async (
  state: FakeState,
  url: string,
  body: string,
  mode: SignatureMode,
  options: SendOptions = {}
): Promise<Response> => {
  const nowSeconds = wallClockSeconds()
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": userAgent }
  let sent = body
  switch (mode) {
    case "valid":
      Object.assign(headers, signatureHeaders(state.keys, body, nowSeconds))
      break
    case "forged":
      Object.assign(headers, signatureHeaders(generateKeys(), body, nowSeconds))
      break
    case "tampered": {
      Object.assign(headers, signatureHeaders(state.keys, body, nowSeconds))
      const parsed = parseJson(body)
      sent = isJsonObject(parsed) ? JSON.stringify({ ...parsed, tampered: true }) : `${body} `
      break
    }
    case "stale":
      Object.assign(
        headers,
        signatureHeaders(state.keys, body, nowSeconds - (options.ageSeconds ?? thirtyDays))
      )
      break
    case "missing":
      break
  }
  return fetch(url, { method: "POST", headers, body: sent })
}

export const readAnswer = async (response: Response): Promise<EndpointAnswer> => {
  const text = await response.text()
  return { status: response.status, body: parseJson(text) ?? text }
}

/** Delivers one interaction to the endpoint; its HTTP answer becomes the interaction's callback. */
export const deliver = (state: FakeState, url: string, interaction: InteractionState): Promise<void> => {
  const run = async () => {
    const fail = (status: number, code: number, message: string, errors?: Json) => {
      state.recorder.violation({
        at: state.ids.now(),
        // A refused answer is named like the REST refusal; anything else means the interaction failed.
        kind: code === 0 ? "InteractionFailed" : violationKind(code),
        status,
        code,
        message,
        request: `POST ${url}`,
        errors,
        interactionId: interaction.id
      })
      state.interactions.reject(interaction, {
        at: state.ids.now(),
        request: `POST ${url}`,
        status,
        code,
        message
      })
    }
    try {
      const response = await sendSigned(state, url, JSON.stringify(interaction.payload), "valid")
      const bytes = new Uint8Array(await response.arrayBuffer())
      if (response.status !== 200) {
        fail(
          response.status,
          0,
          `the endpoint answered ${response.status}: ${Buffer.from(bytes).toString("utf8").slice(0, 200)}`
        )
        return
      }
      const body = parseBody(bytes, response.headers.get("content-type") ?? undefined)
      state.interactions.callback(interaction.id, interaction.token, body.json, body.files, "webhook")
    } catch (error) {
      if (error instanceof DiscordApiError) fail(error.status, error.code, error.message, error.errors)
      else fail(0, 0, `the endpoint could not be reached: ${String(error)}`)
    }
  }
  const delivery = run().finally(() => {
    interaction.delivery = undefined
    state.changes.emit()
  })
  interaction.delivery = delivery
  return delivery
}

/**
 * What Discord does when an Interactions Endpoint URL is saved: a signed PING must get `{ type: 1 }`,
 * and a PING with a bad signature must get 401. Returns the problem, or `undefined` when accepted.
 */
export const verifyEndpoint = async (state: FakeState, url: string): Promise<string | undefined> => {
  const ping = JSON.stringify({
    id: state.ids.snowflake(),
    application_id: state.settings.applicationId,
    type: 1,
    token: state.ids.token(),
    version: 1
  })
  const good = await readAnswer(await sendSigned(state, url, ping, "valid"))
  if (good.status !== 200 || !isJsonObject(good.body) || good.body["type"] !== 1)
    return `a signed PING must be answered 200 {"type":1}, got ${good.status} ${JSON.stringify(good.body)}`
  const bad = await readAnswer(await sendSigned(state, url, ping, "forged"))
  if (bad.status !== 401) return `a PING with a bad signature must be answered 401, got ${bad.status}`
  return undefined
}
