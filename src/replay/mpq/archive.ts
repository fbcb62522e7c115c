/**
 * A read-only MPQ archive reader for .SC2Replay files: the user-data block that carries the replay
 * header, the archive header (formats 0–3; only the classic hash and block tables are used, which
 * every replay has), and members found by name hash, never through the (possibly encrypted) list file.
 * Every offset and size read from the file is checked against the file before use.
 */
import { MalformedArchive, ReplayTooLarge, UnsupportedReplay } from "../errors.js"
import { decryptWords, hashString, HashType } from "./crypto.js"
import { decompressUnit } from "./decompress.js"

const USER_DATA_MAGIC = 0x1b51504d // "MPQ\x1B"
const ARCHIVE_MAGIC = 0x1a51504d // "MPQ\x1A"
const HASH_TABLE_KEY = 0xc3af3770 // hashString("(hash table)", fileKey)
const BLOCK_TABLE_KEY = 0xec83b3a3 // hashString("(block table)", fileKey)
const HASH_ENTRY_EMPTY = 0xffffffff

const Flag = {
  implode: 0x100,
  compress: 0x200,
  encrypted: 0x10000,
  singleUnit: 0x01000000,
  sectorCrc: 0x04000000,
  exists: 0x80000000
} as const

/** Far above what any replay has (16–32 hash entries, 10–18 blocks); keeps a forged count from allocating. */
const MAX_TABLE_ENTRIES = 1 << 16
/** StormLib caps the sector shift the same way; replays use 5 (16 KiB sectors). */
const MAX_SECTOR_SHIFT = 15

export interface ArchiveLimits {
  /** Largest size one member may decompress to. */
  readonly maxMemberBytes: number
}

interface Block {
  readonly offset: number
  readonly compressedSize: number
  readonly fileSize: number
  readonly flags: number
}

export interface MpqArchive {
  /** The user-data block's content: in a replay, the encoded `replay.header`. */
  readonly userData: Uint8Array
  /** The member's bytes, or `undefined` when the archive has no such member. */
  readonly read: (name: string) => Uint8Array | undefined
}

const malformed = (message: string) => new MalformedArchive({ message })

const notAReplay = () => malformed("This file is not a StarCraft II replay (no MPQ archive header).")

const damaged = (what: string) =>
  malformed(`This replay file is damaged or incomplete (${what}). Please upload the original file again.`)

