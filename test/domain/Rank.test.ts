import { describe, expect, it } from "vitest"
import { assignRanks, bucketSizes, letters, type RankableRating } from "../../src/domain/Rank.js"

const DAY = 86_400_000
const WINDOW = 14 * DAY
const NOW = 100 * DAY

const sizesOf = (n: number) => letters.map((letter) => bucketSizes(n)[letter])

describe("letter-rank bucket sizes (§7.2)", () => {
  it.each([
    //  n     S  A   B   C   D   E   F
    [1, [0, 0, 0, 0, 1, 0, 0]],
    [10, [0, 0, 2, 3, 3, 2, 0]],
    [20, [0, 1, 4, 5, 5, 4, 1]],
    [50, [0, 3, 10, 11, 11, 11, 4]],
    [100, [1, 7, 21, 21, 21, 21, 8]],
    [250, [2, 17, 52, 53, 53, 53, 20]]
  ])("N = %i", (n, expected) => {
    expect(sizesOf(n)).toEqual(expected)
  })

  it("always hands out exactly N letters", () => {
    for (let n = 0; n <= 2000; n++) {
      expect(sizesOf(n).reduce((a, b) => a + b, 0)).toBe(n)
    }
  })

  it("gives an empty population nothing", () => {
    expect(sizesOf(0)).toEqual([0, 0, 0, 0, 0, 0, 0])
  })
})

const rating = (id: number, mmr: number, gamesPlayed = 1, lastPlayedAt: number | null = NOW - DAY) =>
  ({ id, mmr, gamesPlayed, lastPlayedAt }) satisfies RankableRating

describe("assignRanks", () => {
  it("orders by MMR, then most recent game, then newest row, and numbers globally", () => {
    const ranked = assignRanks(
      [
        rating(1, 1500, 3, NOW - 3 * DAY),
        rating(2, 1600),
        rating(3, 1500, 3, NOW - DAY),
        rating(4, 1500, 3, NOW - DAY),
        rating(5, 1400)
      ],
      NOW,
      WINDOW
    )
    expect(ranked.map((row) => [row.rating.id, row.globalRank])).toEqual([
      [2, 1],
      [4, 2],
      [3, 3],
      [1, 4],
      [5, 5]
    ])
  })

  it("fills S, A, B … top-down with the bucket sizes", () => {
    const ratings = Array.from({ length: 20 }, (_, i) => rating(i + 1, 2000 - i))
    const letterOf = assignRanks(ratings, NOW, WINDOW).map((row) => row.letter)
    expect(letterOf.join("")).toBe("ABBBBCCCCCDDDDDEEEEF")
  })

  it("leaves rows without games or idle for more than 14 days unranked (U, no global rank)", () => {
    const ranked = assignRanks(
      [
        rating(1, 1900, 0, null),
        rating(2, 1800, 5, NOW - WINDOW - 1),
        rating(3, 1700, 5, NOW - WINDOW),
        rating(4, 1500)
      ],
      NOW,
      WINDOW
    )
    expect(ranked.map((row) => [row.rating.id, row.globalRank, row.letter])).toEqual([
      [3, 1, "C"],
      [4, 2, "D"],
      [1, null, "U"],
      [2, null, "U"]
    ])
  })

  it("gives a lone ranked player D", () => {
    expect(assignRanks([rating(1, 1500)], NOW, WINDOW)[0]?.letter).toBe("D")
  })
})
