/** The replay header (the MPQ user-data block): the signature, the game's version and its length. */
import { encodeVersioned, struct } from "./versionedWriter.js"

const SIGNATURE = "StarCraft II replay\x1b11"

export const headerBytes = (baseBuild = 95299, loops = 2240): Uint8Array =>
  encodeVersioned(
    struct({
      0: SIGNATURE,
      1: struct({ 0: 0, 1: 5, 2: 0, 3: 15, 4: baseBuild, 5: baseBuild }),
      2: 2,
      3: loops,
      4: 1
    })
  )
