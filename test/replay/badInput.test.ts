/** Malformed and unusual input, built from scratch: each ends in the right tagged error or a result. */
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { decodeReplay, type DecodeOptions } from "../../src/replay/decodeReplay.js"
import { decode } from "../../src/replay/ReplayDecoder.js"
import { MpqFlag, writeMpq } from "../../src/replay/encode/mpqWriter.js"
import { attributesBytes, detailsBytes, headerBytes, syntheticReplay } from "./syntheticReplay.js"

const failure = (bytes: Uint8Array, options?: DecodeOptions) => {
  const result = decodeReplay(bytes, options)
  if (Either.isRight(result)) throw new Error("expected a failure, got a replay")
  return { tag: result.left._tag, message: result.left.message }
}

const success = (bytes: Uint8Array) =>
  Either.getOrThrowWith(decodeReplay(bytes), (error) => new Error(`${error._tag}: ${error.message}`))

const text = (value: string) => new TextEncoder().encode(value)

describe("decodeReplay on input that is not a replay", () => {
  it.each([
    ["an empty file", new Uint8Array(0)],
    ["a text file", text("GG WP, see you next game")],
    ["a zip archive", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(60)])],
    ["a PNG image", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(100)])]
  ])("rejects %s as MalformedArchive", (_, bytes) => {
    expect(failure(bytes)).toEqual({
      tag: "MalformedArchive",
      message: "This file is not a StarCraft II replay (no MPQ archive header)."
    })
  })

  it("rejects an MPQ archive whose header is not a replay's", () => {
    const other = syntheticReplay({ header: text("Warcraft III map") })
    expect(failure(other).tag).toBe("DecodeError")
    const signed = syntheticReplay({ header: headerBytes().map((byte, i) => (i === 6 ? 0x73 : byte)) })
    expect(failure(signed)).toEqual({
      tag: "UnsupportedReplay",
      message: "This file is not a StarCraft II replay (it is another kind of MPQ archive)."
    })
  })

  it("rejects a file over the size limit before reading it", () => {
    expect(failure(syntheticReplay(), { limits: { maxInputBytes: 1000 } })).toEqual({
      tag: "ReplayTooLarge",
      message: "This file is 2 KB; replays over 1 KB are not accepted."
    })
    expect(failure(new Uint8Array(11 * 1024 * 1024))).toEqual({
      tag: "ReplayTooLarge",
      message: "This file is 11 MB; replays over 10 MB are not accepted."
    })
  })

  it("rejects a member that claims to unpack beyond the limit", () => {
    const bytes = syntheticReplay({
      members: [{ name: "replay.details", data: detailsBytes(), storage: "zlib", fileSize: 64 * 1024 * 1024 }]
    })
    expect(failure(bytes)).toEqual({
      tag: "ReplayTooLarge",
      message: "This replay's replay.details would unpack to 67108864 bytes, more than the 4194304 allowed."
    })
  })

  it("rejects an archive cut short", () => {
    const whole = syntheticReplay()
    expect(failure(whole.subarray(0, 1024 + 20)).tag).toBe("MalformedArchive")
    expect(failure(whole.subarray(0, whole.length - 8)).tag).toBe("MalformedArchive")
  })
})

