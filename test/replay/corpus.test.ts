/**
 * Every replay in the corpus against what Blizzard's s2protocol read from it (MANIFEST.json), field by
 * field for everything the decoder exposes, and against Python's hashlib for the replay hash.
 */
import { Either, Schema } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { RaceBook, RaceTable } from "../../src/domain/Race.js"
import { decodeReplay } from "../../src/replay/decodeReplay.js"
import { ladderRaceOf } from "../../src/replay/ladderRace.js"
import { corpusAvailable, readCorpusFile, readManifest } from "../support/corpus.js"

const ManifestPlayer = Schema.Struct({
  name: Schema.String,
  race: Schema.String,
  result: Schema.Number,
  control: Schema.Number,
  teamId: Schema.Number,
  toon: Schema.String
})

const ManifestEntry = Schema.Struct({
  file: Schema.String,
  error: Schema.optional(Schema.String),
  version: Schema.String,
  baseBuild: Schema.Number,
  elapsedGameLoops: Schema.Number,
  map: Schema.optional(Schema.String),
  players: Schema.optional(Schema.Array(ManifestPlayer)),
  timeUTC_iso: Schema.optional(Schema.String),
  attrs_global: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })),
  nCacheHandles: Schema.optional(Schema.NullOr(Schema.Number)),
  observers: Schema.optional(Schema.Unknown)
})
type ManifestEntry = typeof ManifestEntry.Type

const ManifestObservers = Schema.Array(Schema.Struct({ name: Schema.String }))

const entries: ReadonlyArray<ManifestEntry> = corpusAvailable
  ? Schema.decodeUnknownSync(Schema.Array(ManifestEntry))(readManifest())
  : []

const races = new RaceBook(
  Schema.decodeUnknownSync(Schema.parseJson(RaceTable))(
    readFileSync(join(import.meta.dirname, "..", "..", "data", "races.json"), "utf8")
  )
)

/** The manifest keeps names as stored: `&lt;CLAN&gt;<sp/>Name` (since 2015) or `[CLAN]<sp/>Name`. */
const expectedName = (stored: string): { name: string; clan: string | null } => {
  const match = /^(?:&lt;(.*)&gt;|\[(.*)\])<sp\/>(.*)$/.exec(stored)
  return match === null
    ? { name: stored, clan: null }
    : { name: match[3] ?? "", clan: match[1] ?? match[2] ?? "" }
}

const results: Readonly<Record<number, string>> = { 0: "undecided", 1: "win", 2: "loss", 3: "tie" }
/** sc2reader's display strings for the raw lobby attribute values. */
const attributeNames: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  speed3000: { Fasr: "Faster", Norm: "Normal" },
  privacy4000: { Norm: "Normal", NoBO: "No Build Order", NoMH: "No Match History" },
  gameMode3009: { Amm: "Ladder", Priv: "Private", Pub: "Public" },
  locked3010: { yes: "Yes", no: "No" },
  duration3015: { "0": "Infinite" }
}

/** The one corpus file that cannot decode: its archive holds no files at all. */
const expectedFailures: Readonly<Record<string, string>> = {
  "bad-input/testError2.SC2Replay": "MissingReplayFile"
}

