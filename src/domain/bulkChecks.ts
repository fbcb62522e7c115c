/**
 * Hand-written checks for bulk reads (a leaderboard snapshot checks tens of thousands of values,
 * where a `Schema` per value costs several times the test itself).
 */

/** What did not match when a list was checked: the list itself, or its first bad element. */
export interface Mismatch {
  readonly mismatch: unknown
}

export const isUnknownArray = (value: unknown): value is ReadonlyArray<unknown> => Array.isArray(value)

export const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === "string"
