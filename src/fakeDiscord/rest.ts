/**
 * Serves REST API v10: matches a route, checks the bot token, answers armed 429s, records every
 * request, and records every refusal as a violation (and on the interaction it concerns).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { setTimeout as sleep } from "node:timers/promises"
import { parseBody, readRequest } from "./body.js"
import { badRequest, DiscordApiError, routeNotFound, unauthorized } from "./errors.js"
import { toJson } from "./json.js"
import { violationKind } from "./recorder.js"
import { routes, type Route } from "./routes.js"
import type { FakeState } from "./state.js"

const match = (route: Route, method: string, path: string): Record<string, string> | undefined => {
  if (route.method !== method) return undefined
  const want = route.pattern.split("/")
  const got = path.split("/")
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? ""
    const g = decodeURIComponent(got[i] ?? "")
    if (w.startsWith(":")) params[w.slice(1)] = g
    else if (w !== g) return undefined
  }
  return params
}

/**
 * The interaction a token route is about. Edits and follow-ups wait while a webhook delivery of it
 * still waits for the bot's HTTP answer: in one process the bot's next request can overtake the
 * answer it just wrote, which over a real network does not happen. A request the bot makes before
 * answering at all still fails, once the answer deadline has passed. REST callbacks never wait.
 */
const interactionFor = async (state: FakeState, route: Route, params: Record<string, string>) => {
  const interaction =
    params["interaction"] !== undefined
      ? state.interactions.get(params["interaction"])
      : state.interactions.byTokenOnly(params["token"] ?? "")
  const delivery = interaction?.delivery
  if (delivery !== undefined && route.pattern.startsWith("/webhooks/"))
    await Promise.race([delivery, sleep(state.settings.deadlineMs ?? state.settings.timeoutMs)])
  return interaction
}

const send = (res: ServerResponse, status: number, headers: Record<string, string>, json: unknown) => {
  const body = json === undefined ? "" : JSON.stringify(json)
  res.writeHead(status, { ...headers, ...(json === undefined ? {} : { "content-type": "application/json" }) })
  res.end(body)
}

/** Handles one request below `/api/v10`. */
export const handleRest = async (
  state: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams
) => {
  const method = req.method ?? "GET"
  const bytes = await readRequest(req)
  const body = parseBody(bytes, req.headers["content-type"])
  const found = routes
    .map((route) => [route, match(route, method, path)] as const)
    .find(([, params]) => params !== undefined)
  const route = found?.[0]
  const params = found?.[1] ?? {}
  const routeName = route === undefined ? `${method} ${path}` : `${method} ${route.pattern}`
  const interaction = route?.tokenAuth === true ? await interactionFor(state, route, params) : undefined
  const record = (status: number, response: unknown, rateLimited: boolean) => {
    state.recorder.request({
      at: state.ids.now(),
      method,
      path,
      query: query.toString(),
      route: routeName,
      status,
      body: body.json,
      files: body.files.map((f) => ({ field: f.field, filename: f.filename, size: f.bytes.length })),
      response: response === undefined ? undefined : toJson(response),
      rateLimited
    })
  }
  const limited = state.rateLimits.take(routeName, method, path)
  if (limited !== undefined) {
    record(429, limited.body, true)
    send(res, 429, limited.headers, limited.body)
    return
  }
  try {
    if (route === undefined) throw routeNotFound()
    if (route.tokenAuth !== true && req.headers.authorization !== `Bot ${state.settings.token}`)
      throw unauthorized()
    if (body.malformed) throw badRequest("400: Bad Request")
    const answer = await route.handle(state, { method, path, query, params, body })
    record(answer.status, answer.json, false)
    send(res, answer.status, state.rateLimits.success(routeName), answer.json)
  } catch (error) {
    const failure =
      error instanceof DiscordApiError
        ? error
        : new DiscordApiError({ status: 500, code: 0, message: String(error) })
    record(failure.status, failure.body, false)
    state.recorder.violation({
      at: state.ids.now(),
      kind: route === undefined ? "UnsupportedRoute" : violationKind(failure.code),
      status: failure.status,
      code: failure.code,
      message: failure.message,
      request: `${method} ${path}`,
      errors: failure.errors,
      interactionId: interaction?.id
    })
    if (interaction !== undefined)
      state.interactions.reject(interaction, {
        at: state.ids.now(),
        request: `${method} ${route?.pattern ?? path}`,
        status: failure.status,
        code: failure.code,
        message: failure.message
      })
    send(res, failure.status, state.rateLimits.success(routeName), failure.body)
  }
}
