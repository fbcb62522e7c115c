/** The mod check against the Evo test lobbies, with the handle list of their time (2025-11-07). */
import { Either, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ModHandleList } from "../../src/domain/Mod.js"
import { checkModHandles } from "../../src/domain/ModCheck.js"
import { decodeReplay } from "../../src/replay/decodeReplay.js"
import { corpusAvailable, corpusFile, readCorpusFile } from "../support/corpus.js"

const readList = (version: string): ModHandleList =>
  Schema.decodeUnknownSync(Schema.parseJson(ModHandleList))(
    readFileSync(
      join(import.meta.dirname, "..", "..", "data", "mod-handles", `mod-handles-${version}.json`),
      "utf8"
    )
  )

const november = readList("2025-11-07")

const depot = (region: string, n: number) =>
  `https://${region}-s2-depot.classic.blizzard.com/${n.toString(16).padStart(64, "0")}.s2ma`
const unknownHandles = (count: number) => Array.from({ length: count }, (_, i) => depot("us", 0xf000 + i))

describe("checkModHandles (the reference rule, on made-up handle sets)", () => {
  it("accepts all main handles of a region plus exactly 7 unknown ones, art-mod handles optional", () => {
    expect(checkModHandles([...unknownHandles(7), ...november.eu_handles], november)).toEqual({
      _tag: "Official",
      region: "EU",
      message: "Mod file data signatures correspond to that of the official mod. Region: EU"
    })
    expect(
      checkModHandles([...november.am_handles, ...november.am_artmod_handles, ...unknownHandles(7)], november)
    ).toMatchObject({ _tag: "Official", region: "AM" })
  })

  it("counts distinct handles, as the reference does with sets", () => {
    const handles = [...unknownHandles(7), ...unknownHandles(7), ...november.as_handles]
    expect(checkModHandles(handles, november)).toMatchObject({ _tag: "Official", region: "AS" })
  })

  it("rejects any other number of unknown handles first", () => {
    expect(checkModHandles([...unknownHandles(8), ...november.am_handles], november)).toEqual({
      _tag: "Rejected",
      reason: "UnknownHandleCount",
      region: null,
      message: "Expected exactly 7 unknown handles, but found 8."
    })
    expect(checkModHandles([], november).message).toBe("Expected exactly 7 unknown handles, but found 0.")
  })

  it("names the region whose main handles are only partly there", () => {
    expect(checkModHandles([...unknownHandles(7), ...november.eu_handles.slice(0, 6)], november)).toEqual({
      _tag: "Rejected",
      reason: "IncompleteRegion",
      region: "EU",
      message: "Incomplete EU region handles. Missing 3 required handles."
    })
  })

  it("rejects a lobby with only art-mod handles as having no recognizable mod", () => {
    expect(checkModHandles([...unknownHandles(7), ...november.eu_artmod_handles], november)).toEqual({
      _tag: "Rejected",
      reason: "NoModHandles",
      region: null,
      message: "No recognizable mod handles found. The mod used was likely unofficial."
    })
  })

  it("takes the expected unknown count from the caller (data/mod.json)", () => {
    expect(checkModHandles([...unknownHandles(5), ...november.eu_handles], november, 5)).toMatchObject({
      _tag: "Official"
    })
  })

  it("never accepts on a region whose main list is empty", () => {
    const empty = { ...november, am_handles: [] }
    expect(checkModHandles(unknownHandles(7), empty)._tag).toBe("Rejected")
  })
})

const evoReplays = corpusAvailable
  ? readdirSync(corpusFile("evo")).filter((file) => file.endsWith(".SC2Replay"))
  : []

const regionOf: Readonly<Record<string, string>> = { NA: "AM", EU: "EU", KR: "AS" }

describe.skipIf(!corpusAvailable)("checkModHandles on the Evo test lobbies", () => {
  it("has all 45 of them", () => {
    expect(evoReplays).toHaveLength(45)
  })

  it.each(evoReplays)("%s", (file) => {
    const replay = Either.getOrThrow(decodeReplay(readCorpusFile(`evo/${file}`)))
    const check = checkModHandles(replay.cacheHandles, november)
    const official = /\(Official (NA|EU|KR)\)/.exec(file)
    if (official !== null) {
      expect(check).toEqual({
        _tag: "Official",
        region: regionOf[official[1] ?? ""],
        message: `Mod file data signatures correspond to that of the official mod. Region: ${regionOf[official[1] ?? ""]}`
      })
    } else {
      // Each fake lobby loads one dependency the official mod does not have.
      expect(check).toEqual({
        _tag: "Rejected",
        reason: "UnknownHandleCount",
        region: null,
        message: "Expected exactly 7 unknown handles, but found 8."
      })
    }
  })

  it("fails the November lobbies against the current (2026-03-15) list: the mod was republished", () => {
    const current = readList("2026-03-15")
    const replay = Either.getOrThrow(decodeReplay(readCorpusFile("evo/Khione SEL (Official NA).SC2Replay")))
    expect(checkModHandles(replay.cacheHandles, current)._tag).toBe("Rejected")
  })
})
