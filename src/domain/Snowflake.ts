import { Schema } from "effect"

const DECIMAL_ID = /^[0-9]{1,20}$/

/** A Discord id (snowflake): a 64-bit unsigned integer in decimal, kept as a string (it exceeds 2^53). */
export const Snowflake = Schema.String.pipe(Schema.pattern(DECIMAL_ID), Schema.brand("Snowflake"))
export type Snowflake = typeof Snowflake.Type

/**
 * The schema's check without its parser machinery, for bulk reads (a leaderboard snapshot checks
 * tens of thousands of ids, and `Schema.is` costs several times the pattern test).
 */
export const isSnowflake = (value: unknown): value is Snowflake =>
  typeof value === "string" && DECIMAL_ID.test(value)
