/**
 * A minimal MPQ writer for self-contained tests and simulated seasons: a user-data block (the replay header), an archive
 * header and encrypted hash and block tables, members stored raw, deflated, or in sectors. Written
 * independently of the reader (its own crypt table) so that a shared mistake cannot hide.
 */
import { deflateSync } from "node:zlib"

const cryptTable = (() => {
  const table = new Uint32Array(0x500)
  let seed = 0x00100001
  for (let i = 0; i < 0x100; i++) {
    for (let j = 0; j < 5; j++) {
      seed = (seed * 125 + 3) % 0x2aaaab
      const high = (seed & 0xffff) << 16
      seed = (seed * 125 + 3) % 0x2aaaab
      table[i + j * 0x100] = (high | (seed & 0xffff)) >>> 0
    }
  }
  return table
})()

const crypt = (i: number): number => cryptTable[i] ?? 0

export const mpqHash = (name: string, type: number): number => {
  let seed1 = 0x7fed7fed
  let seed2 = 0xeeeeeeee
  for (const ch of name.toUpperCase().replace(/\//g, "\\")) {
    const c = ch.charCodeAt(0)
    seed1 = (crypt((type << 8) + c) ^ ((seed1 + seed2) >>> 0)) >>> 0
    seed2 = (c + seed1 + seed2 + ((seed2 << 5) >>> 0) + 3) >>> 0
  }
  return seed1
}

/** MPQ table encryption (the inverse of the reader's decryption). */
export const encrypt = (words: Uint32Array, key: number): Uint32Array => {
  const out = new Uint32Array(words.length)
  let seed1 = key >>> 0
  let seed2 = 0xeeeeeeee
  words.forEach((plain, i) => {
    seed2 = (seed2 + crypt(0x400 + (seed1 & 0xff))) >>> 0
    out[i] = (plain ^ ((seed1 + seed2) >>> 0)) >>> 0
    seed1 = ((((~seed1 << 21) >>> 0) + 0x11111111) | (seed1 >>> 11)) >>> 0
    seed2 = (plain + seed2 + ((seed2 << 5) >>> 0) + 3) >>> 0
  })
  return out
}

export const MpqFlag = {
  compress: 0x200,
  encrypted: 0x10000,
  singleUnit: 0x01000000,
  exists: 0x80000000
} as const

export interface Member {
  readonly name: string
  readonly data: Uint8Array
  /** raw: stored as is; zlib: one deflated unit; sectors: 512-byte sectors, each deflated. */
  readonly storage?: "raw" | "zlib" | "sectors"
  /** Overrides the computed block flags. */
  readonly flags?: number
  /** Overrides the block's uncompressed size. */
  readonly fileSize?: number
  /** Stored bytes to use instead of the computed ones (e.g. an unknown compression byte). */
  readonly stored?: Uint8Array
}

export interface ArchiveSpec {
  readonly userData: Uint8Array
  readonly members: ReadonlyArray<Member>
  readonly formatVersion?: number
  readonly hashEntries?: number
}

const SECTOR_SHIFT = 0 // 512-byte sectors, so small test members span several

const storedBytes = (member: Member): { bytes: Uint8Array; flags: number } => {
  const storage = member.storage ?? "raw"
  if (storage === "raw") return { bytes: member.data, flags: MpqFlag.exists | MpqFlag.singleUnit }
  if (storage === "zlib") {
    const packed = deflateSync(member.data)
    return {
      bytes: Uint8Array.from([0x02, ...packed]),
      flags: MpqFlag.exists | MpqFlag.singleUnit | MpqFlag.compress
    }
  }
  const sectorSize = 512 << SECTOR_SHIFT
  const sectors: Array<Uint8Array> = []
  for (let at = 0; at < member.data.length; at += sectorSize) {
    const plain = member.data.subarray(at, at + sectorSize)
    const packed = Uint8Array.from([0x02, ...deflateSync(plain)])
    sectors.push(packed.length < plain.length ? packed : plain)
  }
  const table = new Uint32Array(sectors.length + 1)
  let offset = table.length * 4
  sectors.forEach((sector, i) => {
    table[i] = offset
    offset += sector.length
  })
  table[sectors.length] = offset
  const bytes = new Uint8Array(offset)
  bytes.set(new Uint8Array(table.buffer), 0)
  let at = table.length * 4
  for (const sector of sectors) {
    bytes.set(sector, at)
    at += sector.length
  }
  return { bytes, flags: MpqFlag.exists | MpqFlag.compress }
}

/** Builds a replay-shaped archive: user data at 0, archive header at 1024 (as real replays have it). */
export const writeMpq = (spec: ArchiveSpec): Uint8Array => {
  const archiveOffset = 1024
  const headerSize = 44
  const hashEntries = spec.hashEntries ?? 16
  const stored = spec.members.map(storedBytes)
  let cursor = headerSize
  const blocks = spec.members.map((member, i) => {
    const { bytes, flags } = stored[i] ?? { bytes: new Uint8Array(0), flags: 0 }
    const data = member.stored ?? bytes
    const block = {
      offset: cursor,
      data,
      compressedSize: data.length,
      fileSize: member.fileSize ?? member.data.length,
      flags: member.flags ?? flags
    }
    cursor += data.length
    return block
  })
  const hashTableOffset = cursor
  const blockTableOffset = hashTableOffset + hashEntries * 16
  const archiveSize = blockTableOffset + blocks.length * 16

  const hashWords = new Uint32Array(hashEntries * 4).fill(0xffffffff)
  spec.members.forEach((member, blockIndex) => {
    let slot = mpqHash(member.name, 0) % hashEntries
    while (hashWords[slot * 4 + 3] !== 0xffffffff) slot = (slot + 1) % hashEntries
    hashWords.set([mpqHash(member.name, 1), mpqHash(member.name, 2), 0, blockIndex], slot * 4)
  })
  const blockWords = new Uint32Array(blocks.flatMap((b) => [b.offset, b.compressedSize, b.fileSize, b.flags]))

  const out = new Uint8Array(archiveOffset + archiveSize)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x1b51504d, true)
  view.setUint32(4, 512, true)
  view.setUint32(8, archiveOffset, true)
  view.setUint32(12, spec.userData.length, true)
  out.set(spec.userData, 16)
  view.setUint32(archiveOffset, 0x1a51504d, true)
  view.setUint32(archiveOffset + 4, headerSize, true)
  view.setUint32(archiveOffset + 8, archiveSize, true)
  view.setUint16(archiveOffset + 12, spec.formatVersion ?? 1, true)
  view.setUint16(archiveOffset + 14, SECTOR_SHIFT, true)
  view.setUint32(archiveOffset + 16, hashTableOffset, true)
  view.setUint32(archiveOffset + 20, blockTableOffset, true)
  view.setUint32(archiveOffset + 24, hashEntries, true)
  view.setUint32(archiveOffset + 28, blocks.length, true)
  for (const block of blocks) out.set(block.data, archiveOffset + block.offset)
  out.set(
    new Uint8Array(encrypt(hashWords, mpqHash("(hash table)", 3)).buffer),
    archiveOffset + hashTableOffset
  )
  out.set(
    new Uint8Array(encrypt(blockWords, mpqHash("(block table)", 3)).buffer),
    archiveOffset + blockTableOffset
  )
  return out
}
