/**
 * The ladder's static data (races, regions, servers, cross table, countries, map pools, the mod's
 * cache-handle lists), read from `data/` and the `world-countries` package and validated with Schema
 * once, when the layer is built: a broken file stops the bot at start-up, never mid-match.
 */
import { FileSystem, Path } from "@effect/platform"
import { Data, Effect, Layer, Option, ParseResult, Schema } from "effect"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { AppConfig } from "../config.js"
import { CountriesFile, CountryBook, WorldCountries } from "../domain/Country.js"
import { MapsFile, type LadderMap } from "../domain/MapPool.js"
import { ModHandleList, ModManifest } from "../domain/Mod.js"
import { RaceBook, RaceTable } from "../domain/Race.js"
import {
  CrossTableFile,
  RegionsFile,
  serverFor,
  type GameServer,
  type GameServerCode,
  type ResidentialRegionCode
} from "../domain/Region.js"

export class LadderDataError extends Data.TaggedError("LadderDataError")<{
  readonly file: string
  readonly message: string
}> {}

/** `data/` at the project root, from `src/ladder/` and from the compiled `dist/ladder/` alike. */
export const projectDataDir = fileURLToPath(new URL("../../data/", import.meta.url))

const worldCountriesFile = createRequire(import.meta.url).resolve("world-countries/countries.json")

const make = (dataDir: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const { ladder, replays } = yield* AppConfig

    const readJson = <A, I>(file: string, schema: Schema.Schema<A, I>) =>
      fs.readFileString(path.isAbsolute(file) ? file : path.join(dataDir, file)).pipe(
        Effect.flatMap(Schema.decodeUnknown(Schema.parseJson(schema))),
        Effect.mapError(
          (error) =>
            new LadderDataError({
              file,
              message: ParseResult.isParseError(error)
                ? ParseResult.TreeFormatter.formatErrorSync(error)
                : error.message
            })
        )
      )

    const races = new RaceBook(yield* readJson("races.json", RaceTable))
    const regions = yield* readJson("regions.json", RegionsFile)
    const crossTable = yield* readJson("cross-table.json", CrossTableFile)
    const countries = new CountryBook(
      yield* readJson(worldCountriesFile, WorldCountries),
      yield* readJson("countries.json", CountriesFile)
    )
    const maps = yield* readJson("maps.json", MapsFile)
    const mapPool: ReadonlyArray<LadderMap> | undefined = maps.seasons[ladder.season]
    if (mapPool === undefined) {
      return yield* new LadderDataError({
        file: "maps.json",
        message: `EVOLADDER_SEASON is "${ladder.season}", which data/maps.json has no map pool for`
      })
    }
    const modManifest = yield* readJson("mod.json", ModManifest)
    const modHandleLists = new Map<string, ModHandleList>()
    for (const [version, file] of Object.entries(modManifest.handleLists)) {
      modHandleLists.set(version, yield* readJson(file, ModHandleList))
    }
    const handleListVersion = Option.getOrElse(replays.modHandleList, () => modManifest.currentHandleList)
    const currentModHandles = modHandleLists.get(handleListVersion)
    if (currentModHandles === undefined) {
      return yield* new LadderDataError({
        file: "mod.json",
        message: `mod handle list "${handleListVersion}" is not one of handleLists (${[...modHandleLists.keys()].join(", ")})`
      })
    }

    const serversByCode = new Map(regions.gameServers.map((server) => [server.code, server]))

    return {
      races,
      regions,
      countries,
      /** The current season's map pool. */
      mapPool,
      season: ladder.season,
      mod: {
        unknownHandleCount: modManifest.unknownHandleCount,
        current: currentModHandles,
        lists: modHandleLists
      },
      /** The server two players of these regions play on, by the cross table. */
      serverFor: (a: ResidentialRegionCode, b: ResidentialRegionCode) => serverFor(crossTable, a, b),
      server: (code: GameServerCode): Option.Option<GameServer> =>
        Option.fromNullable(serversByCode.get(code))
    }
  })

export class LadderData extends Effect.Service<LadderData>()("LadderData", {
  effect: make(projectDataDir)
}) {
  /** The same data read from another folder (an operator's season files, a broken copy in a test). */
  static fromDir(dataDir: string) {
    return Layer.effect(LadderData, Effect.map(make(dataDir), LadderData.make))
  }
}
