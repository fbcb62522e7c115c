/**
 * Positions of Discord ids in a list, found from an id or straight from its digits inside a longer
 * text: a leaderboard snapshot finds the player of each of 50k ratings in the text SQLite made of
 * them, and a string per lookup (or per rating, kept) is what the garbage collector then pays for.
 *
 * An id is kept exactly as its digit count, its last nine digits and the digits above those: the
 * 20 digits of a 64-bit id exceed a double's 53 bits, but each part fits.
 */
import type { Snowflake } from "./Snowflake.js"

/** How many of an id's last digits make its low part. */
const LOW_DIGITS = 9
/** The longest decimal id (2^64 − 1 has 20 digits); longer digit runs are not ids. */
const MAX_DIGITS = 20
const NOT_FOUND = -1

export interface SnowflakeIndex {
  /** The position of `id` in the list, or -1. */
  readonly find: (id: string) => number
  /** The position of the id written in `text` from `start` up to (not including) `end`, or -1. */
  readonly findIn: (text: string, start: number, end: number) => number
  /** This index with `ids` added after the ones it has (their positions follow on). */
  readonly extended: (ids: ReadonlyArray<Snowflake>) => SnowflakeIndex
}

/** Open addressing over a power-of-two table of positions (-1: empty), at most half full. */
const tableBits = (size: number) => Math.max(4, Math.ceil(Math.log2(size * 2 + 1)))

const slotOf = (high: number, low: number, bits: number) =>
  Math.imul(low ^ Math.imul(high | 0, 0x27d4eb2d), 0x9e3779b1) >>> (32 - bits)

/**
 * Writes the parts of the id written in text[start, end) into `key` (digit count, high digits,
 * last nine digits); false if that is not an id. A typed array rather than variables captured by
 * a closure: those would box every double written to them.
 */
const readKey = (text: string, start: number, end: number, key: Float64Array): boolean => {
  const digits = end - start
  if (digits <= 0 || digits > MAX_DIGITS) return false
  // The digits before the last nine make the high part, those nine the low part.
  const split = Math.max(start, end - LOW_DIGITS)
  let high = 0
  let low = 0
  for (let at = start; at < end; at++) {
    const digit = text.charCodeAt(at) - 48
    if (digit < 0 || digit > 9) return false
    if (at < split) high = high * 10 + digit
    else low = low * 10 + digit
  }
  key[0] = digits
  key[1] = high
  key[2] = low
  return true
}

export const makeSnowflakeIndex = (ids: ReadonlyArray<Snowflake>): SnowflakeIndex => {
  const size = ids.length
  const bits = tableBits(size)
  const mask = (1 << bits) - 1
  const slots = new Int32Array(1 << bits).fill(NOT_FOUND)
  const digitCounts = new Uint8Array(size)
  const highs = new Float64Array(size)
  const lows = new Float64Array(size)
  const key = new Float64Array(3)

  /** The slot of the id in `key`: where it is, or the empty slot where it would go. */
  const slotOfKey = () => {
    const digits = key[0] ?? 0
    const high = key[1] ?? 0
    const low = key[2] ?? 0
    let slot = slotOf(high, low, bits)
    for (
      let position = slots[slot] ?? NOT_FOUND;
      position !== NOT_FOUND;
      position = slots[slot] ?? NOT_FOUND
    ) {
      if (lows[position] === low && highs[position] === high && digitCounts[position] === digits) break
      slot = (slot + 1) & mask
    }
    return slot
  }

  ids.forEach((id, position) => {
    // A Snowflake is 1–20 digits, so its key reads; ids listed twice are found at the first.
    if (!readKey(id, 0, id.length, key)) return
    const slot = slotOfKey()
    if (slots[slot] !== NOT_FOUND) return
    digitCounts[position] = key[0] ?? 0
    highs[position] = key[1] ?? 0
    lows[position] = key[2] ?? 0
    slots[slot] = position
  })

  const findIn = (text: string, start: number, end: number) =>
    readKey(text, start, end, key) ? (slots[slotOfKey()] ?? NOT_FOUND) : NOT_FOUND

  return {
    find: (id) => findIn(id, 0, id.length),
    findIn,
    extended: (more) => makeSnowflakeIndex([...ids, ...more])
  }
}
