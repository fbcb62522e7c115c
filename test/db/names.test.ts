import { String } from "effect"
import { describe, expect, it } from "vitest"
import { nameTransforms } from "../../src/db/names.js"

describe("name transforms", () => {
  it("convert as Effect's String functions do, the first time and every time after", () => {
    for (const name of ["last_played_at", "id", "discord_uid", "a_b_c", "last_played_at"]) {
      expect(nameTransforms.transformResultNames(name)).toBe(String.snakeToCamel(name))
    }
    for (const name of ["lastPlayedAt", "id", "discordUid", "lastPlayedAt"]) {
      expect(nameTransforms.transformQueryNames(name)).toBe(String.camelToSnake(name))
    }
  })
})
