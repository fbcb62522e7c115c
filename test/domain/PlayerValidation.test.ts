import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { validateSetup, type SetupInput } from "../../src/domain/PlayerValidation.js"

const valid: SetupInput = {
  playerName: "Alice",
  battletag: "Alice#1234",
  altPlayerName1: "",
  altPlayerName2: ""
}

const problem = (input: Partial<SetupInput>) =>
  Either.match(validateSetup({ ...valid, ...input }), {
    onLeft: (p) => [p.title, p.message],
    onRight: () => null
  })

describe("setup validation (§3.2)", () => {
  it("accepts a valid form, trims, and turns empty alternative IDs into null", () => {
    expect(validateSetup({ ...valid, playerName: "  Alice ", altPlayerName1: " 앨리스 " })).toEqual(
      Either.right({
        playerName: "Alice",
        battletag: "Alice#1234",
        altPlayerName1: "앨리스",
        altPlayerName2: null
      })
    )
  })

  it.each([
    ["", "User ID cannot be empty."],
    ["   ", "User ID cannot be empty."],
    ["Al", "User ID must be at least 3 characters long."],
    ["Abcdefghijklm", "User ID cannot exceed 12 characters."],
    ["Alice1", expect.stringMatching(/^Main ID must contain only English letters \(A-Z, a-z\)/)],
    ["앨리스앨리스", expect.stringMatching(/^Main ID must contain only English letters/)],
    ["Al ice", expect.stringMatching(/^Main ID must contain only English letters/)]
  ])("User ID %j → %s", (playerName, message) => {
    expect(problem({ playerName })).toEqual(["❌ Invalid User ID", message])
  })

  it.each([
    ["", "BattleTag cannot be empty."],
    ["Alice1234", "BattleTag must contain exactly one '#', as in Name#1234."],
    ["Al#ice#1234", "BattleTag must contain exactly one '#', as in Name#1234."],
    ["#1234", "The name before '#' must be 1 to 12 characters long."],
    ["Abcdefghijklm#1234", "The name before '#' must be 1 to 12 characters long."],
    ["Alice#12a4", "The part after '#' must contain digits only."],
    ["Alice#12", "The part after '#' must be 3 to 12 digits long."],
    ["Alice#1234567890123", "The part after '#' must be 3 to 12 digits long."]
  ])("BattleTag %j → %s", (battletag, message) => {
    expect(problem({ battletag })).toEqual(["❌ Invalid BattleTag", message])
  })

  it("accepts BattleTags with any characters in the name, such as Korean", () => {
    expect(problem({ battletag: "앨리스#123" })).toBeNull()
  })

  it.each([
    [1, { altPlayerName1: "ab" }, "Alternative ID 1 must be at least 3 characters long."],
    [2, { altPlayerName2: "abcdefghijklm" }, "Alternative ID 2 cannot exceed 12 characters."]
  ] as const)("Alternative ID %i errors", (which, input, message) => {
    expect(problem(input)).toEqual([`❌ Invalid Alternative ID ${which}`, message])
  })

  it("counts characters as players see them (a flag emoji is one)", () => {
    expect(problem({ altPlayerName1: "🇰🇷🇰🇷🇰🇷" })).toBeNull()
  })

  it("refuses IDs that repeat, case-sensitively", () => {
    expect(problem({ altPlayerName1: "Alice" })).toEqual([
      "❌ Duplicate IDs",
      "Your User ID and Alternative IDs must all be different."
    ])
    expect(problem({ altPlayerName1: "Bobby", altPlayerName2: "Bobby" })?.[0]).toBe("❌ Duplicate IDs")
    expect(problem({ altPlayerName1: "alice" })).toBeNull()
  })
})
