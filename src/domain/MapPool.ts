import { Schema } from "effect"
import { GameRegionCode } from "./Mod.js"
import { Game } from "./Race.js"

export const LadderMap = Schema.Struct({
  /** The full title, exactly as it appears in a replay's details. */
  name: Schema.NonEmptyTrimmedString,
  shortName: Schema.NonEmptyTrimmedString,
  author: Schema.NonEmptyTrimmedString,
  /** Only picks the logo shown next to the map; any map hosts any race pairing. */
  game: Game,
  links: Schema.Record({ key: GameRegionCode, value: Schema.NonEmptyTrimmedString })
})
export type LadderMap = typeof LadderMap.Type

/** `data/maps.json`: the map pool of every season, keyed by season id. */
export const MapsFile = Schema.Struct({
  seasons: Schema.Record({
    key: Schema.String,
    value: Schema.NonEmptyArray(LadderMap).pipe(
      Schema.filter(
        (maps) => new Set(maps.map((map) => map.name)).size === maps.length || "map names must be unique"
      )
    )
  })
})
export type MapsFile = typeof MapsFile.Type
