/**
 * Property tests: truncations, bit flips and corrupted length fields of real replays (and of the
 * decompressed members, to reach the s2protocol decoders behind the bzip2 checksums). Every input must
 * end in a replay or a tagged error, within a second, without an exception escaping.
 */
import { Either, FastCheck as fc, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeReplay } from "../../src/replay/decodeReplay.js"
import { ReplayError } from "../../src/replay/errors.js"
import { openArchive } from "../../src/replay/mpq/archive.js"
import { decryptWords, hashString, HashType } from "../../src/replay/mpq/crypto.js"
import { ParsedReplay } from "../../src/replay/ParsedReplay.js"
import { readDetails } from "../../src/replay/sections/details.js"
import { readInitData } from "../../src/replay/sections/initData.js"
import { corpusAvailable, readCorpusFile } from "../support/corpus.js"
import { encrypt } from "../../src/replay/encode/mpqWriter.js"
import { syntheticReplay } from "./syntheticReplay.js"

const SAMPLES = [
  "evo/Khione SEL (Official KR).SC2Replay",
  "pro-2025/QM - Classic vs Bunny - G1 - Ultralove.SC2Replay",
  "bad-input/1.2.2.17811__4.SC2Replay"
]

const isReplay = Schema.is(ParsedReplay)
const isError = Schema.is(ReplayError)

/** Decodes and checks the outcome: a valid replay or a tagged error, in under a second. */
const decodesSafely = (bytes: Uint8Array): boolean => {
  const started = performance.now()
  const result = decodeReplay(bytes)
  const elapsed = performance.now() - started
  expect(elapsed).toBeLessThan(1000)
  if (Either.isRight(result)) expect(isReplay(result.right)).toBe(true)
  else expect(isError(result.left), `${result.left._tag}: ${result.left.message}`).toBe(true)
  return true
}

const flipBits = (bytes: Uint8Array, flips: ReadonlyArray<readonly [number, number]>): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  for (const [position, bit] of flips) {
    const at = position % copy.length
    copy[at] = (copy[at] ?? 0) ^ (1 << bit)
  }
  return copy
}

/** Values a forged length or offset likes to take. */
const nastyU32 = fc.oneof(
  fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 1024, 65536),
  fc.integer({ min: 0, max: 0xffffffff })
)

const setU32 = (bytes: Uint8Array, at: number, value: number): Uint8Array => {
  const copy = Uint8Array.from(bytes)
  new DataView(copy.buffer).setUint32(at, value, true)
  return copy
}

/** Rewrites one field of one (decrypted) block-table entry and encrypts the table again. */
const corruptBlockTable = (bytes: Uint8Array, entry: number, field: number, value: number): Uint8Array => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const archive = view.getUint32(8, true)
  const tableAt = archive + view.getUint32(archive + 20, true)
  const entries = view.getUint32(archive + 28, true)
  const key = hashString("(block table)", HashType.fileKey)
  const words = decryptWords(bytes, tableAt, entries * 4, key)
  words[(entry % entries) * 4 + field] = value
  const copy = Uint8Array.from(bytes)
  copy.set(new Uint8Array(encrypt(words, key).buffer), tableAt)
  return copy
}

describe("decodeReplay under corruption (self-contained)", () => {
  const replay = syntheticReplay()

  it("survives truncation at every length", () => {
    for (let length = 0; length <= replay.length; length++) decodesSafely(replay.subarray(0, length))
  })

  it("survives bit flips", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 6 }),
        (flips) => decodesSafely(flipBits(replay, flips))
      ),
      { numRuns: 2000 }
    )
  })
})

describe.skipIf(!corpusAvailable)("decodeReplay under corruption of real replays", () => {
  const samples = SAMPLES.map((file) => readCorpusFile(file))
  const sample = fc.constantFrom(...samples)

  it("survives truncation", () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), (bytes, fraction) =>
        decodesSafely(bytes.subarray(0, Math.floor(bytes.length * fraction)))
      ),
      { numRuns: 600 }
    )
  })

  it("survives bit flips", () => {
    fc.assert(
      fc.property(
        sample,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }),
        (bytes, flips) => decodesSafely(flipBits(bytes, flips))
      ),
      { numRuns: 1000 }
    )
  })

  it("survives forged sizes and offsets in the headers", () => {
    // User-data header fields (4..16) and archive header fields (1024 + 4..32).
    const fields = fc.constantFrom(4, 8, 12, 1028, 1032, 1036, 1040, 1044, 1048, 1052)
    fc.assert(
      fc.property(sample, fields, nastyU32, (bytes, at, value) => decodesSafely(setU32(bytes, at, value))),
      { numRuns: 1000 }
    )
  })

  it("survives forged block-table entries (offset, sizes, flags)", () => {
    fc.assert(
      fc.property(sample, fc.nat(), fc.integer({ min: 0, max: 3 }), nastyU32, (bytes, entry, field, value) =>
        decodesSafely(corruptBlockTable(bytes, entry, field, value))
      ),
      { numRuns: 1000 }
    )
  })
})

describe.skipIf(!corpusAvailable)("the s2protocol decoders under corruption", () => {
  const archive = openArchive(readCorpusFile(SAMPLES[0] ?? ""), { maxMemberBytes: 1 << 22 })
  const details = archive.read("replay.details") ?? new Uint8Array(0)
  const initData = archive.read("replay.initData") ?? new Uint8Array(0)

  /** Runs a section decoder: it must return or throw one of the decoder's tagged errors, quickly. */
  const sectionSafely = (decode: () => unknown): boolean => {
    const started = performance.now()
    try {
      decode()
    } catch (error) {
      expect(isError(error), String(error)).toBe(true)
    }
    expect(performance.now() - started).toBeLessThan(1000)
    return true
  }

  it("details: bit flips and truncations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: details.length }),
        (flips, length) =>
          sectionSafely(() => readDetails(flipBits(details, flips).subarray(0, length), "replay.details"))
      ),
      { numRuns: 1500 }
    )
  })

  it("initData: bit flips and truncations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: initData.length }),
        fc.boolean(),
        (flips, length, strict) =>
          sectionSafely(() => readInitData(flipBits(initData, flips).subarray(0, length), strict))
      ),
      { numRuns: 1500 }
    )
  })
})
