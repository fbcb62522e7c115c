/** Lease owner ids: random, so that two processors (or two lives of one process) never share one. */
import { Effect, Random } from "effect"

const hex4 = Effect.map(Random.nextIntBetween(0, 0x10000), (n) => n.toString(16).padStart(4, "0"))

/** 64 random bits as 16 hex digits, from the `Random` service. */
export const makeOwnerId: Effect.Effect<string> = Effect.map(Effect.all([hex4, hex4, hex4, hex4]), (parts) =>
  parts.join("")
)
