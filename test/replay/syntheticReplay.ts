/** A small but complete replay built from scratch: header, details and lobby attributes. */
import { attributeEvents } from "../../src/replay/encode/attributes.js"
import { headerBytes } from "../../src/replay/encode/header.js"
import { writeMpq, type Member } from "../../src/replay/encode/mpqWriter.js"
import { array, encodeVersioned, fourcc, optional, struct } from "../../src/replay/encode/versionedWriter.js"

export { headerBytes } from "../../src/replay/encode/header.js"

/** 2025-11-03T22:45:54.998Z as a Windows FILETIME. */
export const SAVED_AT_FILETIME = 134066835549980000n

const player = (name: string, race: string, result: number, team: number, id: number) =>
  struct({
    0: name,
    1: struct({ 0: 2, 1: fourcc("S2"), 2: 1, 3: "", 4: id }),
    2: race,
    3: struct({ 0: 255, 1: 0, 2: 66, 3: 255 }),
    4: 2,
    5: team,
    6: 100,
    7: 0,
    8: result,
    9: optional(team),
    10: ""
  })

export const cacheHandle = (region: string, fill: number): Uint8Array => {
  const handle = new Uint8Array(40).fill(fill)
  handle.set(new TextEncoder().encode("s2ma"), 0)
  handle.set(new TextEncoder().encode(region.padStart(4, "\0")), 4)
  return handle
}

export const detailsBytes = (
  players = [player("&lt;EVO&gt;<sp/>Alice", "BW Zerg", 1, 0, 11), player("Bob", "Terran", 2, 1, 22)]
) =>
  encodeVersioned(
    struct({
      0: optional(array(players)),
      1: "Khione SEL",
      2: "",
      3: struct({ 0: "Minimap.tga" }),
      4: 0,
      5: SAVED_AT_FILETIME,
      6: -252000000000,
      7: "",
      8: "",
      9: "",
      10: optional(array([cacheHandle("US", 0xab), cacheHandle("KR", 0xcd)])),
      11: 0,
      12: 4,
      13: 7
    })
  )

/** Lobby attributes: Faster, Private, locked alliances, infinite duration, No Match History, 1v1. */
export const attributesBytes = (): Uint8Array =>
  attributeEvents([
    [3000, 16, "Fasr"],
    [3009, 16, "Priv"],
    [3010, 16, "yes"],
    [3015, 16, "0"],
    [4000, 16, "NoMH"],
    [2001, 16, "1v1"],
    [3001, 1, "Zerg"],
    [3001, 2, "Terr"]
  ])

export const syntheticReplay = (overrides: { members?: ReadonlyArray<Member>; header?: Uint8Array } = {}) =>
  writeMpq({
    userData: overrides.header ?? headerBytes(),
    members: overrides.members ?? [
      { name: "replay.details", data: detailsBytes() },
      { name: "replay.attributes.events", data: attributesBytes(), storage: "zlib" }
    ]
  })