describe.skipIf(!corpusAvailable)("the replay corpus against s2protocol", () => {
  it("has the expected files", () => {
    expect(entries.length).toBeGreaterThanOrEqual(79)
  })

  describe.each(entries.map((entry) => [entry.file, entry] as const))("%s", (file, entry) => {
    const decoded = decodeReplay(readCorpusFile(file))
    const expectedTag = expectedFailures[file]

    if (expectedTag !== undefined) {
      it(`ends in ${expectedTag}`, () => {
        expect(Either.isLeft(decoded) && decoded.left._tag).toBe(expectedTag)
      })
      return
    }

    const replay = Either.getOrThrowWith(decoded, (error) => new Error(`${error._tag}: ${error.message}`))

    it("has s2protocol's version, base build and length", () => {
      expect(replay.version).toBe(entry.version)
      expect(replay.baseBuild).toBe(entry.baseBuild)
      expect(replay.gameLoops).toBe(entry.elapsedGameLoops)
    })

    it("has s2protocol's map, save time and players", () => {
      expect(replay.map).toBe(entry.map)
      // s2protocol prints microseconds; the decoder keeps milliseconds.
      if (entry.timeUTC_iso !== undefined)
        expect(replay.playedAt.slice(0, 23)).toBe(entry.timeUTC_iso.slice(0, 23))
      expect(
        replay.players.map(({ name, clan, race, result, control, team, toon }) => ({
          name,
          clan,
          race,
          result,
          control,
          team,
          toon
        }))
      ).toEqual(
        (entry.players ?? []).map((player) => ({
          ...expectedName(player.name),
          race: player.race,
          result: results[player.result],
          control: player.control === 3 ? "computer" : "human",
          team: player.teamId,
          toon: player.toon
        }))
      )
    })

    it("has s2protocol's lobby attributes", () => {
      const attributes = entry.attrs_global ?? {}
      const exposed: ReadonlyArray<readonly [string, string | null]> = [
        ["speed3000", replay.gameSpeed],
        ["privacy4000", replay.privacy],
        ["gameMode3009", replay.gameMode],
        ["locked3010", replay.lockedAlliances],
        ["duration3015", replay.gameDuration],
        ["teams2001", replay.teams]
      ]
      for (const [key, value] of exposed) {
        if (!(key in attributes)) continue
        const raw = attributes[key] ?? null
        expect(value, key).toBe(raw === null ? null : (attributeNames[key]?.[raw] ?? raw))
      }
    })

    it("has every cache handle, and the lobby's observers from 5.0 on", () => {
      if (entry.nCacheHandles !== undefined && entry.nCacheHandles !== null) {
        expect(replay.cacheHandles).toHaveLength(entry.nCacheHandles)
      }
      if (replay.baseBuild >= 80949) {
        expect(replay.lobbyStatus).toBe("decoded")
        expect(replay.lobby?.cacheHandles).toEqual(replay.cacheHandles)
        const observers = Schema.decodeUnknownSync(ManifestObservers)(entry.observers)
        expect(replay.observers).toEqual(observers.map((observer) => observer.name))
      } else {
        expect(replay.observers).toBeNull()
        expect(replay.lobbyStatus).toBe("older-build")
      }
    })

    it("names the players as the lobby does (clan tags split, markup unescaped)", () => {
      if (replay.lobby === null) return
      const seated = replay.lobby.slots.filter((slot) => slot.control === "human" && slot.observe === null)
      const humans = replay.players.filter((player) => player.control === "human")
      expect(humans.map(({ name, clan }) => ({ name, clan }))).toEqual(
        seated.map(({ name, clan }) => ({ name, clan: clan === "" ? null : clan }))
      )
    })

    it("maps every standard race string to a ladder race", () => {
      for (const player of replay.players) {
        if (player.race === "Terran Tychus") expect(ladderRaceOf(races, player.race)).toBeNull()
        else expect(ladderRaceOf(races, player.race), player.race).not.toBeNull()
      }
    })
  })
})

describe.skipIf(!corpusAvailable)("the replay hash", () => {
  // From Python: hashlib.blake2b(open(f, "rb").read(), digest_size=10).hexdigest()
  it.each([
    ["bad-input/1.1.3.16939__11.SC2Replay", "dbacd6d1e769f7afcbd2"],
    ["unusual/4.1.2.60604__1.SC2Replay", "a9b27da4bd78515cc487"],
    ["pro-2025/QM  - herO vs Reynor - G1 - Persephone.SC2Replay", "9c2449b5072e38710651"]
  ])("of %s is BLAKE2b-80 of the file", (file, hash) => {
    expect(Either.getOrThrow(decodeReplay(readCorpusFile(file))).hash).toBe(hash)
  })

  it("of the anonymized replay comes with players from the details backup", () => {
    const replay = Either.getOrThrow(decodeReplay(readCorpusFile("unusual/4.1.2.60604__1.SC2Replay")))
    expect(replay.detailsSource).toBe("backup")
    expect(replay.players.map((player) => player.race)).toEqual(["테란", "프로토스"])
  })
})
