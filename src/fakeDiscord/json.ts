/**
 * JSON as it crosses the wire. Everything the bot sends is decoded into these types with guards
 * (no casts): the fake reads only the fields it needs and keeps the rest verbatim.
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | JsonObject
export interface JsonObject {
  readonly [key: string]: Json
}

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isJsonArray = (value: unknown): value is ReadonlyArray<Json> => Array.isArray(value)

export const jsonArray = (value: Json | undefined): ReadonlyArray<Json> | undefined =>
  isJsonArray(value) ? value : undefined

/** `JSON.parse` only ever yields JSON values, so a shallow check is enough to name the type. */
const isJson = (value: unknown): value is Json =>
  value === null || ["boolean", "number", "string", "object"].includes(typeof value)

export const parseJson = (text: string): Json | undefined => {
  try {
    const value: unknown = JSON.parse(text)
    return isJson(value) ? value : undefined
  } catch {
    return undefined
  }
}

export const field = (value: Json | undefined, key: string): Json | undefined =>
  isJsonObject(value) ? value[key] : undefined

export const str = (value: Json | undefined, key: string): string | undefined => {
  const v = field(value, key)
  return typeof v === "string" ? v : undefined
}

export const num = (value: Json | undefined, key: string): number | undefined => {
  const v = field(value, key)
  return typeof v === "number" ? v : undefined
}

export const bool = (value: Json | undefined, key: string): boolean | undefined => {
  const v = field(value, key)
  return typeof v === "boolean" ? v : undefined
}

/** The array at `key`, or an empty one when absent or not an array. */
export const arr = (value: Json | undefined, key: string): ReadonlyArray<Json> => {
  const v = field(value, key)
  return isJsonArray(v) ? v : []
}

export const obj = (value: Json | undefined, key: string): JsonObject | undefined => {
  const v = field(value, key)
  return isJsonObject(v) ? v : undefined
}

export const has = (value: Json | undefined, key: string): boolean => isJsonObject(value) && key in value

/** Snowflakes arrive as strings but some clients send numbers; attachment ids in payloads are often numbers. */
export const idOf = (value: Json | undefined, key: string): string | undefined => {
  const v = field(value, key)
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined
}

export const toJson = (value: unknown): Json => parseJson(JSON.stringify(value)) ?? null

/** A typed object as plain JSON (through a JSON round trip). */
export const toJsonObject = (value: object): JsonObject => {
  const json = toJson(value)
  return isJsonObject(json) ? json : {}
}
