/** Snowflakes, tokens and timestamps, all from one clock so ids sort like the times they stand for. */
import { randomBytes } from "node:crypto"

/** Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds. */
const discordEpoch = 1_420_070_400_000n

export interface Ids {
  readonly now: () => number
  /** A snowflake for `atMs` (default: now); unique and increasing within one fake. */
  readonly snowflake: (atMs?: number) => string
  readonly token: () => string
  readonly iso: (ms: number) => string
}

export const makeIds = (now: () => number): Ids => {
  let sequence = 0n
  let last = 0n
  const snowflake = (atMs?: number): string => {
    const ms = BigInt(Math.max(Math.trunc(atMs ?? now()), 0)) - discordEpoch
    const base = (ms > 0n ? ms : 0n) << 22n
    sequence = (sequence + 1n) & 0xfffn
    // Seeded messages may be older than ones already sent; only ids for "now" must stay increasing.
    const candidate = base | (1n << 17n) | sequence
    const id = atMs === undefined && candidate <= last ? last + 1n : candidate
    if (atMs === undefined) last = id
    return id.toString()
  }
  return {
    now,
    snowflake,
    token: () => `fake.${randomBytes(24).toString("base64url")}`,
    iso: (ms) => new Date(ms).toISOString()
  }
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export const snowflakeTime = (id: string): number => Number((BigInt(id) >> 22n) + discordEpoch)

export const compareSnowflakes = (a: string, b: string): number => {
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}
