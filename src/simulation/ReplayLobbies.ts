/**
 * The lobbies the simulation's replays are written in. With the replay corpus (EVOLADDER_REPLAY_CORPUS,
 * default `../shared/replays`, never shipped), each replay takes the cache handles and initData of the
 * corpus's official Evo replay of the match's map in the server's region (the corpus has one-player
 * test lobbies only, so the players, races, result and time are the match's). Without it, lobbies are
 * built from the mod's published handle list, so a user's clone can run a season too.
 */
import { Array as Arr, Effect, Either, Option, Schema } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { isAbsolute, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { GameRegionCode, ModHandleList } from "../domain/Mod.js"
import { templateFromHandles, templateOf, type ReplayTemplate } from "../replay/encode/evoReplay.js"

/** The handle list the corpus's official replays were recorded against. */
export const CORPUS_HANDLE_LIST = "2025-11-07"

const projectRoot = fileURLToPath(new URL("../../", import.meta.url))

/** The corpus folder a setting names (relative to the project root), or the default one. */
export const corpusFolder = (setting: Option.Option<string>): string => {
  const named = Option.getOrElse(setting, () => join("..", "shared", "replays"))
  return isAbsolute(named) ? named : resolve(projectRoot, named)
}

export const hasCorpus = (folder: string): boolean => existsSync(join(folder, "MANIFEST.json"))

/** Entries of MANIFEST.json; some files (bad input) have no map, or no `map` key at all. */
const Manifest = Schema.parseJson(
  Schema.Array(Schema.Struct({ file: Schema.String, map: Schema.optional(Schema.NullOr(Schema.String)) }))
)

const CORPUS_REGIONS: Readonly<Record<string, GameRegionCode>> = { NA: "AM", EU: "EU", KR: "AS" }
const OFFICIAL = /^evo\/.+ \(Official (NA|EU|KR)\)\.SC2Replay$/

export interface ReplayLobbies {
  /** Where the lobbies come from, for the report. */
  readonly source: string
  readonly lobbyFor: (map: string, region: GameRegionCode) => ReplayTemplate
}

interface OfficialLobby {
  readonly map: string
  readonly region: GameRegionCode
  readonly lobby: ReplayTemplate
}

const read = (file: string) => Effect.try(() => new Uint8Array(readFileSync(file)))

const corpusLobbies = (folder: string) =>
  Effect.gen(function* () {
    const text = new TextDecoder().decode(yield* read(join(folder, "MANIFEST.json")))
    const manifest = yield* Schema.decodeUnknown(Manifest)(text)
    const official: Array<OfficialLobby> = []
    for (const entry of manifest) {
      const region = CORPUS_REGIONS[OFFICIAL.exec(entry.file)?.[1] ?? ""]
      if (region === undefined || entry.map === undefined || entry.map === null) continue
      const lobby = templateOf(yield* read(join(folder, entry.file)))
      if (Either.isRight(lobby)) official.push({ map: entry.map, region, lobby: lobby.right })
    }
    return official
  })

/**
 * The corpus's official lobbies when `folder` has them; otherwise lobbies built from `list` (the
 * handle list the bot checks against) and the mod's count of handles outside it.
 */
export const loadLobbies = (
  folder: string,
  list: ModHandleList,
  unknownHandleCount: number
): Effect.Effect<ReplayLobbies> =>
  Effect.gen(function* () {
    const corpus = hasCorpus(folder)
      ? yield* Effect.either(corpusLobbies(folder))
      : Either.right<ReadonlyArray<OfficialLobby>>([])
    const official = Either.getOrElse(corpus, (): ReadonlyArray<OfficialLobby> => [])
    const first = official[0]
    if (first === undefined) {
      const lobby = templateFromHandles(list, unknownHandleCount)
      const why = Either.isLeft(corpus)
        ? `the replay corpus at ${folder} could not be read: ${corpus.left.message}`
        : `no official Evo replays at ${folder}`
      return { source: `lobbies built from the mod's handle list (${why})`, lobbyFor: () => lobby }
    }
    return {
      source: `${official.length} official Evo lobbies of the replay corpus at ${folder}`,
      lobbyFor: (map, region) =>
        Option.getOrElse(
          Arr.findFirst(official, (entry) => entry.map === map && entry.region === region),
          () =>
            Option.getOrElse(
              Arr.findFirst(official, (entry) => entry.region === region),
              () => first
            )
        ).lobby
    }
  })
