/** The worker's budget by file size: the reference's 2.5 s, plus time for files beyond 1 MiB. */
import { describe, expect, it } from "@effect/vitest"
import { Duration } from "effect"
import { defaultTimeouts, timeoutFor } from "../../../src/replay/parser/timeouts.js"

const MiB = 1024 * 1024
const millis = (bytes: number) => Duration.toMillis(timeoutFor(defaultTimeouts, bytes))

describe("timeoutFor", () => {
  it("gives every file up to 1 MiB the base budget (real replays are 20–330 KB)", () => {
    expect(millis(0)).toBe(2500)
    expect(millis(330 * 1024)).toBe(2500)
    expect(millis(MiB)).toBe(2500)
  })

  it("adds the per-MiB allowance for every started MiB beyond the first", () => {
    expect(millis(MiB + 1)).toBe(2750)
    expect(millis(2 * MiB)).toBe(2750)
    expect(millis(10 * MiB)).toBe(4750)
  })

  it("scales from a configured base", () => {
    const timeouts = { ...defaultTimeouts, base: Duration.seconds(4) }
    expect(Duration.toMillis(timeoutFor(timeouts, 3 * MiB))).toBe(4500)
  })
})
