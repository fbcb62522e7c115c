/**
 * The operations endpoints: `GET /healthz` (JSON, 200 or 503) and `GET /metrics` (Prometheus text).
 * Served on EVOLADDER_HTTP_PORT by the gateway deployment, and next to `/interactions` by the webhook
 * deployment.
 */
import { HttpRouter, HttpServer, HttpServerResponse } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { createServer } from "node:http"
import { AppConfig } from "../config.js"
import { checkHealth } from "./health.js"
import { LadderMetricsLive, scrapeMetrics } from "./metrics.js"
import { CONTENT_TYPE } from "./prometheus.js"

export const operationsRouter = HttpRouter.empty.pipe(
  HttpRouter.get(
    "/healthz",
    Effect.flatMap(checkHealth, (health) =>
      HttpServerResponse.json(health, { status: health.status === "ok" ? 200 : 503 })
    )
  ),
  HttpRouter.get(
    "/metrics",
    Effect.map(scrapeMetrics, (text) => HttpServerResponse.text(text, { contentType: CONTENT_TYPE }))
  )
)

/** The gateway deployment's HTTP server: only the operations endpoints. */
export const OperationsServerLive = Layer.unwrapEffect(
  Effect.gen(function* () {
    const { operations } = yield* AppConfig
    yield* Effect.logInfo(`Serving /healthz and /metrics on port ${operations.httpPort}`)
    return operationsRouter.pipe(
      HttpServer.serve(),
      Layer.provide(NodeHttpServer.layer(createServer, { port: operations.httpPort }))
    )
  })
).pipe(Layer.provideMerge(LadderMetricsLive))
