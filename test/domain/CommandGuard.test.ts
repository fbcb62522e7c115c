import { describe, expect, it } from "vitest"
import { refusalFor } from "../../src/domain/CommandGuard.js"

const player = { isBanned: false, acceptedTos: true, completedSetup: true }

describe("command guards (§2.1)", () => {
  it("lets a set-up player through everything", () => {
    expect(refusalFor({ termsOfService: true, setup: true }, player)).toBeNull()
  })
  it("refuses banned players first, even for commands without requirements", () => {
    expect(refusalFor({ termsOfService: false, setup: false }, { ...player, isBanned: true })).toBe("banned")
  })
  it("asks for the terms before the setup", () => {
    const fresh = { isBanned: false, acceptedTos: false, completedSetup: false }
    expect(refusalFor({ termsOfService: true, setup: true }, fresh)).toBe("terms_not_accepted")
    expect(refusalFor({ termsOfService: true, setup: true }, { ...fresh, acceptedTos: true })).toBe(
      "setup_not_completed"
    )
    expect(refusalFor({ termsOfService: false, setup: false }, fresh)).toBeNull()
  })
})
