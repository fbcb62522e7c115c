/**
 * A 1v1 SC: Evo Complete replay as the game would have saved it, made with the project's own archive
 * writer, for match-flow tests and simulated seasons: the players, map, time and settings are the
 * caller's; the lobby (cache handles, initData) comes from a template, either a real official Evo
 * replay (the corpus; never copied into the project) or a mod handle list alone.
 */
import { createHash } from "node:crypto"
import { Either } from "effect"
import type { ModHandleList } from "../../domain/Mod.js"
import { decodeReplay } from "../decodeReplay.js"
import { defaultLimits } from "../limits.js"
import { attributeEvents } from "./attributes.js"
import { openArchive } from "../mpq/archive.js"
import { headerBytes } from "./header.js"
import { writeMpq } from "./mpqWriter.js"
import { array, encodeVersioned, fourcc, optional, struct } from "./versionedWriter.js"

/** The lobby a replay is written for. */
export interface ReplayTemplate {
  readonly baseBuild: number
  /** Depot URLs of the files the lobby loaded (mod, map, Blizzard dependencies). */
  readonly cacheHandles: ReadonlyArray<string>
  /** `replay.initData` of a real lobby; without it the replay has none (observers unknown). */
  readonly initData: Uint8Array | undefined
}

/** The lobby of a real replay: its build, cache handles and initData. */
export const templateOf = (replay: Uint8Array): Either.Either<ReplayTemplate, string> =>
  Either.map(
    Either.mapLeft(decodeReplay(replay), (error) => error.message),
    (parsed) => ({
      baseBuild: parsed.baseBuild,
      cacheHandles: parsed.cacheHandles,
      initData: openArchive(replay, defaultLimits).read("replay.initData")
    })
  )

/**
 * A lobby built from a published handle list alone, for when no real replay is at hand: the main
 * handles of the Americas plus `unknownHandleCount` made-up ones standing for the map and Blizzard's
 * dependencies (a genuine lobby's signature, as the mod check reads it), and no initData.
 */
export const templateFromHandles = (list: ModHandleList, unknownHandleCount: number): ReplayTemplate => ({
  baseBuild: 95299,
  cacheHandles: [
    ...list.am_handles,
    ...Array.from(
      { length: unknownHandleCount },
      (_, i) =>
        `https://us-s2-depot.classic.blizzard.com/${createHash("sha256").update(`evoladder-lobby-${i}`).digest("hex")}.s2ma`
    )
  ],
  initData: undefined
})

/** Windows FILETIME (100 ns since 1601) of an epoch-millisecond time. */
const filetime = (epochMs: number) => (BigInt(epochMs) + 11_644_473_600_000n) * 10_000n

/** A depot URL back to the 40-byte handle the details store. */
const handleBytes = (url: string): Uint8Array => {
  const match = /^https:\/\/(\w\w)-s2-depot\.classic\.blizzard\.com\/([0-9a-f]{64})\.(\w{4})$/.exec(url)
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
    throw new Error(`not a depot URL: ${url}`)
  }
  const handle = new Uint8Array(40)
  handle.set(new TextEncoder().encode(match[3]), 0)
  handle.set(new TextEncoder().encode(match[1].toUpperCase().padStart(4, "\0")), 4)
  handle.set(Buffer.from(match[2], "hex"), 8)
  return handle
}

export interface EvoPlayer {
  readonly name: string
  /** As the game writes it: "BW Zerg", "Terran", … */
  readonly race: string
  /** 1 win, 2 loss, 0 undecided. */
  readonly result: 0 | 1 | 2
}

export interface EvoGame {
  readonly players: readonly [EvoPlayer, EvoPlayer]
  readonly map: string
  /** When the game started (epoch ms). */
  readonly startedAt: number
  readonly durationSeconds: number
  readonly privacy?: "Norm" | "NoMH"
}

const LOOPS_PER_SECOND = 22.4

const details = (game: EvoGame, handles: ReadonlyArray<string>) =>
  encodeVersioned(
    struct({
      0: optional(
        array(
          game.players.map((player, index) =>
            struct({
              0: player.name,
              1: struct({ 0: 1, 1: fourcc("S2"), 2: 1, 3: "", 4: 1000 + index }),
              2: player.race,
              3: struct({ 0: 255, 1: 0, 2: 66, 3: 255 }),
              4: 2,
              5: index,
              6: 100,
              7: 0,
              8: player.result,
              9: optional(index),
              10: ""
            })
          )
        )
      ),
      1: game.map,
      2: "",
      3: struct({ 0: "Minimap.tga" }),
      4: 0,
      5: filetime(game.startedAt + game.durationSeconds * 1000),
      6: 0,
      7: "",
      8: "",
      9: "",
      10: optional(array(handles.map(handleBytes))),
      11: 0,
      12: 4,
      13: 7
    })
  )

const attributes = (game: EvoGame): Uint8Array =>
  attributeEvents([
    [3000, 16, "Fasr"],
    [3009, 16, "Priv"],
    [3010, 16, "yes"],
    [3015, 16, "0"],
    [4000, 16, game.privacy ?? "Norm"],
    [2001, 16, "1v1"]
  ])

/** The replay of `game`, played in `lobby`. */
export const evoReplay = (game: EvoGame, lobby: ReplayTemplate): Uint8Array =>
  writeMpq({
    userData: headerBytes(lobby.baseBuild, Math.round(game.durationSeconds * LOOPS_PER_SECOND)),
    members: [
      { name: "replay.details", data: details(game, lobby.cacheHandles) },
      { name: "replay.attributes.events", data: attributes(game), storage: "zlib" },
      ...(lobby.initData === undefined ? [] : [{ name: "replay.initData", data: lobby.initData }])
    ]
  })
