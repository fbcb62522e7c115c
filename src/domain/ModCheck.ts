/**
 * Whether a replay was played on the official SC: Evo Complete mod, judged from its cache handles (the
 * depot files the lobby loaded) against one published handle list — the reference bot's rule:
 *
 * 1. exactly `unknownHandleCount` (7) distinct handles are in none of the list's arrays (the map and
 *    Blizzard's own dependencies); a re-uploaded or modified copy of the mod adds its own, and
 * 2. every handle of one region's main list is present (a region's art-mod handles are optional).
 *
 * "Every handle" means the whole list as published, whatever its length: the 2025-11-07 list has 16 AS
 * handles and every official KR replay of that time references all 16 (AM and EU have 9).
 * Messages are the reference bot's, word for word.
 */
import type { GameRegionCode, ModHandleList } from "./Mod.js"

export type ModCheck =
  | { readonly _tag: "Official"; readonly region: GameRegionCode; readonly message: string }
  | {
      readonly _tag: "Rejected"
      readonly reason: "UnknownHandleCount" | "IncompleteRegion" | "NoModHandles"
      /** The region whose handles were partly present, for `IncompleteRegion`. */
      readonly region: GameRegionCode | null
      readonly message: string
    }

const regions: ReadonlyArray<{
  readonly code: GameRegionCode
  readonly main: (list: ModHandleList) => ReadonlyArray<string>
  readonly artmod: (list: ModHandleList) => ReadonlyArray<string>
}> = [
  { code: "AM", main: (list) => list.am_handles, artmod: (list) => list.am_artmod_handles },
  { code: "EU", main: (list) => list.eu_handles, artmod: (list) => list.eu_artmod_handles },
  { code: "AS", main: (list) => list.as_handles, artmod: (list) => list.as_artmod_handles }
]

/** The reference's count of handles outside every list in a genuine lobby. */
export const DEFAULT_UNKNOWN_HANDLE_COUNT = 7

export const checkModHandles = (
  cacheHandles: ReadonlyArray<string>,
  list: ModHandleList,
  unknownHandleCount: number = DEFAULT_UNKNOWN_HANDLE_COUNT
): ModCheck => {
  const present = new Set(cacheHandles)
  const known = new Set(regions.flatMap((region) => [...region.main(list), ...region.artmod(list)]))
  const unknown = [...present].filter((handle) => !known.has(handle)).length
  if (unknown !== unknownHandleCount) {
    return {
      _tag: "Rejected",
      reason: "UnknownHandleCount",
      region: null,
      message: `Expected exactly ${unknownHandleCount} unknown handles, but found ${unknown}.`
    }
  }
  for (const region of regions) {
    // An empty list would match every replay (the reference does so); a list with no handles proves nothing.
    const main = region.main(list)
    if (main.length > 0 && main.every((handle) => present.has(handle))) {
      return {
        _tag: "Official",
        region: region.code,
        message: `Mod file data signatures correspond to that of the official mod. Region: ${region.code}`
      }
    }
  }
  for (const region of regions) {
    const main = new Set(region.main(list))
    const missing = [...main].filter((handle) => !present.has(handle)).length
    if (missing < main.size) {
      return {
        _tag: "Rejected",
        reason: "IncompleteRegion",
        region: region.code,
        message: `Incomplete ${region.code} region handles. Missing ${missing} required handles.`
      }
    }
  }
  return {
    _tag: "Rejected",
    reason: "NoModHandles",
    region: null,
    message: "No recognizable mod handles found. The mod used was likely unofficial."
  }
}
