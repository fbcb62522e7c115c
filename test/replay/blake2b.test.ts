import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { blake2bHex } from "../../src/replay/blake2b.js"

/** Input i of length n is byte (7i + 3) mod 256; digests from Python's hashlib.blake2b. */
const input = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff)

const vectors: ReadonlyArray<readonly [length: number, digest10: string, digest64: string]> = [
  [
    0,
    "6fa1d8fcfd719046d762",
    "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"
  ],
  [
    1,
    "ee57ce2c421b86e27ff7",
    "4fe4da61bcc756071b226843361d74944c72245d23e8245ea678c13fdcd7fe2ae529cf999ad99cc24f7a73416a18ba53e76c0afef83b16a568b12fbfc1a2674d"
  ],
  [
    3,
    "22cadf54e84529445191",
    "76ce7e90c577d436a65b691e51f0a1ad536130d70a18df3bf5368551327258b6f706f4a47c45f2d0d8147cfbb5623077e798247972e4f9338603a13abc05a4db"
  ],
  [
    111,
    "af39c4681f655eda7182",
    "4a2d61debfb29cecd41c05bfb98b1ec0198a0673118eb2c6eeb9a09c7be6707bda4304e2c617790477dce166e510ef0b834e4fa60479f9ac85df28f9bf36a14d"
  ],
  [
    112,
    "09d4070a81804e831c86",
    "7249a2011abf019553cc93049ed40ea6c09665de6e7a47b18f4aa4341248a57ae3e7d6f1a252a633154e4811ca6c3336b36d8e57cf122d8b7e32b783f70bc1df"
  ],
  [
    127,
    "16b49738e2d878d979ac",
    "71546bbf9110ad184cc60f2eb120fcfd9b4dbbca7a7f1270045b8a23a6a4f4330f65c1f030dd2f5fabc6c57617242c37cf427bd90407fac5b9deffd3ae888c39"
  ],
  [
    128,
    "3ee4ba284af7b33c8c75",
    "2d9e329f42afa3601d646692b81c13e87fcaff5bf15972e9813d7373cb6d181f9599f4d513d4af4fd6ebd37497aceb29aba5ee23ed764d8510b552bd088814fb"
  ],
  [
    129,
    "ef9d41f6d672fcceaffb",
    "47889df9eb4d717afc5019df5c6a83df00a0b8677395e078cd5778ace0f338a618e68b7d9afb065d9e6a01ccd31d109447e7fae771c3ee3e105709194122ba2b"
  ],
  [
    255,
    "3a24e8b97d6a28c10af7",
    "1a5199ac66a00e8a87ad1c7fbad30b33137dd8312bf6d98602dacf8f40ea2cb623a7fbc63e5a6bfa434d337ae7da5ca1a52502a215a3fe0297a151be85d88789"
  ],
  [
    256,
    "49e373b7a37fe922339a",
    "91019c558584980249ca43eceed27e19f1c3c24161b93eed1eee2a6a774f60bf8a81b43750870bee1698feac9c5336ae4d5c842e7ead159bf3916387e8ded9ae"
  ],
  [
    257,
    "f91419ca8f9a84fcd654",
    "9f1975efca45e7b74b020975d4d2c22802906ed8bfefca51ac497bd23147fc8f303890d8e5471ab6caaa02362e831a9e8d3435279912ccd4842c7806b096c348"
  ],
  [
    1000,
    "a8da1e363a91549d788f",
    "4bdd2c9cf31d797a81d245c989ffb7515143ca345c66f73087dd5c58bf642bf083ba16894eab79e3b08d5126404d833e7510271b50be36a7b7cbbb46f5c89fac"
  ]
]

describe("blake2bHex", () => {
  it.each(vectors)("matches hashlib.blake2b for %i bytes", (length, digest10, digest64) => {
    expect(blake2bHex(input(length), 10)).toBe(digest10)
    expect(blake2bHex(input(length), 64)).toBe(digest64)
  })

  it("is not a truncation of the 64-byte digest (the length is part of the parameter block)", () => {
    const data = new TextEncoder().encode("abc")
    expect(blake2bHex(data, 10)).toBe("3619b2e9832d748d745e")
    expect(createHash("blake2b512").update(data).digest("hex").startsWith(blake2bHex(data, 10))).toBe(false)
  })

  it("agrees with node:crypto for the 64-byte digest on large inputs", () => {
    const data = input(300_001)
    expect(blake2bHex(data, 64)).toBe(createHash("blake2b512").update(data).digest("hex"))
  })
})
