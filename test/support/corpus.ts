/**
 * The real replay corpus (`../shared/replays`, or `EVOLADDER_REPLAY_CORPUS`). Never copied into the
 * project: where it is absent (a user's clone) corpus tests skip with a visible message, and where
 * `EVOLADDER_REQUIRE_CORPUS=1` (CI) its absence fails the run.
 */
import { existsSync, readFileSync } from "node:fs"
import { join, resolve } from "node:path"

const projectRoot = resolve(import.meta.dirname, "..", "..")

export const corpusDir: string = resolve(
  projectRoot,
  process.env["EVOLADDER_REPLAY_CORPUS"] ?? join("..", "shared", "replays")
)

export const corpusAvailable: boolean = existsSync(join(corpusDir, "MANIFEST.json"))

if (!corpusAvailable) {
  if (process.env["EVOLADDER_REQUIRE_CORPUS"] === "1") {
    throw new Error(`replay corpus required but not found at ${corpusDir} (set EVOLADDER_REPLAY_CORPUS)`)
  }
  console.warn(`[corpus] no replay corpus at ${corpusDir}: tests that need real replays are skipped`)
}

/** Path of a corpus file given relative to the corpus root, e.g. `evo/Khione SEL (Official NA).SC2Replay`. */
export const corpusFile = (relative: string): string => join(corpusDir, relative)

export const readCorpusFile = (relative: string): Uint8Array => readFileSync(corpusFile(relative))

export const readManifest = (): unknown => JSON.parse(readFileSync(join(corpusDir, "MANIFEST.json"), "utf8"))
