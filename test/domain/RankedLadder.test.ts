import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { RaceCode } from "../../src/domain/Race.js"
import { assignRanks } from "../../src/domain/Rank.js"
import { ladderPlayersOf } from "../../src/domain/LadderPlayers.js"
import { ladderRatingsOf, type LadderRating } from "../../src/domain/RankedLadder.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { ladderPlayersFrom, ladderRows, rankLadder, type LadderPlayer } from "../support/rankedLadder.js"

const player = (n: number): LadderPlayer => ({
  discordUid: Snowflake.make(`2${String(n).padStart(17, "0")}`),
  playerName: `P${n}`,
  country: n % 2 === 0 ? "KR" : null
})
const PLAYERS = Array.from({ length: 30 }, (_, n) => player(n))

/** Ratings of the 30 players, at most one per (player, race), in random order, ties likely. */
const ratingLists = fc
  .uniqueArray(
    fc.record({
      player: fc.integer({ min: 0, max: 29 }),
      race: fc.constantFrom(...RaceCode.literals),
      mmr: fc.integer({ min: 1495, max: 1505 }),
      lastPlayedAt: fc.integer({ min: 0, max: 3 })
    }),
    { selector: (rating) => `${rating.player}:${rating.race}`, maxLength: 120 }
  )
  .map((ratings) =>
    ratings.map((rating, index): LadderRating => [
      PLAYERS[rating.player]?.discordUid ?? "",
      rating.race,
      rating.mmr,
      rating.lastPlayedAt,
      index + 1
    ])
  )

const ranked = (ratings: Array<LadderRating>) => {
  const ladder = rankLadder(ratings, PLAYERS, 0)
  if ("orphan" in ladder) throw new Error(`orphan ${JSON.stringify(ladder.orphan)}`)
  return ladder
}

