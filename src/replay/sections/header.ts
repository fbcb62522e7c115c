/** `replay.header` (the MPQ user-data block): version, base build and length in game loops. */
import { UnsupportedReplay } from "../errors.js"
import { FieldReader } from "../protocol/fields.js"
import { decodeVersioned } from "../protocol/versioned.js"
import { decodeSection } from "./decodeSection.js"

export interface ReplayHeader {
  readonly version: string
  readonly build: number
  readonly baseBuild: number
  readonly gameLoops: number
}

const SIGNATURE = "StarCraft II replay\x1b11"

const f = new FieldReader("replay header")

export const readHeader = (data: Uint8Array): ReplayHeader =>
  decodeSection(f.file, () => {
    const header = f.struct(decodeVersioned(data), "the header")
    if (f.text(header.get(0), "the signature") !== SIGNATURE) {
      throw new UnsupportedReplay({
        message: "This file is not a StarCraft II replay (it is another kind of MPQ archive)."
      })
    }
    const version = f.struct(header.get(1), "the version")
    const part = (tag: number, name: string) => f.int(version.get(tag), name)
    const build = part(4, "the build")
    return {
      version: `${part(1, "the major version")}.${part(2, "the minor version")}.${part(3, "the revision")}.${build}`,
      build,
      baseBuild: part(5, "the base build"),
      gameLoops: f.int(header.get(3), "the game length")
    }
  })
