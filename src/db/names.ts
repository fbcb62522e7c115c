/**
 * How the clients convert names between the code (camelCase) and the database (snake_case). Names
 * come from a small fixed set (columns, aliases, insert keys), so each is converted once: the
 * conversions are regular expressions, and they ran for every column of every row.
 */
import { String } from "effect"

const remembered = (convert: (name: string) => string) => {
  const known = new Map<string, string>()
  return (name: string): string => {
    const seen = known.get(name)
    if (seen !== undefined) return seen
    const converted = convert(name)
    known.set(name, converted)
    return converted
  }
}

export const nameTransforms = {
  transformQueryNames: remembered(String.camelToSnake),
  transformResultNames: remembered(String.snakeToCamel)
}
