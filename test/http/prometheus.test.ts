/**
 * Effect metrics through `@effect/opentelemetry` and OpenTelemetry's Prometheus exporter, as
 * `/metrics` renders them: monotonic counters as `counter` families ending in `_total`, labels from
 * tags, histograms with cumulative buckets ending in `+Inf`, gauges as they are, HELP text.
 */
import { describe, expect, layer } from "@effect/vitest"
import { Effect, Metric, MetricBoundaries } from "effect"
import { PrometheusMetrics } from "../../src/http/prometheus.js"

/** Metrics of a fresh name per test: the registry is global to the process. */
let unique = 0
const named = (base: string) => `${base}_${++unique}`

/** The lines of the rendered text that belong to `name`'s family. */
const familyLines = (text: string, name: string) =>
  text.split("\n").filter((line) => line.includes(` ${name}`) || line.startsWith(name))

describe("/metrics rendering", () => {
  layer(PrometheusMetrics.Default)((it) => {
    it.effect("counters: one counter family with _total, HELP, and a series per tag value", () =>
      Effect.gen(function* () {
        const name = named("test_requests")
        const counter = Metric.counter(`${name}_total`, { description: "Requests seen", incremental: true })
        yield* Metric.update(counter.pipe(Metric.tagged("path", '/a"b')), 2)
        yield* Metric.update(counter.pipe(Metric.tagged("path", "/x")), 1)
        const lines = familyLines(yield* (yield* PrometheusMetrics).render, `${name}_total`)
        expect(lines).toContain(`# HELP ${name}_total Requests seen`)
        expect(lines).toContain(`# TYPE ${name}_total counter`)
        expect(lines).toContain(`${name}_total{path="/a\\"b"} 2`)
        expect(lines).toContain(`${name}_total{path="/x"} 1`)
      })
    )

    it.effect("histograms: cumulative buckets with le, +Inf, _sum and _count", () =>
      Effect.gen(function* () {
        const name = named("test_duration_ms")
        const histogram = Metric.histogram(name, MetricBoundaries.fromIterable([1, 10]), "Durations")
        for (const value of [0.5, 5, 5, 50]) yield* Metric.update(histogram, value)
        const lines = familyLines(yield* (yield* PrometheusMetrics).render, name)
        expect(lines).toContain(`# TYPE ${name} histogram`)
        expect(lines).toContain(`${name}_bucket{le="1"} 1`)
        expect(lines).toContain(`${name}_bucket{le="10"} 3`)
        expect(lines).toContain(`${name}_bucket{le="+Inf"} 4`)
        expect(lines).toContain(`${name}_sum 60.5`)
        expect(lines).toContain(`${name}_count 4`)
      })
    )

    it.effect("gauges as they are, and the latest value after a change", () =>
      Effect.gen(function* () {
        const name = named("test_level")
        const gauge = Metric.gauge(name).pipe(Metric.tagged("where", "here"))
        yield* Metric.set(gauge, -3)
        expect(familyLines(yield* (yield* PrometheusMetrics).render, name)).toContain(
          `${name}{where="here"} -3`
        )
        yield* Metric.set(gauge, 4)
        const lines = familyLines(yield* (yield* PrometheusMetrics).render, name)
        expect(lines).toContain(`# TYPE ${name} gauge`)
        expect(lines).toContain(`${name}{where="here"} 4`)
      })
    )
  })
})
