/**
 * `replay.details` (versioned encoding, tags stable since 2010): the players who played (observers are
 * not listed), the map title, the save time and the cache handles of the map and its dependencies.
 */
import { DecodeError } from "../errors.js"
import { FieldReader, fourcc } from "../protocol/fields.js"
import { decodeVersioned, type VersionedStruct } from "../protocol/versioned.js"
import { decodeSection } from "./decodeSection.js"
import { depotUrl } from "./depot.js"
import { splitClanTag } from "./names.js"
import type { ReplayPlayer } from "../ParsedReplay.js"

export interface ReplayDetails {
  readonly players: ReadonlyArray<ReplayPlayer>
  readonly map: string
  /** When the replay was saved (about the end of the game), ISO 8601 UTC with milliseconds. */
  readonly savedAt: string
  /** The recording computer's offset from UTC, in minutes. */
  readonly utcOffsetMinutes: number
  readonly cacheHandles: ReadonlyArray<string>
  /** 0 Slower … 4 Faster. */
  readonly gameSpeed: number
}

const resultNames = ["undecided", "win", "loss", "tie"] as const

/** FILETIME counts 100 ns ticks from 1601-01-01; this many lie before 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116444736000000000n
const TICKS_PER_MS = 10000n
const TICKS_PER_MINUTE = 600000000

/** No replay predates StarCraft II's 2010 release or lies far in the future; anything else is corruption. */
const EARLIEST_MS = Date.UTC(2009, 0, 1)
const LATEST_MS = Date.UTC(2200, 0, 1)

const readPlayer = (f: FieldReader, player: VersionedStruct): ReplayPlayer => {
  const toon = f.struct(player.get(1), "a player's account")
  const programId = f.bytes(toon.get(1), "a player's program id")
  const { name, clan } = splitClanTag(f.text(player.get(0), "a player's name"))
  const control = f.int(player.get(4), "a player's control")
  return {
    name,
    clan,
    race: f.text(player.get(2), "a player's race"),
    result: resultNames[f.int(player.get(8), "a player's result")] ?? "undecided",
    // 3 is the computer; humans are 2, and 1 in some 2011 replays.
    control: control === 3 ? "computer" : "human",
    team: f.int(player.get(5), "a player's team"),
    toon: [
      f.int(toon.get(0), "a player's region"),
      // Computers have no program id; s2protocol's and sc2reader's toon strings say S2 for every toon.
      fourcc(programId) || "S2",
      f.int(toon.get(2), "a player's realm"),
      f.int(toon.get(4), "a player's account id")
    ].join("-"),
    workingSetSlotId: f.optionalInt(player.get(9), "a player's slot")
  }
}

export const readDetails = (data: Uint8Array, file: string): ReplayDetails =>
  decodeSection(file, () => {
    const f = new FieldReader(file)
    const details = f.struct(decodeVersioned(data), "the details")
    const players = f
      .optionalArray(details.get(0), "the player list")
      .map((p) => readPlayer(f, f.struct(p, "a player")))
    const unixMs = Number((f.bigint(details.get(5), "the save time") - FILETIME_UNIX_EPOCH) / TICKS_PER_MS)
    if (!(unixMs >= EARLIEST_MS && unixMs < LATEST_MS)) {
      throw new DecodeError({ file, message: `This replay's ${file} is corrupted (its date is impossible).` })
    }
    return {
      players,
      map: f.text(details.get(1), "the map title"),
      savedAt: new Date(unixMs).toISOString(),
      utcOffsetMinutes: Math.round(Number(f.bigint(details.get(6), "the time zone")) / TICKS_PER_MINUTE),
      cacheHandles: f
        .optionalArray(details.get(10), "the cache handles")
        .map((h) => depotUrl(f.bytes(h, "a cache handle"))),
      gameSpeed: f.int(details.get(12), "the game speed")
    }
  })
