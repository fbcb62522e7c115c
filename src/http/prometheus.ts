/**
 * Effect metrics in the Prometheus text exposition format (version 0.0.4). The maintained exporter
 * (`@effect/opentelemetry` with OpenTelemetry's Prometheus exporter) is not a dependency yet, so
 * this renders `Metric.snapshot` itself, following the same conventions: counters end in `_total`,
 * histograms expose cumulative `_bucket{le}` series with `_sum` and `_count`, frequencies are
 * counters with a `value` label, summaries `{quantile}` series.
 */
import { Option } from "effect"
import type * as MetricLabel from "effect/MetricLabel"
import type * as MetricPair from "effect/MetricPair"
import * as MetricState from "effect/MetricState"

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

/** A metric or label name Prometheus accepts: invalid characters become `_`, no leading digit. */
export const sanitizeName = (name: string): string => {
  const cleaned = name.replace(/[^a-zA-Z0-9_:]/g, "_")
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned
}

const labelName = (name: string) => sanitizeName(name).replace(/:/g, "_")

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")

const escapeHelp = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")

export const formatNumber = (value: number | bigint): string => {
  if (typeof value === "bigint") return value.toString()
  if (Number.isNaN(value)) return "NaN"
  if (value === Infinity) return "+Inf"
  if (value === -Infinity) return "-Inf"
  return String(value)
}

const labels = (
  tags: ReadonlyArray<MetricLabel.MetricLabel>,
  extra: ReadonlyArray<readonly [string, string]> = []
) => {
  const pairs = [...tags.map((tag) => [tag.key, tag.value] as const), ...extra]
  return pairs.length === 0
    ? ""
    : `{${pairs.map(([key, value]) => `${labelName(key)}="${escapeLabel(value)}"`).join(",")}}`
}

interface Family {
  readonly name: string
  readonly type: "counter" | "gauge" | "histogram" | "summary"
  help: Option.Option<string>
  readonly lines: Array<string>
}

const familyOf = (pair: MetricPair.MetricPair.Untyped): Omit<Family, "lines"> | null => {
  const state = pair.metricState
  const base = sanitizeName(pair.metricKey.name)
  const help = pair.metricKey.description
  if (MetricState.isCounterState(state) || MetricState.isFrequencyState(state)) {
    return { name: base.endsWith("_total") ? base : `${base}_total`, type: "counter", help }
  }
  if (MetricState.isGaugeState(state)) return { name: base, type: "gauge", help }
  if (MetricState.isHistogramState(state)) return { name: base, type: "histogram", help }
  if (MetricState.isSummaryState(state)) return { name: base, type: "summary", help }
  return null
}

const samples = (name: string, pair: MetricPair.MetricPair.Untyped): ReadonlyArray<string> => {
  const state = pair.metricState
  const tags = pair.metricKey.tags
  if (MetricState.isCounterState(state) || MetricState.isGaugeState(state)) {
    return [
      `${name}${labels(tags)} ${formatNumber(MetricState.isCounterState(state) ? state.count : state.value)}`
    ]
  }
  if (MetricState.isFrequencyState(state)) {
    return [...state.occurrences].map(
      ([value, count]) => `${name}${labels(tags, [["value", value]])} ${count}`
    )
  }
  if (MetricState.isHistogramState(state)) {
    const buckets = state.buckets.map(
      ([bound, count]) => `${name}_bucket${labels(tags, [["le", formatNumber(bound)]])} ${count}`
    )
    const hasInf = state.buckets.some(([bound]) => bound === Infinity)
    return [
      ...buckets,
      ...(hasInf ? [] : [`${name}_bucket${labels(tags, [["le", "+Inf"]])} ${state.count}`]),
      `${name}_sum${labels(tags)} ${formatNumber(state.sum)}`,
      `${name}_count${labels(tags)} ${state.count}`
    ]
  }
  if (MetricState.isSummaryState(state)) {
    return [
      ...state.quantiles.flatMap(([quantile, value]) =>
        Option.isSome(value)
          ? [`${name}${labels(tags, [["quantile", String(quantile)]])} ${formatNumber(value.value)}`]
          : []
      ),
      `${name}_sum${labels(tags)} ${formatNumber(state.sum)}`,
      `${name}_count${labels(tags)} ${state.count}`
    ]
  }
  return []
}

/** The exposition text of `pairs`: one family per metric name, sorted by name, HELP and TYPE first. */
export const renderPrometheus = (pairs: ReadonlyArray<MetricPair.MetricPair.Untyped>): string => {
  const families = new Map<string, Family>()
  for (const pair of pairs) {
    const family = familyOf(pair)
    if (family === null) continue
    const known = families.get(family.name)
    // A name registered with two types cannot be exposed twice; the first one wins.
    if (known !== undefined && known.type !== family.type) continue
    const target: Family = known ?? { ...family, lines: [] }
    if (known === undefined) families.set(family.name, target)
    target.help = Option.orElse(target.help, () => family.help)
    target.lines.push(...samples(family.name, pair))
  }
  return [...families.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((family) =>
      [
        ...Option.match(family.help, {
          onNone: () => [],
          onSome: (help) => [`# HELP ${family.name} ${escapeHelp(help)}`]
        }),
        `# TYPE ${family.name} ${family.type}`,
        ...family.lines
      ].join("\n")
    )
    .join("\n")
    .concat("\n")
}
