/** The reference's named matchmaking cases (§8.4) and worked examples of each step of §5.3. */
import { describe, expect, it } from "vitest"
import {
  categorize,
  equalize,
  refine,
  runWave,
  windowOf,
  type Contestant,
  type QueueEntry
} from "../../../src/domain/matchmaking/index.js"
import { referenceParameters } from "./arbitraries.js"
import { bothPlayer, bwPlayer, sc2Player } from "./fixtures.js"

const wave = (queue: ReadonlyArray<QueueEntry>, recentActivityCount = 30) =>
  runWave({ queue, recentActivityCount, parameters: referenceParameters })

const pairsOf = (queue: ReadonlyArray<QueueEntry>) =>
  wave(queue).pairings.map((p) => [p.lead.discordUid, p.follow.discordUid])

const sidesOf = (queue: ReadonlyArray<QueueEntry>, threshold = 50) => {
  const sides = equalize(categorize(queue), threshold)
  return { bw: sides.bw.map((e) => e.discordUid), sc2: sides.sc2.map((e) => e.discordUid) }
}

describe("the window 100 + 50·w (§5.3 step 5)", () => {
  it.each([
    [1, 150],
    [5, 350],
    [10, 600]
  ])("w = %i ⇒ %i", (w, expected) => {
    expect(windowOf({ base: 100, growth: 50 }, w)).toBe(expected)
  })

  it("accepts a difference of exactly 150 on the first wave, not 151", () => {
    expect(pairsOf([bwPlayer("a", 1500), sc2Player("b", 1650)])).toEqual([["a", "b"]])
    expect(pairsOf([bwPlayer("a", 1500), sc2Player("b", 1651)])).toEqual([])
  })

  it("accepts a pair when either player's window covers it", () => {
    // 400 apart: a's window after 1 wave is 150, b's after 6 waves is 400.
    expect(pairsOf([bwPlayer("a", 1500, 1), sc2Player("b", 1900, 6)])).toEqual([["a", "b"]])
    expect(pairsOf([bwPlayer("a", 1500, 6), sc2Player("b", 1900, 1)])).toEqual([["a", "b"]])
    expect(pairsOf([bwPlayer("a", 1500, 5), sc2Player("b", 1900, 5)])).toEqual([])
  })
})

