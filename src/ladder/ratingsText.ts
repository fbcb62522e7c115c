/**
 * The text the ranked-ratings statement makes of its rows, read into rating columns. One record per
 * rating, `discord_uid,race,mmr,played_after,id`, records separated by `;`: plain digits and race
 * codes, which nothing needs to escape.
 *
 * Read by hand in one pass, because this is where a 100k-rating snapshot spent its time: parsed as
 * JSON, every rating became an array and a string that all survived into the snapshot, and the
 * garbage collector copying them cost as much as the rest of the read. Here nothing is made per
 * rating: ids are found in the players' index straight from their digits.
 */
import type { Mismatch } from "../domain/bulkChecks.js"
import { raceCodes } from "../domain/Race.js"
import type { Orphan } from "../domain/RankedLadder.js"
import { firstRatings, makeRatingColumns, type RatingColumns } from "../domain/RatingColumns.js"
import { isSnowflake } from "../domain/Snowflake.js"
import type { SnowflakeIndex } from "../domain/SnowflakeIndex.js"

export const RECORD_SEPARATOR = ";"
export const FIELD_SEPARATOR = ","

const COMMA = FIELD_SEPARATOR.charCodeAt(0)
const RECORD_END = RECORD_SEPARATOR.charCodeAt(0)
const MINUS = "-".charCodeAt(0)
const ZERO = "0".charCodeAt(0)
/** Integers up to 15 digits are exact in a double. */
const MAX_DIGITS = 15

/**
 * Reads the integer at `at` in `text` and the `separator` after it (or the end of the text, where
 * `mayEnd`) into `value[0]`; the position after the separator, or -1 if they are not there.
 */
const readInteger = (text: string, at: number, separator: number, mayEnd: boolean, value: Float64Array) => {
  const negative = text.charCodeAt(at) === MINUS
  const start = negative ? at + 1 : at
  let end = start
  let magnitude = 0
  for (
    let digit = text.charCodeAt(end) - ZERO;
    digit >= 0 && digit <= 9;
    digit = text.charCodeAt(++end) - ZERO
  )
    magnitude = magnitude * 10 + digit
  const digits = end - start
  const closed = end === text.length ? mayEnd : text.charCodeAt(end) === separator
  if (digits === 0 || digits > MAX_DIGITS || !closed) return -1
  value[0] = negative ? -magnitude : magnitude
  return end + 1
}

/** The index in `raceCodes` of the race code from `at` up to `end`; -1 if it is none. */
const readRace = (text: string, at: number, end: number) => {
  for (let race = 0; race < raceCodes.length; race++) {
    const code = raceCodes[race] ?? ""
    if (code.length === end - at && text.startsWith(code, at)) return race
  }
  return -1
}

/** The record starting at `start`, for a mismatch or an orphan. */
const recordAt = (text: string, start: number) => {
  const stop = text.indexOf(RECORD_SEPARATOR, start)
  return text.slice(start, stop < 0 ? text.length : stop)
}

/**
 * The ratings in `text`, owned by the positions `players` finds their ids at; a record that is not
 * well-formed is a `Mismatch`, one whose player is not found an `Orphan` (both give the record).
 */
export const ratingColumnsOfText = (
  text: string,
  players: SnowflakeIndex
): RatingColumns | Mismatch | Orphan => {
  let records = text.length === 0 ? 0 : 1
  for (let at = text.indexOf(RECORD_SEPARATOR); at >= 0; at = text.indexOf(RECORD_SEPARATOR, at + 1))
    records++
  const columns = makeRatingColumns(records)
  const value = new Float64Array(1)
  const end = text.length
  let size = 0
  for (let start = 0; start < end; size++) {
    const idEnd = text.indexOf(FIELD_SEPARATOR, start)
    const owner = idEnd < 0 ? -1 : players.findIn(text, start, idEnd)
    const raceEnd = idEnd < 0 ? -1 : text.indexOf(FIELD_SEPARATOR, idEnd + 1)
    const race = raceEnd < 0 ? -1 : readRace(text, idEnd + 1, raceEnd)
    let at = race < 0 ? -1 : raceEnd + 1
    if (at >= 0) {
      at = readInteger(text, at, COMMA, false, value)
      columns.mmr[size] = value[0] ?? 0
    }
    if (at >= 0) {
      at = readInteger(text, at, COMMA, false, value)
      columns.playedAfter[size] = value[0] ?? 0
    }
    if (at >= 0) {
      // The last record ends with the text rather than a separator.
      at = readInteger(text, at, RECORD_END, true, value)
      columns.ratingId[size] = value[0] ?? 0
    }
    if (at < 0 || (owner < 0 && !isSnowflake(text.slice(start, idEnd))))
      return { mismatch: recordAt(text, start) }
    if (owner < 0) return { orphan: recordAt(text, start) }
    columns.owner[size] = owner
    columns.race[size] = race
    start = at
  }
  return firstRatings(columns, size)
}
