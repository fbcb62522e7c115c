/**
 * The decoder's entry point: bytes in, a `ParsedReplay` or a tagged error out, synchronously and
 * without services, so that it runs the same inline, in tests and in worker threads. Reads the header,
 * details, initData (builds ≥ 80949) and lobby attributes; no game events.
 */
import { Either } from "effect"
import { blake2bHex } from "./blake2b.js"
import { DecodeError, MissingReplayFile, ReplayTooLarge, type ReplayError } from "./errors.js"
import { isReplayError } from "./isReplayError.js"
import { defaultLimits, type DecodeLimits } from "./limits.js"
import { openArchive, type MpqArchive } from "./mpq/archive.js"
import type { Lobby, LobbyStatus, ParsedReplay } from "./ParsedReplay.js"
import { INIT_DATA_TABLE_FIRST_BUILD, INIT_DATA_TABLE_LAST_KNOWN_BUILD } from "./protocol/initDataTable.js"
import { readAttributes } from "./sections/attributes.js"
import { readDetails } from "./sections/details.js"
import { readHeader } from "./sections/header.js"
import { readInitData } from "./sections/initData.js"
import { gameSettings, noSettings } from "./sections/settings.js"

/** The reference bot's replay identity: BLAKE2b with a 10-byte (80-bit) digest. */
const HASH_BYTES = 10
/** Game loops per game second; real time runs faster by the speed's factor (Faster: 1.4). */
const LOOPS_PER_SECOND = 16
const speedFactors: ReadonlyArray<number> = [0.6, 0.8, 1.0, 1.2, 1.4]

/** A member, or its `.backup` copy where an anonymizer removed or blanked the original. */
const readWithBackup = (
  archive: MpqArchive,
  name: string
): { data: Uint8Array; backup: boolean } | undefined => {
  const main = archive.read(name)
  if (main !== undefined && main.length > 0) return { data: main, backup: false }
  const backup = archive.read(`${name}.backup`)
  return backup !== undefined && backup.length > 0 ? { data: backup, backup: true } : undefined
}

const readLobby = (archive: MpqArchive, baseBuild: number): { lobby: Lobby | null; status: LobbyStatus } => {
  if (baseBuild < INIT_DATA_TABLE_FIRST_BUILD) return { lobby: null, status: "older-build" }
  const initData = readWithBackup(archive, "replay.initData")
  if (initData === undefined) return { lobby: null, status: "missing" }
  // Builds the table is known to cover must fit it exactly; a newer one that does not is a new layout.
  const result = readInitData(initData.data, baseBuild <= INIT_DATA_TABLE_LAST_KNOWN_BUILD)
  return result._tag === "Decoded"
    ? { lobby: result.lobby, status: "decoded" }
    : { lobby: null, status: "unknown-layout" }
}

const decode = (bytes: Uint8Array, limits: DecodeLimits): ParsedReplay => {
  if (bytes.length > limits.maxInputBytes) {
    throw new ReplayTooLarge({
      message: `This file is ${size(bytes.length)}; replays over ${size(limits.maxInputBytes)} are not accepted.`
    })
  }
  const archive = openArchive(bytes, limits)
  const header = readHeader(archive.userData)
  const details = readWithBackup(archive, "replay.details")
  if (details === undefined) {
    throw new MissingReplayFile({
      file: "replay.details",
      message:
        "This replay has no player details; it was probably saved before the game started or cut short."
    })
  }
  const { players, map, savedAt, utcOffsetMinutes, cacheHandles, gameSpeed } = readDetails(
    details.data,
    details.backup ? "replay.details.backup" : "replay.details"
  )
  const attributes = archive.read("replay.attributes.events")
  const settings =
    attributes === undefined || attributes.length === 0
      ? noSettings
      : gameSettings(readAttributes(attributes))
  const { lobby, status } = readLobby(archive, header.baseBuild)
  const loopsPerRealSecond = LOOPS_PER_SECOND * (speedFactors[gameSpeed] ?? 1.4)
  return {
    hash: blake2bHex(bytes, HASH_BYTES),
    version: header.version,
    build: header.build,
    baseBuild: header.baseBuild,
    gameLoops: header.gameLoops,
    durationSeconds: Math.round((header.gameLoops / loopsPerRealSecond) * 1000) / 1000,
    playedAt: savedAt,
    utcOffsetMinutes,
    map,
    ...settings,
    players,
    observers:
      lobby === null
        ? null
        : lobby.slots.flatMap((slot) =>
            slot.control === "human" && slot.observe !== null && slot.name !== null ? [slot.name] : []
          ),
    cacheHandles,
    lobby,
    lobbyStatus: status,
    detailsSource: details.backup ? "backup" : "details"
  }
}

const size = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`
    : `${Math.ceil(bytes / 1024)} KB`

export interface DecodeOptions {
  readonly limits?: Partial<DecodeLimits>
}

/** Decodes a whole .SC2Replay file. Never throws: every failure is a `ReplayError` a player can read. */
export const decodeReplay = (
  bytes: Uint8Array,
  options: DecodeOptions = {}
): Either.Either<ParsedReplay, ReplayError> => {
  try {
    return Either.right(decode(bytes, { ...defaultLimits, ...options.limits }))
  } catch (error) {
    if (isReplayError(error)) return Either.left(error)
    return Either.left(
      new DecodeError({ file: "replay", message: "This replay file is corrupted and could not be read." })
    )
  }
}
