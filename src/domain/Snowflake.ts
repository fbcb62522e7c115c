import { Schema } from "effect"

/** A Discord id (snowflake): a 64-bit unsigned integer in decimal, kept as a string (it exceeds 2^53). */
export const Snowflake = Schema.String.pipe(Schema.pattern(/^[0-9]{1,20}$/), Schema.brand("Snowflake"))
export type Snowflake = typeof Snowflake.Type
