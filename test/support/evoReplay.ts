/**
 * The match-flow tests' replays: `evoReplay` (src/replay/encode) in the lobby of an official Evo
 * replay of the corpus, so that the cache handles and initData are real.
 */
import { Either } from "effect"
import { evoReplay as encode, templateOf, type EvoGame } from "../../src/replay/encode/evoReplay.js"
import { readCorpusFile } from "./corpus.js"

const OFFICIAL = "evo/Khione SEL (Official NA).SC2Replay"

/** The replay of `game`, played with the official mod. Needs the replay corpus. */
export const evoReplay = (game: EvoGame): Uint8Array =>
  encode(
    game,
    Either.getOrThrowWith(templateOf(readCorpusFile(OFFICIAL)), (message) => new Error(message))
  )
