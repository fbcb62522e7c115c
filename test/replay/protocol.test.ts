/** The building blocks: MPQ hashing, the bit reader, the versioned decoder, names and depot URLs. */
import { describe, expect, it } from "vitest"
import { hashString, HashType } from "../../src/replay/mpq/crypto.js"
import { BitReader, Truncated } from "../../src/replay/protocol/BitReader.js"
import { decodeBitPacked, PackedList, PackedStruct } from "../../src/replay/protocol/bitpacked.js"
import { array, blob, bool, int, optional, struct } from "../../src/replay/protocol/types.js"
import { Corrupted, decodeVersioned, VersionedStruct } from "../../src/replay/protocol/versioned.js"
import { readAttributes } from "../../src/replay/sections/attributes.js"
import { depotUrl } from "../../src/replay/sections/depot.js"
import { splitClanTag, unescapeMarkup } from "../../src/replay/sections/names.js"
import { encodeVersioned, struct as vstruct } from "../../src/replay/encode/versionedWriter.js"
import { cacheHandle } from "./syntheticReplay.js"

describe("MPQ name hashing", () => {
  it("gives the table keys and name hashes every MPQ tool agrees on", () => {
    expect(hashString("(hash table)", HashType.fileKey)).toBe(0xc3af3770)
    expect(hashString("(block table)", HashType.fileKey)).toBe(0xec83b3a3)
    expect(hashString("replay.details", HashType.nameA)).toBe(0xd383c29c)
    expect(hashString("replay.details", HashType.nameB)).toBe(0xef402e92)
    expect(hashString("REPLAY.DETAILS", HashType.nameA)).toBe(hashString("replay.details", HashType.nameA))
  })
})

describe("BitReader", () => {
  it("takes bits from the low end of each byte and assembles values big-endian", () => {
    const reader = new BitReader(Uint8Array.from([0b1011_0110, 0xff, 0x12, 0x34]))
    expect(reader.readBits(3)).toBe(0b110)
    expect(reader.readBits(5)).toBe(0b10110)
    expect(reader.readBits(4)).toBe(0xf)
    expect(reader.readBits(12)).toBe(0xf12)
    expect(reader.readAlignedBytes(1)).toEqual(Uint8Array.from([0x34]))
    expect(reader.done).toBe(true)
    expect(() => reader.readBits(1)).toThrow(Truncated)
  })

  it("reads 64-bit values exactly", () => {
    const reader = new BitReader(new Uint8Array(8).fill(0xff))
    expect(reader.readWide(64)).toBe(2n ** 64n - 1n)
  })
})

describe("the bit-packed decoder", () => {
  /** Writes values as s2protocol's encoder does: the high bits of a value first, each byte filled from its low end. */
  const bitWriter = () => {
    const bytes: Array<number> = []
    let used = 8
    return {
      bits(value: number, count: number) {
        let remaining = count
        while (remaining > 0) {
          if (used === 8) {
            bytes.push(0)
            used = 0
          }
          const take = Math.min(remaining, 8 - used)
          const chunk = (value >>> (remaining - take)) & ((1 << take) - 1)
          bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) | (chunk << used)
          used += take
          remaining -= take
        }
      },
      alignedByte(value: number) {
        bytes.push(value)
        used = 8
      },
      done: () => Uint8Array.from(bytes)
    }
  }

  it("reads ints with a minimum, optionals, arrays and aligned blobs", () => {
    const type = struct({ a: int(-2, 3), b: optional(bool), c: array(0, 2, int(0, 9)), d: blob(0, 2) })
    const writer = bitWriter()
    writer.bits(5, 3) // a = -2 + 5
    writer.bits(1, 1) // b is present …
    writer.bits(1, 1) // … and true
    writer.bits(2, 2) // c has two items
    writer.bits(300, 9)
    writer.bits(7, 9)
    writer.bits(1, 2) // d is one byte long, byte-aligned
    writer.alignedByte(0x41)
    const bytes = writer.done()
    const { value, exact } = decodeBitPacked(bytes, type)
    expect(exact).toBe(true)
    expect(value).toBeInstanceOf(PackedStruct)
    if (!(value instanceof PackedStruct)) return
    expect(value.get("a")).toBe(3)
    expect(value.get("b")).toBe(true)
    const c = value.get("c")
    expect(c instanceof PackedList ? c.items : c).toEqual([300, 7])
    expect(value.get("d")).toEqual(Uint8Array.from([0x41]))
  })
})

describe("the versioned decoder", () => {
  it("reads negative and 64-bit integers", () => {
    const value = decodeVersioned(encodeVersioned(vstruct({ 0: -252000000000, 5: 134066835549980000n })))
    expect(value).toBeInstanceOf(VersionedStruct)
    if (value instanceof VersionedStruct) {
      expect(value.get(0)).toBe(-252000000000)
      expect(value.get(5)).toBe(134066835549980000n)
    }
  })

  it("rejects unknown type bytes, impossible lengths and runaway nesting", () => {
    expect(() => decodeVersioned(Uint8Array.from([10]))).toThrow(Corrupted)
    expect(() => decodeVersioned(Uint8Array.from([2, 0x7e]))).toThrow(Corrupted)
    expect(() => decodeVersioned(new Uint8Array(200).fill(4).map((b, i) => (i % 2 ? 1 : b)))).toThrow(
      Corrupted
    )
    expect(() => decodeVersioned(Uint8Array.from([9, 0x81]))).toThrow(Truncated)
  })
})

describe("player names", () => {
  it("splits the modern and the pre-2015 clan tag forms", () => {
    expect(splitClanTag("&lt;BornG&gt;<sp/>Huntedswarm")).toEqual({ name: "Huntedswarm", clan: "BornG" })
    expect(splitClanTag("[SKANKS]<sp/>furyofSKANKS")).toEqual({ name: "furyofSKANKS", clan: "SKANKS" })
    expect(splitClanTag("&lt;НЕТУДА&gt;<sp/>cyberbat")).toEqual({ name: "cyberbat", clan: "НЕТУДА" })
    expect(splitClanTag("A.I. 1 (Very Easy)")).toEqual({ name: "A.I. 1 (Very Easy)", clan: null })
  })

  it("unescapes markup", () => {
    expect(unescapeMarkup("Tom&amp;Jerry<sp/>&#39;s &#x41; &unknown;")).toBe("Tom&Jerry 's A &unknown;")
  })
})

describe("depot URLs", () => {
  it("prints handles as sc2reader does", () => {
    expect(depotUrl(cacheHandle("EU", 0x01))).toBe(
      `https://eu-s2-depot.classic.blizzard.com/${"01".repeat(32)}.s2ma`
    )
    expect(depotUrl(cacheHandle("SG", 0x02))).toBe(
      `https://us-s2-depot.classic.blizzard.com/${"02".repeat(32)}.s2ma`
    )
    expect(depotUrl(cacheHandle("CN", 0x03))).toBe(
      `http://cn-s2-depot.battlenet.com.cn/${"03".repeat(32)}.s2ma`
    )
  })
})

describe("lobby attributes", () => {
  it("reads the pre-17326 layout without the source byte", () => {
    const data = new Uint8Array(8 + 13)
    const view = new DataView(data.buffer)
    view.setUint32(4, 1, true)
    view.setUint32(8 + 4, 3000, true)
    data[8 + 8] = 16
    data.set(new TextEncoder().encode("rsaF"), 8 + 9)
    expect(readAttributes(data).global.get(3000)).toBe("Fasr")
  })
})
