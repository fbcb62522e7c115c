import { Schema } from "effect"

/** A Discord id (snowflake): digits only, kept as a string because it exceeds 2^53. */
export const Snowflake = Schema.String.pipe(Schema.pattern(/^\d{15,21}$/), Schema.brand("Snowflake"))
export type Snowflake = typeof Snowflake.Type
