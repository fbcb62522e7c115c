import { Option, Schema } from "effect"
import { GameRegionCode } from "./Mod.js"

export const ResidentialRegionCode = Schema.Literal(
  "NAW",
  "NAC",
  "NAE",
  "CAM",
  "SAM",
  "EUW",
  "EUE",
  "AFR",
  "MEA",
  "SEA",
  "KRJ",
  "CHN",
  "THM",
  "OCE",
  "USB",
  "FER"
)
export type ResidentialRegionCode = typeof ResidentialRegionCode.Type

export const GameServerCode = Schema.Literal("USW", "USC", "USE", "BRZ", "EUC", "SNG", "AUS", "KOR", "TWN")
export type GameServerCode = typeof GameServerCode.Type

/** Which globe emoji stands for a residential region (Americas, Africa/Europe, Asia/Oceania). */
export const Globe = Schema.Literal("AM", "AF", "AS")
export type Globe = typeof Globe.Type

export const ResidentialRegion = Schema.Struct({
  code: ResidentialRegionCode,
  name: Schema.NonEmptyTrimmedString,
  globe: Globe
})
export type ResidentialRegion = typeof ResidentialRegion.Type

export const GameServer = Schema.Struct({
  code: GameServerCode,
  name: Schema.NonEmptyTrimmedString,
  shortName: Schema.NonEmptyTrimmedString,
  /** The Battle.net region that hosts it (Singapore and Australia are hosted in the Americas). */
  gameRegion: GameRegionCode
})
export type GameServer = typeof GameServer.Type

export const GameRegion = Schema.Struct({ code: GameRegionCode, name: Schema.NonEmptyTrimmedString })
export type GameRegion = typeof GameRegion.Type

const exactlyOnce = <A>(all: ReadonlyArray<A>, codes: ReadonlyArray<A>): boolean =>
  codes.length === all.length && all.every((code) => codes.includes(code))

/** `data/regions.json`. */
export const RegionsFile = Schema.Struct({
  residentialRegions: Schema.Array(ResidentialRegion).pipe(
    Schema.filter(
      (regions) =>
        exactlyOnce(
          ResidentialRegionCode.literals,
          regions.map((region) => region.code)
        ) || "every residential region exactly once"
    )
  ),
  gameServers: Schema.Array(GameServer).pipe(
    Schema.filter(
      (servers) =>
        exactlyOnce(
          GameServerCode.literals,
          servers.map((server) => server.code)
        ) || "every game server exactly once"
    )
  ),
  gameRegions: Schema.Array(GameRegion).pipe(
    Schema.filter(
      (regions) =>
        exactlyOnce(
          GameRegionCode.literals,
          regions.map((region) => region.code)
        ) || "every game region exactly once"
    )
  )
})
export type RegionsFile = typeof RegionsFile.Type

/**
 * `data/cross-table.json`: the game server for every pair of residential regions, as a full square
 * matrix (rows and columns in `regions` order) so that symmetry can be checked rather than assumed.
 */
export const CrossTableFile = Schema.Struct({
  regions: Schema.Array(ResidentialRegionCode),
  servers: Schema.Record({ key: ResidentialRegionCode, value: Schema.Array(GameServerCode) })
}).pipe(
  Schema.filter((table) => {
    if (!exactlyOnce(ResidentialRegionCode.literals, table.regions)) return "regions: each exactly once"
    for (const [i, a] of table.regions.entries()) {
      const row = table.servers[a]
      if (row.length !== table.regions.length) return `row ${a}: expected ${table.regions.length} servers`
      for (const [j, b] of table.regions.entries()) {
        if (row[j] !== table.servers[b][i]) return `not symmetric at ${a}/${b}`
      }
    }
    return true
  })
)
export type CrossTableFile = typeof CrossTableFile.Type

/** The server two players of these residential regions play on; none when the table has no entry. */
export const serverFor = (
  table: CrossTableFile,
  a: ResidentialRegionCode,
  b: ResidentialRegionCode
): Option.Option<GameServerCode> => Option.fromNullable(table.servers[a][table.regions.indexOf(b)])