describe("test_matchmaking_invariants.py", () => {
  it("two 'both' players match each other, not themselves", () => {
    const queue = [bothPlayer("alice", 1500, 1500), bothPlayer("bob", 1500, 1500)]
    expect(sidesOf(queue)).toEqual({ bw: ["bob"], sc2: ["alice"] })
    const result = wave(queue)
    expect(result.explanation.candidateCount).toBe(1)
    expect(pairsOf(queue)).toEqual([["bob", "alice"]])
    expect(result.pairings[0]).toMatchObject({ leadRace: "bw_zerg", followRace: "sc2_zerg", isBwMatch: true })
  })

  it("a single 'both' player gets no candidate", () => {
    const result = wave([bothPlayer("alice", 1500, 1500), bothPlayer("alice", 1500, 1500)])
    expect(result.explanation.candidateCount).toBe(0)
    expect(result.pairings).toEqual([])
  })

  it("a mixed queue gives disjoint sides", () => {
    const queue = [bwPlayer("alice", 1500), sc2Player("bob", 1500), bothPlayer("charlie", 1500, 1500)]
    const sides = sidesOf(queue)
    expect(sides.bw.filter((id) => sides.sc2.includes(id))).toEqual([])
    expect([...sides.bw, ...sides.sc2].sort()).toEqual(["alice", "bob", "charlie"])
  })

  it("imbalanced populations: 5 BW-only and 3 'both' give sides of 5 and 3", () => {
    const queue = [
      ...[0, 1, 2, 3, 4].map((i) => bwPlayer(`bw_${i}`, 1500)),
      ...[0, 1, 2].map((i) => bothPlayer(`both_${i}`, 1500, 1500))
    ]
    expect(sidesOf(queue)).toEqual({
      bw: ["bw_0", "bw_1", "bw_2", "bw_3", "bw_4"],
      sc2: ["both_0", "both_1", "both_2"]
    })
  })

  it("rebalancing preserves disjointness: a strong BW-only player and a neutral 'both' player", () => {
    expect(sidesOf([bwPlayer("strong_bw", 2000), bothPlayer("neutral", 1500, 1500)])).toEqual({
      bw: ["strong_bw"],
      sc2: ["neutral"]
    })
  })

  it("rebalancing never worsens population balance", () => {
    // BW 2000 vs SC2 1500 is far past the threshold, but moving the neutral player would give 0 vs 2.
    expect(sidesOf([bwPlayer("bw_p", 1500), bothPlayer("both_player", 1500, 1500)])).toEqual({
      bw: ["bw_p"],
      sc2: ["both_player"]
    })
  })

  it("all 'both' players split evenly by skill bias, SC2-leaning half to SC2", () => {
    const queue = [
      bothPlayer("p0", 1500, 1700),
      bothPlayer("p1", 1700, 1500),
      bothPlayer("p2", 1500, 1600),
      bothPlayer("p3", 1600, 1500),
      bothPlayer("p4", 1500, 1500),
      bothPlayer("p5", 1400, 1400)
    ]
    // Bias ascending: p0 −200, p2 −100, p4 0, p5 0 (after p4: larger max first), p3 +100, p1 +200.
    expect(sidesOf(queue)).toEqual({ bw: ["p5", "p3", "p1"], sc2: ["p0", "p2", "p4"] })
  })

  it("the complex six-player queue", () => {
    const queue = [
      bwPlayer("alice", 1500),
      bwPlayer("bob", 1600),
      sc2Player("charlie", 1500),
      sc2Player("dave", 1600),
      bothPlayer("eve", 1550, 1550),
      bothPlayer("frank", 1450, 1450)
    ]
    // Equal sides: the 'both' players alternate, SC2 first: eve (larger max on equal bias), then frank.
    expect(sidesOf(queue)).toEqual({ bw: ["bob", "alice", "frank"], sc2: ["dave", "charlie", "eve"] })
    // Greedy: bob–dave and alice–charlie (0 apart), then frank–eve (100 apart, 0² + 100² in all);
    // refinement swaps the last two follows: alice–eve and frank–charlie are 50 apart each (5000).
    const result = wave(queue)
    expect(result.explanation.greedy).toEqual([
      ["bob", "dave"],
      ["alice", "charlie"],
      ["frank", "eve"]
    ])
    expect(pairsOf(queue)).toEqual([
      ["bob", "dave"],
      ["alice", "eve"],
      ["frank", "charlie"]
    ])
    expect(result.explanation.swaps).toBe(1)
  })
})

describe("rebalancing by mean MMR", () => {
  it("moves the most neutral 'both' player off a stronger, larger side", () => {
    // BW-only 2 vs SC2-only 0 plus 3 'both': Δ = 2 gives SC2 the two most SC2-leaning, then the last
    // one alternates to SC2 (equal sides), leaving BW 2 vs SC2 3. SC2's mean is far above BW's, so the
    // most neutral 'both' player on SC2 moves over, keeping the difference at 1.
    const queue = [
      bwPlayer("w1", 1000),
      bwPlayer("w2", 1000),
      bothPlayer("lean_sc2", 1500, 2000),
      bothPlayer("neutral", 1990, 2000),
      bothPlayer("mild", 1900, 2000)
    ]
    expect(sidesOf(queue)).toEqual({ bw: ["w1", "w2", "neutral"], sc2: ["lean_sc2", "mild"] })
    expect(sidesOf(queue, 10_000)).toEqual({ bw: ["w1", "w2"], sc2: ["lean_sc2", "mild", "neutral"] })
  })
})