describe("decodeReplay on damaged or unusual replays", () => {
  it("reports a replay without details as MissingReplayFile", () => {
    const bytes = syntheticReplay({
      members: [{ name: "replay.attributes.events", data: attributesBytes() }]
    })
    expect(failure(bytes)).toEqual({
      tag: "MissingReplayFile",
      message:
        "This replay has no player details; it was probably saved before the game started or cut short."
    })
  })

  it("reports encrypted members and unknown compression as UnsupportedReplay", () => {
    const encrypted = syntheticReplay({
      members: [
        {
          name: "replay.details",
          data: detailsBytes(),
          flags: MpqFlag.exists | MpqFlag.singleUnit | MpqFlag.encrypted
        }
      ]
    })
    expect(failure(encrypted)).toEqual({
      tag: "UnsupportedReplay",
      message: "This replay's replay.details is encrypted, which replays never are."
    })
    const details = detailsBytes()
    const lzma = syntheticReplay({
      members: [
        {
          name: "replay.details",
          data: details,
          stored: Uint8Array.from([0x12, 1, 2, 3]),
          flags: MpqFlag.exists | MpqFlag.singleUnit | MpqFlag.compress
        }
      ]
    })
    expect(failure(lzma)).toEqual({
      tag: "UnsupportedReplay",
      message: "This replay's replay.details uses compression method 0x12, which replays never use."
    })
  })

  it("reports corrupted compressed data as DecodeError", () => {
    const bytes = syntheticReplay({
      members: [
        {
          name: "replay.details",
          data: detailsBytes(),
          stored: Uint8Array.from([0x10, ...text("BZh9 definitely not bzip2 data")]),
          flags: MpqFlag.exists | MpqFlag.singleUnit | MpqFlag.compress
        }
      ]
    })
    expect(failure(bytes)).toEqual({
      tag: "DecodeError",
      message: "This replay's replay.details is corrupted (it does not decompress)."
    })
  })

  it("reports details that do not follow the format as DecodeError", () => {
    const garbage = syntheticReplay({ members: [{ name: "replay.details", data: text("\x05\x02garbage") }] })
    expect(failure(garbage).tag).toBe("DecodeError")
    const deep = syntheticReplay({
      members: [{ name: "replay.details", data: new Uint8Array(5000).fill(4).map((b, i) => (i % 2 ? 1 : b)) }]
    })
    expect(failure(deep)).toEqual({
      tag: "DecodeError",
      message: "This replay's replay.details is corrupted (it does not follow the replay format)."
    })
  })

  it("reads details split into compressed sectors, and archive header format 0", () => {
    const sectored = syntheticReplay({
      members: [{ name: "replay.details", data: detailsBytes(), storage: "sectors" }]
    })
    expect(success(sectored).players.map((player) => player.name)).toEqual(["Alice", "Bob"])
    const format0 = writeMpq({
      userData: headerBytes(),
      members: [{ name: "replay.details", data: detailsBytes() }],
      formatVersion: 0
    })
    expect(success(format0).map).toBe("Khione SEL")
  })

  it("falls back to the .backup copy when an anonymizer removed the details", () => {
    const bytes = syntheticReplay({
      members: [
        { name: "replay.details", data: new Uint8Array(0) },
        { name: "replay.details.backup", data: detailsBytes(), storage: "zlib" }
      ]
    })
    const replay = success(bytes)
    expect(replay.detailsSource).toBe("backup")
    expect(replay.players).toHaveLength(2)
  })

  it("reads a complete synthetic replay", () => {
    const replay = success(syntheticReplay())
    expect(replay).toMatchObject({
      version: "5.0.15.95299",
      gameLoops: 2240,
      durationSeconds: 100,
      playedAt: "2025-11-03T22:45:54.998Z",
      utcOffsetMinutes: -420,
      map: "Khione SEL",
      gameSpeed: "Faster",
      privacy: "No Match History",
      gameMode: "Private",
      lockedAlliances: "Yes",
      gameDuration: "Infinite",
      teams: "1v1",
      lobbyRaces: [
        { scope: 1, race: "Zerg" },
        { scope: 2, race: "Terran" }
      ],
      observers: null,
      lobbyStatus: "missing",
      cacheHandles: [
        `https://us-s2-depot.classic.blizzard.com/${"ab".repeat(32)}.s2ma`,
        `https://kr-s2-depot.classic.blizzard.com/${"cd".repeat(32)}.s2ma`
      ]
    })
    expect(replay.players[0]).toEqual({
      name: "Alice",
      clan: "EVO",
      race: "BW Zerg",
      result: "win",
      control: "human",
      team: 0,
      toon: "2-S2-1-11",
      workingSetSlotId: 0
    })
  })

  it("treats initData that does not fit the newest table as a new layout only for newer builds", () => {
    const withInitData = (baseBuild: number) =>
      writeMpq({
        userData: headerBytes(baseBuild),
        members: [
          { name: "replay.details", data: detailsBytes() },
          { name: "replay.initData", data: text("a layout from the future") }
        ]
      })
    const future = success(withInitData(99999))
    expect(future.lobbyStatus).toBe("unknown-layout")
    expect(future.observers).toBeNull()
    expect(failure(withInitData(95299)).tag).toBe("DecodeError")
  })
})

describe("ReplayDecoder.decode", () => {
  it("is the decoder as an Effect, failing with the tagged error", () => {
    expect(Effect.runSync(decode(syntheticReplay())).map).toBe("Khione SEL")
    const failed = Effect.runSync(Effect.flip(decode(new Uint8Array(4))))
    expect(failed._tag).toBe("MalformedArchive")
  })
})
