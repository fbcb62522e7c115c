/**
 * The Prometheus text rendering of Effect metrics: names, label escaping, counters with `_total`,
 * cumulative histogram buckets ending in `+Inf`, gauges, frequencies and summaries, HELP and TYPE
 * once per family.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Metric, MetricBoundaries } from "effect"
import * as MetricKey from "effect/MetricKey"
import * as MetricPair from "effect/MetricPair"
import * as MetricState from "effect/MetricState"
import { formatNumber, renderPrometheus, sanitizeName } from "../../src/http/prometheus.js"

/** Metrics of a fresh name per test: the registry is global to the process. */
let unique = 0
const named = (base: string) => `${base}_${++unique}`

const snapshotOf = (names: ReadonlyArray<string>) =>
  Effect.map(Metric.snapshot, (pairs) => pairs.filter((pair) => names.includes(pair.metricKey.name)))

describe("renderPrometheus", () => {
  it.effect("counters get _total, one HELP and TYPE per family, escaped label values", () =>
    Effect.gen(function* () {
      const name = named("test_requests")
      const counter = Metric.counter(name, { description: "Requests\nseen" })
      yield* Metric.update(counter.pipe(Metric.tagged("path", '/a"b\\c')), 2)
      yield* Metric.update(counter.pipe(Metric.tagged("path", "/x")), 1)
      const text = renderPrometheus(yield* snapshotOf([name]))
      const lines = text.trim().split("\n")
      expect(lines[0]).toBe(`# HELP ${name}_total Requests\\nseen`)
      expect(lines[1]).toBe(`# TYPE ${name}_total counter`)
      expect(lines.slice(2).sort()).toEqual([
        `${name}_total{path="/a\\"b\\\\c"} 2`,
        `${name}_total{path="/x"} 1`
      ])
      expect(text.endsWith("\n")).toBe(true)
    })
  )

  it.effect("histograms: cumulative buckets with le, +Inf, _sum and _count", () =>
    Effect.gen(function* () {
      const name = named("test_duration_ms")
      const histogram = Metric.histogram(name, MetricBoundaries.fromIterable([1, 10]), "Durations")
      for (const value of [0.5, 5, 5, 50]) yield* Metric.update(histogram, value)
      const lines = renderPrometheus(yield* snapshotOf([name]))
        .trim()
        .split("\n")
      expect(lines).toEqual([
        `# HELP ${name} Durations`,
        `# TYPE ${name} histogram`,
        `${name}_bucket{le="1"} 1`,
        `${name}_bucket{le="10"} 3`,
        `${name}_bucket{le="+Inf"} 4`,
        `${name}_sum 60.5`,
        `${name}_count 4`
      ])
    })
  )

  it.effect("gauges as they are; frequencies as counters by value; summaries by quantile", () =>
    Effect.gen(function* () {
      const gauge = named("test_level")
      const frequency = named("test_kinds")
      const summary = named("test_sizes")
      yield* Metric.set(Metric.gauge(gauge).pipe(Metric.tagged("where", "here")), -3)
      yield* Metric.update(Metric.frequency(frequency), "a")
      yield* Metric.update(Metric.frequency(frequency), "a")
      yield* Metric.update(
        Metric.summary({ name: summary, maxAge: "1 minute", maxSize: 10, error: 0, quantiles: [0.5] }),
        7
      )
      const text = renderPrometheus(yield* snapshotOf([gauge, frequency, summary]))
      expect(text).toContain(`# TYPE ${gauge} gauge\n${gauge}{where="here"} -3\n`)
      expect(text).toContain(`# TYPE ${frequency}_total counter\n${frequency}_total{value="a"} 2\n`)
      expect(text).toContain(
        `# TYPE ${summary} summary\n${summary}{quantile="0.5"} 7\n${summary}_sum 7\n${summary}_count 1`
      )
    })
  )

  it("sorts families by name; a pair made by hand renders like any other; odd names are fixed", () => {
    const text = renderPrometheus([
      MetricPair.unsafeMake(MetricKey.gauge("zeta"), MetricState.gauge(1)),
      MetricPair.unsafeMake(MetricKey.counter("alpha.count-x"), MetricState.counter(3))
    ])
    expect(text).toBe(
      "# TYPE alpha_count_x_total counter\nalpha_count_x_total 3\n# TYPE zeta gauge\nzeta 1\n"
    )
    expect(sanitizeName("9lives")).toBe("_9lives")
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(NaN), formatNumber(10n)]).toEqual([
      "+Inf",
      "-Inf",
      "NaN",
      "10"
    ])
  })
})