describe("scoring and selection (§5.3 steps 6–7)", () => {
  it("longer waits can outweigh a slightly larger difference", () => {
    // A second, unmatchable lead keeps the sides at 2 and 2, so the priority filter keeps both x and y.
    const far = bwPlayer("far", 3000, 1)
    // x: 10² − 20·(1+1) = 60; y: 11² − 20·(1+3) = 41, so y is taken despite the larger difference.
    expect(
      pairsOf([bwPlayer("lead", 1500, 1), far, sc2Player("x", 1510, 1), sc2Player("y", 1511, 3)])
    ).toEqual([["lead", "y"]])
    // y: 12² − 80 = 64 > 60.
    expect(
      pairsOf([bwPlayer("lead", 1500, 1), far, sc2Player("x", 1510, 1), sc2Player("y", 1512, 3)])
    ).toEqual([["lead", "x"]])
  })

  it("equal scores go in generation order: lead side order, then follow side order", () => {
    const queue = [bwPlayer("l1", 1500), bwPlayer("l2", 1500), sc2Player("f1", 1500), sc2Player("f2", 1500)]
    expect(pairsOf(queue)).toEqual([
      ["l1", "f1"],
      ["l2", "f2"]
    ])
  })

  it("the priority filter lets a veteran take the match (the reference's Alice/Bob/Carol case)", () => {
    const queue = [bwPlayer("alice", 1500, 1), sc2Player("bob", 1700, 10), sc2Player("carol", 1550, 1)]
    const result = wave(queue)
    expect(result.explanation.followSide).toEqual(["bob"])
    expect(pairsOf(queue)).toEqual([["alice", "bob"]])
  })

  it("the smaller side leads; SC2 leads when it is smaller", () => {
    const result = wave([bwPlayer("a", 1500), bwPlayer("b", 1500), sc2Player("c", 1500)])
    expect(result.explanation.isBwMatch).toBe(false)
    expect(result.pairings[0]).toMatchObject({
      leadRace: "sc2_protoss",
      followRace: "bw_terran",
      isBwMatch: false
    })
  })
})

describe("refinement (§5.3 step 8)", () => {
  const c = (id: string, mmr: number, window = 150): Contestant => ({ id, mmr, wait: 1, window })

  it("swaps follows when that lowers the squared error (the reference's 1500/1600/1550/1650 case)", () => {
    const [p1, p2, p3, p4] = [c("p1", 1500), c("p2", 1600), c("p3", 1550), c("p4", 1650)]
    const refined = refine(
      [
        [p1, p4],
        [p2, p3]
      ],
      2
    )
    expect(refined.pairs.map(([l, f]) => [l.id, f.id])).toEqual([
      ["p1", "p3"],
      ["p2", "p4"]
    ])
    expect(refined.swaps).toBe(1)
  })

  it("never swaps into a self-match", () => {
    const alice = c("1", 1500)
    const bobSc2 = c("2", 1600)
    const bobBw = c("2", 1600)
    const charlie = c("3", 1500)
    const refined = refine(
      [
        [alice, bobSc2],
        [bobBw, charlie]
      ],
      2
    )
    expect(refined.swaps).toBe(0)
    expect(refined.pairs.map(([l, f]) => [l.id, f.id])).toEqual([
      ["1", "2"],
      ["2", "3"]
    ])
  })

  it("never swaps into a pair outside both windows", () => {
    const [a, b, x, y] = [c("a", 1000, 50), c("b", 1300, 50), c("x", 1290, 400), c("y", 1010, 50)]
    // Start from a–x and b–y, 290 apart each (x's window of 400 covers it).
    const start: ReadonlyArray<readonly [Contestant, Contestant]> = [
      [a, x],
      [b, y]
    ]
    // Swapping gives a–y (10) and b–x (10): allowed, both windows cover 10.
    expect(refine(start, 1).swaps).toBe(1)
    // With windows too small for the new pairs, no swap.
    const tight = [c("a", 1000, 5), c("b", 1300, 5), c("x", 1290, 400), c("y", 1010, 5)] as const
    expect(
      refine(
        [
          [tight[0], tight[2]],
          [tight[1], tight[3]]
        ],
        1
      ).swaps
    ).toBe(0)
  })

  it("does nothing with zero passes or fewer than two pairs", () => {
    const [p1, p2, p3, p4] = [c("p1", 1500), c("p2", 1600), c("p3", 1550), c("p4", 1650)]
    expect(
      refine(
        [
          [p1, p4],
          [p2, p3]
        ],
        0
      ).swaps
    ).toBe(0)
    expect(refine([[p1, p4]], 2).swaps).toBe(0)
  })
})
