import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { RaceCode, raceCodes } from "../../src/domain/Race.js"
import type { LadderRating } from "../../src/domain/RankedLadder.js"
import type { RatingColumns } from "../../src/domain/RatingColumns.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { makeSnowflakeIndex } from "../../src/domain/SnowflakeIndex.js"
import { FIELD_SEPARATOR, RECORD_SEPARATOR, ratingColumnsOfText } from "../../src/ladder/ratingsText.js"

const PLAYERS = Array.from({ length: 8 }, (_, n) => Snowflake.make(`3${String(n).padStart(17, "0")}`))
const index = makeSnowflakeIndex(PLAYERS)

const textOf = (ratings: ReadonlyArray<LadderRating>) =>
  ratings.map((rating) => rating.join(FIELD_SEPARATOR)).join(RECORD_SEPARATOR)

/** The columns as tuples again: the player's id, the race code, and the numbers. */
const tuplesOf = (columns: RatingColumns) =>
  Array.from({ length: columns.size }, (_, at) => [
    PLAYERS[columns.owner[at] ?? -1],
    raceCodes[columns.race[at] ?? -1],
    columns.mmr[at],
    columns.playedAfter[at],
    columns.ratingId[at]
  ])

const integer = fc.integer({ min: -(2 ** 40), max: 2 ** 40 })
const ratings = fc.array(
  fc.tuple(fc.constantFrom(...PLAYERS), fc.constantFrom(...RaceCode.literals), integer, integer, integer),
  { maxLength: 50 }
)

describe("the ranked ratings' text", () => {
  it("reads every record into columns, each owned by its player's position", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const columns = ratingColumnsOfText(textOf(list), index)
        expect("size" in columns ? tuplesOf(columns) : columns).toEqual(list)
      })
    )
  })

  it("reads no rating from an empty text", () => {
    expect(ratingColumnsOfText("", index)).toMatchObject({ size: 0 })
  })

  it("names the first record that is not well-formed", () => {
    const good = `${PLAYERS[0]},bw_zerg,1500,10,1`
    const bad = [
      `${PLAYERS[1]},zerg,1500,10,2`,
      `${PLAYERS[1]},bw_zerg,1500,10`,
      `${PLAYERS[1]},bw_zerg,1500,10,2,3`,
      `${PLAYERS[1]},bw_zerg,1500.5,10,2`,
      `${PLAYERS[1]},bw_zerg,,10,2`,
      `${PLAYERS[1]},bw_zerg,1500,10,1234567890123456`,
      `${PLAYERS[1]},bw_zergling,1500,10,2`,
      `x${PLAYERS[1]},bw_zerg,1500,10,2`,
      `${PLAYERS[1]}`,
      `,bw_zerg,1500,10,2`
    ]
    for (const record of bad) {
      expect(ratingColumnsOfText([good, record, good].join(RECORD_SEPARATOR), index)).toEqual({
        mismatch: record
      })
    }
  })

  it("names a well-formed record whose player is not among the players", () => {
    const stray = "400000000000000000,bw_zerg,1500,10,2"
    expect(ratingColumnsOfText(`${PLAYERS[0]},bw_zerg,1500,10,1;${stray}`, index)).toEqual({ orphan: stray })
  })
})
