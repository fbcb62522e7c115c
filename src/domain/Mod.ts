import { Schema } from "effect"

/** Battle.net regions that host games and publish maps and mods. */
export const GameRegionCode = Schema.Literal("AM", "EU", "AS")
export type GameRegionCode = typeof GameRegionCode.Type

export const gameRegionCodes: ReadonlyArray<GameRegionCode> = GameRegionCode.literals

const DepotUrl = Schema.String.pipe(
  Schema.pattern(/^https:\/\/[a-z]{2}-s2-depot\.classic\.blizzard\.com\/[0-9a-f]{64}\.s2ma$/)
)

/**
 * One published version of the mod's cache-handle lists (`data/mod-handles/*.json`, the reference's
 * `mods.json` format): the dependencies a replay of an official lobby references, per region.
 */
export const ModHandleList = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  author: Schema.NonEmptyTrimmedString,
  am_link: Schema.NonEmptyTrimmedString,
  eu_link: Schema.NonEmptyTrimmedString,
  as_link: Schema.NonEmptyTrimmedString,
  am_handles: Schema.Array(DepotUrl),
  am_artmod_handles: Schema.Array(DepotUrl),
  eu_handles: Schema.Array(DepotUrl),
  eu_artmod_handles: Schema.Array(DepotUrl),
  as_handles: Schema.Array(DepotUrl),
  as_artmod_handles: Schema.Array(DepotUrl)
})
export type ModHandleList = typeof ModHandleList.Type

/** `data/mod.json`: which handle-list versions exist, which one is current, and the signature rule. */
export const ModManifest = Schema.Struct({
  /** Handles a genuine lobby references that are in no list (map, Blizzard dependencies). */
  unknownHandleCount: Schema.Int.pipe(Schema.nonNegative()),
  handleLists: Schema.Record({ key: Schema.String, value: Schema.NonEmptyTrimmedString }),
  currentHandleList: Schema.String
})
export type ModManifest = typeof ModManifest.Type

export const modLink = (list: ModHandleList, region: GameRegionCode): string =>
  region === "AM" ? list.am_link : region === "EU" ? list.eu_link : list.as_link
