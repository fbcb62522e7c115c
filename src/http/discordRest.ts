/**
 * The HTTP client dfx talks to Discord's REST API with, measured: every request's latency by method
 * and API resource, its status, and each 429 by scope. dfx retries a 429 through the same client,
 * so the retry is counted as a request of its own.
 */
import { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Clock, Effect, Exit, Layer, Metric, MetricBoundaries } from "effect"

export const restRequests = Metric.counter("evoladder_discord_rest_requests_total", {
  description: "Discord REST requests by method, API resource and status (error: no response)",
  incremental: true
})

export const restDuration = Metric.histogram(
  "evoladder_discord_rest_request_duration_ms",
  MetricBoundaries.exponential({ start: 5, factor: 2, count: 12 }),
  "Discord REST request latency in milliseconds, by method and API resource"
)

export const restRateLimited = Metric.counter("evoladder_discord_rest_rate_limited_total", {
  description: "Discord REST answers with status 429, by scope (user, global, shared)",
  incremental: true
})

/** The API resource a URL addresses (`channels`, `interactions`, `webhooks`…): few values, unlike ids. */
export const resourceOf = (url: string): string => /\/api\/v\d+\/([a-z-]+)/.exec(url)?.[1] ?? "other"

const scopeOf = (headers: Readonly<Record<string, string | undefined>>) =>
  headers["x-ratelimit-global"] === "true" ? "global" : (headers["x-ratelimit-scope"] ?? "user")

export const instrument = <E, R>(
  client: HttpClient.HttpClient.With<E, R>
): HttpClient.HttpClient.With<E, R> =>
  HttpClient.transform(client, (effect, request) =>
    Effect.gen(function* () {
      const started = yield* Clock.currentTimeMillis
      const exit = yield* Effect.exit(effect)
      const elapsed = (yield* Clock.currentTimeMillis) - started
      const method = request.method
      const resource = resourceOf(request.url)
      const status = Exit.isSuccess(exit) ? String(exit.value.status) : "error"
      yield* Metric.update(
        restRequests.pipe(
          Metric.tagged("method", method),
          Metric.tagged("resource", resource),
          Metric.tagged("status", status)
        ),
        1
      )
      yield* Metric.update(
        restDuration.pipe(Metric.tagged("method", method), Metric.tagged("resource", resource)),
        elapsed
      )
      if (Exit.isSuccess(exit) && exit.value.status === 429) {
        yield* Metric.update(restRateLimited.pipe(Metric.tagged("scope", scopeOf(exit.value.headers))), 1)
      }
      return yield* exit
    })
  )

/** Node's HTTP client (not undici: on Node 20 it rejects the FormData dfx builds for uploads), measured. */
export const DiscordHttpClientLive = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, instrument)
).pipe(Layer.provide(NodeHttpClient.layer))