describe("the ranked ladder", () => {
  it("ranks ratings given in any order exactly as the rank rules do", () => {
    fc.assert(
      fc.property(ratingLists, (ratings) => {
        const expected = assignRanks(
          ratings.map(([, , mmr, lastPlayedAt, id]) => ({ id, mmr, gamesPlayed: 1, lastPlayedAt })),
          10,
          100
        )
        const rows = ladderRows(ranked([...ratings]))
        expect(rows.map((row) => [row.globalRank, row.letter, row.mmr, row.lastPlayedAt])).toEqual(
          expected.map((rank) => [rank.globalRank, rank.letter, rank.rating.mmr, rank.rating.lastPlayedAt])
        )
      })
    )
  })

  it("finds each ranked rating's position by player and race, and nothing for the rest", () => {
    fc.assert(
      fc.property(ratingLists, (ratings) => {
        const ladder = ranked([...ratings])
        for (const own of PLAYERS) {
          for (const race of RaceCode.literals) {
            const position = ladder.positionOf(own.discordUid, race)
            const row = position === undefined ? undefined : ladder.rowAt(position)
            const rated = ratings.some(([uid, code]) => uid === own.discordUid && code === race)
            expect(row === undefined ? undefined : [row.discordUid, row.race]).toEqual(
              rated ? [own.discordUid, race] : undefined
            )
          }
        }
        expect(ladder.positionOf("999", "bw_zerg")).toBeUndefined()
      })
    )
  })

  it("puts named players as they are now in place of what it had of them, as ranking afresh would", () => {
    fc.assert(
      fc.property(ratingLists, ratingLists, fc.subarray(PLAYERS), (before, now, named) => {
        const uids = new Set<string>(named.map((player) => player.discordUid))
        const renamed = named.map((player) => ({
          ...player,
          playerName: `${player.playerName}'`,
          country: "DE"
        }))
        const theirs = now.filter(([uid]) => uids.has(uid))
        const replaced = ranked([...before]).replacing(uids, ladderPlayersFrom(renamed), theirs)
        const others = PLAYERS.map(
          (player) => renamed.find((again) => again.discordUid === player.discordUid) ?? player
        )
        const afresh = rankLadder([...before.filter(([uid]) => !uids.has(uid)), ...theirs], others, 0)
        if ("orphan" in replaced || "orphan" in afresh) throw new Error("unreachable: every player is listed")
        expect(ladderRows(replaced)).toEqual(ladderRows(afresh))
      })
    )
  })

  it("takes in players it did not have, and names a rating whose player it cannot find", () => {
    const early = PLAYERS.slice(0, 20)
    fc.assert(
      fc.property(ratingLists, ratingLists, fc.subarray(PLAYERS), (before, now, named) => {
        const ours = before.filter(([uid]) => early.some((player) => player.discordUid === uid))
        const base = rankLadder([...ours], early, 0)
        const uids = new Set<string>(named.map((player) => player.discordUid))
        const theirs = now.filter(([uid]) => uids.has(uid))
        const newcomers = named.filter((player) => !early.includes(player))
        const afresh = rankLadder(
          [...ours.filter(([uid]) => !uids.has(uid)), ...theirs],
          [...early, ...newcomers],
          0
        )
        if ("orphan" in base || "orphan" in afresh) throw new Error("unreachable: every player is listed")
        const replaced = base.replacing(uids, ladderPlayersFrom(named), theirs)
        if ("orphan" in replaced) throw new Error(`orphan ${JSON.stringify(replaced.orphan)}`)
        expect(ladderRows(replaced)).toEqual(ladderRows(afresh))
      })
    )
    const stray: LadderRating = ["100000000000000000", "bw_zerg", 1500, 0, 9]
    expect(ranked([]).replacing(new Set([stray[0]]), ladderPlayersFrom([]), [stray])).toEqual({
      orphan: stray
    })
  })

  it("shows each row with its player's name and country, and its last game in epoch milliseconds", () => {
    const ladder = rankLadder(
      [
        [player(3).discordUid, "sc2_zerg", 1600, 5, 1],
        [player(4).discordUid, "bw_terran", 1700, 5, 2]
      ],
      PLAYERS,
      1_000
    )
    if ("orphan" in ladder) throw new Error("unreachable")
    expect(ladderRows(ladder)).toEqual([
      {
        globalRank: 1,
        letter: "C",
        discordUid: player(4).discordUid,
        playerName: "P4",
        country: "KR",
        race: "bw_terran",
        mmr: 1700,
        lastPlayedAt: 1005
      },
      {
        globalRank: 2,
        letter: "D",
        discordUid: player(3).discordUid,
        playerName: "P3",
        country: null,
        race: "sc2_zerg",
        mmr: 1600,
        lastPlayedAt: 1005
      }
    ])
    expect(ladder.rowAt(2)).toBeUndefined()
  })

  it("names a rating whose player is missing instead of ranking it", () => {
    const stray: LadderRating = ["100000000000000000", "bw_zerg", 1500, 0, 9]
    expect(rankLadder([[player(1).discordUid, "bw_zerg", 1500, 0, 1], stray], PLAYERS, 0)).toEqual({
      orphan: stray
    })
  })

  it("accepts only well-formed rating tuples", () => {
    expect(ladderRatingsOf([["1", "bw_zerg", 1500, 0, 1]])).toEqual([["1", "bw_zerg", 1500, 0, 1]])
    for (const bad of [
      null,
      "x",
      ["1", "bw_zerg", 1500, 0],
      ["1", "zerg", 1500, 0, 1],
      ["1", "bw_zerg", 1500.5, 0, 1],
      ["1", "bw_zerg", 1500, null, 1],
      [1, "bw_zerg", 1500, 0, 1],
      ["1", "bw_zerg", 1500, 0, "1"]
    ]) {
      expect(ladderRatingsOf([bad])).toEqual({ mismatch: bad })
    }
  })

  it("checks lists of ratings and players, naming the first thing that does not match", () => {
    const rating = ["1", "bw_zerg", 1500, 0, 1]
    expect(ladderRatingsOf([rating])).toEqual([rating])
    expect(ladderRatingsOf({})).toEqual({ mismatch: {} })
    expect(ladderRatingsOf([rating, ["1", "zerg", 1500, 0, 2], null])).toEqual({
      mismatch: ["1", "zerg", 1500, 0, 2]
    })
    const uid = player(1).discordUid
    expect(ladderPlayersOf([uid], ["P1"], ["KR"])).toEqual({
      discordUid: [uid],
      playerName: ["P1"],
      country: ["KR"]
    })
    expect(ladderPlayersOf([uid], ["P1"], [null])).toEqual({
      discordUid: [uid],
      playerName: ["P1"],
      country: [null]
    })
    for (const bad of [
      ["x12", "P", null],
      [uid, null, null],
      [uid, 5, null],
      [uid, "P", 7]
    ]) {
      const [id, name, country] = bad
      expect(ladderPlayersOf([uid, id], ["P1", name], ["KR", country])).toEqual({ mismatch: bad })
    }
    expect(ladderPlayersOf([uid], ["P1"], [])).toEqual({ mismatch: [[uid], ["P1"], []] })
    expect(ladderPlayersOf(null, [], [])).toEqual({ mismatch: [null, [], []] })
  })
})
