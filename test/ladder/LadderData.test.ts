import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Schema } from "effect"
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CrossTableFile, ResidentialRegionCode } from "../../src/domain/Region.js"
import { LadderData, projectDataDir } from "../../src/ladder/LadderData.js"
import { configLayer } from "../support/layers.js"

const dataLayer = (env: Record<string, string> = {}) =>
  LadderData.Default.pipe(Layer.provide(Layer.merge(configLayer(env), NodeContext.layer)))

const loaded = Effect.provide(LadderData, dataLayer())

describe("LadderData", () => {
  it.effect("has the six races with their replay aliases", () =>
    Effect.gen(function* () {
      const data = yield* loaded
      expect(data.races.all.map((race) => race.shortName)).toEqual(["T1", "Z1", "P1", "T2", "Z2", "P2"])
      const resolve = (name: string) => Option.getOrNull(data.races.resolve(name))
      expect(resolve("BW Zerg")).toBe("bw_zerg")
      expect(resolve("Terran")).toBe("sc2_terran")
      expect(resolve("스1 테란")).toBe("bw_terran")
      expect(resolve("人类")).toBe("sc2_terran")
      expect(resolve("프로토스")).toBe("sc2_protoss")
      expect(resolve("Зерги")).toBe("sc2_zerg")
      expect(resolve("Terran Tychus")).toBeNull()
    })
  )

  it.effect("has 16 residential regions, 9 servers and 3 game regions", () =>
    Effect.gen(function* () {
      const { regions } = yield* loaded
      expect(regions.residentialRegions).toHaveLength(16)
      expect(regions.gameServers).toHaveLength(9)
      expect(regions.gameRegions.map((region) => region.code)).toEqual(["AM", "EU", "AS"])
    })
  )

  it.effect("picks servers by the region cross table, in either order", () =>
    Effect.gen(function* () {
      const data = yield* loaded
      expect(Option.getOrNull(data.serverFor("NAW", "NAC"))).toBe("USC")
      expect(Option.getOrNull(data.serverFor("NAC", "NAW"))).toBe("USC")
      expect(Option.getOrNull(data.serverFor("OCE", "OCE"))).toBe("AUS")
      expect(Option.getOrNull(data.serverFor("KRJ", "EUE"))).toBe("USC")
      expect(Option.map(data.server("SNG"), (server) => server.gameRegion)).toEqual(Option.some("AM"))
    })
  )

  it("cross table: complete and symmetric, all 136 pairs with the reference's server counts", () => {
    const table = Schema.decodeUnknownSync(Schema.parseJson(CrossTableFile))(
      readFileSync(join(projectDataDir, "cross-table.json"), "utf8")
    )
    const regions = ResidentialRegionCode.literals
    const counts = new Map<string, number>()
    let pairs = 0
    for (const [i, a] of regions.entries()) {
      for (const b of regions.slice(i)) {
        const ab = table.servers[a][table.regions.indexOf(b)]
        const ba = table.servers[b][table.regions.indexOf(a)]
        expect(ab, `${a}/${b}`).toBeDefined()
        expect(ab, `${a}/${b} symmetric`).toBe(ba)
        counts.set(ab ?? "", (counts.get(ab ?? "") ?? 0) + 1)
        pairs++
      }
    }
    expect(pairs).toBe(136)
    expect(Object.fromEntries(counts)).toEqual({
      USW: 35,
      EUC: 31,
      USE: 25,
      SNG: 22,
      KOR: 13,
      USC: 5,
      TWN: 4,
      AUS: 1
    })
  })

  it("cross table: an asymmetric edit is rejected", () => {
    const Editable = Schema.Struct({
      regions: Schema.Array(Schema.String),
      servers: Schema.Record({ key: Schema.String, value: Schema.mutable(Schema.Array(Schema.String)) })
    })
    const file = Schema.decodeUnknownSync(Schema.parseJson(Editable))(
      readFileSync(join(projectDataDir, "cross-table.json"), "utf8")
    )
    const row = file.servers["NAW"]
    if (row) row[1] = "KOR"
    expect(() => Schema.decodeUnknownSync(CrossTableFile)(file)).toThrow(/not symmetric at NAW\/NAC/)
  })

  it.effect("has every ISO 3166-1 country plus XX and ZZ, with the reference's common subset", () =>
    Effect.gen(function* () {
      const { countries } = yield* loaded
      expect(countries.all.length).toBeGreaterThanOrEqual(251)
      expect(Option.map(countries.get("XX"), (c) => c.name)).toEqual(Option.some("Nonrepresenting"))
      expect(Option.map(countries.get("kr"), (c) => c.name)).toEqual(Option.some("South Korea"))
      expect(countries.common).toHaveLength(50)
      expect(countries.common.at(-1)?.code).toBe("ZZ")
      expect(countries.common.slice(0, 3).map((c) => c.name)).toEqual(["Argentina", "Australia", "Austria"])
      expect(countries.uncommonCodes()).toContain("XX")
      expect(countries.uncommonCodes()).not.toContain("US")
      expect(countries.search("united", 25).map((c) => c.code)).toEqual(
        expect.arrayContaining(["US", "GB", "AE"])
      )
      expect(countries.search("", 25)).toHaveLength(25)
    })
  )

  it.effect("has the season's nine maps with a link per Battle.net region, and both mod handle lists", () =>
    Effect.gen(function* () {
      const data = yield* loaded
      expect(data.season).toBe("season_alpha")
      expect(data.mapPool).toHaveLength(9)
      expect(data.mapPool.map((map) => map.shortName)).toContain("Ruby Rock")
      for (const map of data.mapPool) expect(Object.keys(map.links).sort()).toEqual(["AM", "AS", "EU"])
      expect([...data.mod.lists.keys()]).toEqual(["2025-11-07", "2026-03-15"])
      expect(data.mod.current.name).toBe("SC: Evo Complete")
      expect(data.mod.current.am_handles).toHaveLength(9)
      expect(data.mod.unknownHandleCount).toBe(7)
    })
  )

  it.effect("refuses a season that has no map pool", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(LadderData, dataLayer({ EVOLADDER_SEASON: "season_9" }))
      )
      expect(error._tag).toBe("LadderDataError")
      expect(error.message).toContain("season_9")
    })
  )

  it.effect("names the file and the problem when a data file is broken", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "evoladder-data-"))
      cpSync(projectDataDir, dir, { recursive: true })
      writeFileSync(join(dir, "races.json"), JSON.stringify({ bw_terran: { name: "BW Terran" } }))
      const layer = LadderData.fromDir(dir).pipe(Layer.provide(Layer.merge(configLayer(), NodeContext.layer)))
      const error = yield* Effect.flip(Effect.provide(LadderData, layer))
      expect(error._tag).toBe("LadderDataError")
      if (error._tag === "LadderDataError") {
        expect(error.file).toBe("races.json")
        expect(error.message).toContain("shortName")
      }
    })
  )
})
