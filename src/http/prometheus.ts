/**
 * Effect metrics in the Prometheus text format through the maintained exporters:
 * `@effect/opentelemetry` reads Effect's metric registry as an OpenTelemetry metric producer, and
 * OpenTelemetry's Prometheus exporter collects from it and serializes. The exporter's own HTTP server
 * stays off: `/metrics` is a route of our server, and collection happens only when it is scraped.
 */
import * as Metrics from "@effect/opentelemetry/Metrics"
import * as OtelResource from "@effect/opentelemetry/Resource"
import { PrometheusExporter, PrometheusSerializer } from "@opentelemetry/exporter-prometheus"
import { Data, Effect } from "effect"

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

export class MetricsCollectionFailed extends Data.TaggedError("MetricsCollectionFailed")<{
  readonly cause: unknown
}> {}

export class PrometheusMetrics extends Effect.Service<PrometheusMetrics>()("PrometheusMetrics", {
  scoped: Effect.gen(function* () {
    const exporter = new PrometheusExporter({ preventServerStart: true })
    yield* Metrics.registerProducer(yield* Metrics.makeProducer, () => exporter)
    // No target_info series and no otel_scope labels: one process, one scope, plain metric names.
    const serializer = new PrometheusSerializer(undefined, false, undefined, true, true)

    /** Every metric of the process, as Prometheus text. */
    const render = Effect.tryPromise({
      try: () => exporter.collect(),
      catch: (cause) => new MetricsCollectionFailed({ cause })
    }).pipe(
      Effect.map(({ resourceMetrics }) => serializer.serialize(resourceMetrics)),
      Effect.withSpan("PrometheusMetrics.render")
    )

    return { render }
  }),
  dependencies: [OtelResource.layer({ serviceName: "evoladder" })]
}) {}
