/**
 * Queue pressure and the elastic MMR window (reference §5.3 step 5, `Matchmaker.max_diff`).
 *
 * The reference picks (base, growth) by a scale-adjusted pressure ratio
 * `p = min(1, scale · |queue| / |active|)` — scale 1.2 up to 10 active players, 1.0 up to 25, else
 * 0.8 — into a high (p ≥ 0.20), moderate (p ≥ 0.10) or low band, and falls back to a default band
 * when nobody is active. At HEAD every band is (100, 50), so the window is 100 + 50·w; the bands stay
 * configurable here.
 */

/** (base, growth) of the window `base + growth · waitCycles`. */
export interface WindowShape {
  readonly base: number
  readonly growth: number
}

export type PressureBandName = "high" | "moderate" | "low" | "default"

export interface PressureBands {
  /** p at or above this is high pressure (reference 0.20). */
  readonly highThreshold: number
  /** p at or above this (and below high) is moderate pressure (reference 0.10). */
  readonly moderateThreshold: number
  /** Active populations up to this many use `lowPopulationScale` (reference 10 and 1.2). */
  readonly lowPopulationMax: number
  readonly lowPopulationScale: number
  /** Active populations up to this many use `midPopulationScale` (reference 25 and 1.0). */
  readonly midPopulationMax: number
  readonly midPopulationScale: number
  /** Larger active populations use this scale (reference 0.8). */
  readonly highPopulationScale: number
  readonly high: WindowShape
  readonly moderate: WindowShape
  readonly low: WindowShape
  /** Used when the active population is zero, where the ratio is undefined. */
  readonly default: WindowShape
}

/** The reference's thresholds and scales with one window shape for every band (its HEAD setting). */
export const flatPressureBands = (window: WindowShape): PressureBands => ({
  highThreshold: 0.2,
  moderateThreshold: 0.1,
  lowPopulationMax: 10,
  lowPopulationScale: 1.2,
  midPopulationMax: 25,
  midPopulationScale: 1.0,
  highPopulationScale: 0.8,
  high: window,
  moderate: window,
  low: window,
  default: window
})

/** The band of this wave. `queueSize` counts every queued player, `activeCount` the recent-activity set. */
export const pressureBand = (
  bands: PressureBands,
  queueSize: number,
  activeCount: number
): PressureBandName => {
  if (activeCount <= 0) return "default"
  const scale =
    activeCount <= bands.lowPopulationMax
      ? bands.lowPopulationScale
      : activeCount <= bands.midPopulationMax
        ? bands.midPopulationScale
        : bands.highPopulationScale
  // Same operation order as the reference, `(scale * queue_size) / effective_pop`, so band edges agree.
  const pressure = Math.min(1, (scale * queueSize) / activeCount)
  if (pressure >= bands.highThreshold) return "high"
  if (pressure >= bands.moderateThreshold) return "moderate"
  return "low"
}

/**
 * The largest MMR difference a player who has waited `waitCycles` waves accepts. The reference divides
 * the waits by an expansion step of 1 (`w // 1`), so integral waits enter as they are.
 */
export const windowOf = (shape: WindowShape, waitCycles: number): number =>
  shape.base + waitCycles * shape.growth