export const openArchive = (bytes: Uint8Array, limits: ArchiveLimits): MpqArchive => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u32 = (at: number): number => view.getUint32(at, true)

  if (bytes.length < 16 || u32(0) !== USER_DATA_MAGIC) throw notAReplay()
  const archiveOffset = u32(8)
  const userDataSize = u32(12)
  if (16 + userDataSize > bytes.length) throw damaged("the replay header runs past the end of the file")
  const userData = bytes.subarray(16, 16 + userDataSize)

  if (archiveOffset + 32 > bytes.length || u32(archiveOffset) !== ARCHIVE_MAGIC) {
    throw damaged("the archive header is missing")
  }
  const formatVersion = view.getUint16(archiveOffset + 12, true)
  if (formatVersion > 3)
    throw new UnsupportedReplay({ message: "This replay uses an unknown archive format." })
  const sectorShift = view.getUint16(archiveOffset + 14, true)
  if (sectorShift > MAX_SECTOR_SHIFT) throw damaged("impossible sector size")
  let hashTableOffset = u32(archiveOffset + 16)
  let blockTableOffset = u32(archiveOffset + 20)
  const hashEntries = u32(archiveOffset + 24)
  const blockEntries = u32(archiveOffset + 28)
  if (formatVersion >= 1) {
    // Format 1 adds the high 16 bits of both table offsets, for archives above 4 GiB.
    if (archiveOffset + 44 > bytes.length) throw damaged("the archive header is cut short")
    hashTableOffset += view.getUint16(archiveOffset + 40, true) * 2 ** 32
    blockTableOffset += view.getUint16(archiveOffset + 42, true) * 2 ** 32
  }
  if (hashEntries > MAX_TABLE_ENTRIES || blockEntries > MAX_TABLE_ENTRIES)
    throw damaged("oversized file tables")

  const readTable = (offset: number, entries: number, key: number): Uint32Array => {
    // An empty table needs no bytes: archives saved before the game began have them, placed past the end.
    if (entries === 0) return new Uint32Array(0)
    const start = archiveOffset + offset
    if (start + entries * 16 > bytes.length) throw damaged("the file tables run past the end of the file")
    return decryptWords(bytes, start, entries * 4, key)
  }
  const hashTable = readTable(hashTableOffset, hashEntries, HASH_TABLE_KEY)
  const blockTable = readTable(blockTableOffset, blockEntries, BLOCK_TABLE_KEY)

  const findBlock = (name: string): Block | undefined => {
    if (hashEntries === 0) return undefined
    const nameA = hashString(name, HashType.nameA)
    const nameB = hashString(name, HashType.nameB)
    const start = hashString(name, HashType.tableOffset) % hashEntries
    // Linear probing ends at an empty entry; bounding it by the table size ends it on a full table too.
    for (let probe = 0; probe < hashEntries; probe++) {
      const entry = ((start + probe) % hashEntries) * 4
      const blockIndex = hashTable[entry + 3] ?? HASH_ENTRY_EMPTY
      if (blockIndex === HASH_ENTRY_EMPTY) return undefined
      if (hashTable[entry] === nameA && hashTable[entry + 1] === nameB && blockIndex < blockEntries) {
        const at = blockIndex * 4
        return {
          offset: blockTable[at] ?? 0,
          compressedSize: blockTable[at + 1] ?? 0,
          fileSize: blockTable[at + 2] ?? 0,
          flags: blockTable[at + 3] ?? 0
        }
      }
    }
    return undefined
  }

  const readBlock = (name: string, block: Block): Uint8Array => {
    const { flags, fileSize, compressedSize } = block
    if ((flags & Flag.exists) === 0) throw damaged(`${name} is marked deleted`)
    if (fileSize > limits.maxMemberBytes) {
      throw new ReplayTooLarge({
        message: `This replay's ${name} would unpack to ${fileSize} bytes, more than the ${limits.maxMemberBytes} allowed.`
      })
    }
    if ((flags & Flag.encrypted) !== 0) {
      throw new UnsupportedReplay({ message: `This replay's ${name} is encrypted, which replays never are.` })
    }
    if ((flags & Flag.implode) !== 0) {
      throw new UnsupportedReplay({
        message: `This replay's ${name} uses PKWARE compression, which replays never use.`
      })
    }
    const start = archiveOffset + block.offset
    if (start + compressedSize > bytes.length) throw damaged(`${name} runs past the end of the file`)
    const stored = bytes.subarray(start, start + compressedSize)
    if (fileSize === 0) return new Uint8Array(0)
    const compressed = (flags & Flag.compress) !== 0
    if ((flags & Flag.singleUnit) !== 0 || !compressed) {
      if (!compressed || compressedSize === fileSize) {
        if (compressedSize < fileSize) throw damaged(`${name} is cut short`)
        return stored.subarray(0, fileSize)
      }
      return decompressUnit(stored, fileSize, name)
    }
    return readSectors(name, stored, fileSize, (flags & Flag.sectorCrc) !== 0)
  }

  const sectorSize = 512 << sectorShift

  const readSectors = (name: string, stored: Uint8Array, fileSize: number, hasCrc: boolean): Uint8Array => {
    const sectors = Math.ceil(fileSize / sectorSize)
    const tableBytes = (sectors + 1 + (hasCrc ? 1 : 0)) * 4
    if (tableBytes > stored.length) throw damaged(`${name}'s sector table is cut short`)
    const table = new DataView(stored.buffer, stored.byteOffset, tableBytes)
    const out = new Uint8Array(fileSize)
    for (let i = 0; i < sectors; i++) {
      const from = table.getUint32(i * 4, true)
      const to = table.getUint32(i * 4 + 4, true)
      if (from > to || to > stored.length) throw damaged(`${name} has a broken sector table`)
      const expected = Math.min(sectorSize, fileSize - i * sectorSize)
      const sector = stored.subarray(from, to)
      out.set(
        sector.length < expected ? decompressUnit(sector, expected, name) : sector.subarray(0, expected),
        i * sectorSize
      )
    }
    return out
  }

  return {
    userData,
    read: (name) => {
      const block = findBlock(name)
      return block === undefined ? undefined : readBlock(name, block)
    }
  }
}
