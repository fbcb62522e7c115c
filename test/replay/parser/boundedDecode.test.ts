/** The main thread's decoder under a `vm` budget: real time, since what it stops is a synchronous loop. */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Either } from "effect"
import { decodeReplay } from "../../../src/replay/decodeReplay.js"
import { defaultLimits } from "../../../src/replay/limits.js"
import { makeBoundedDecode, type Decode } from "../../../src/replay/parser/boundedDecode.js"
import { corpusAvailable } from "../../support/corpus.js"
import { evoReplay } from "./harness.js"

const spin = (): never => {
  for (;;) Math.sqrt(2)
}

/** The decoder's own `try/catch` around everything it does, with a loop inside. */
const spinInsideTryCatch: Decode = (bytes, limits) => {
  try {
    return spin()
  } catch {
    return decodeReplay(bytes, { limits })
  }
}

describe.skipIf(!corpusAvailable)("makeBoundedDecode", () => {
  const bytes = corpusAvailable ? evoReplay() : new Uint8Array()

  it("answers what the decoder answers", () => {
    const result = makeBoundedDecode()(bytes, defaultLimits, Duration.seconds(5))
    expect(result).toEqual(Either.right(decodeReplay(bytes)))
  })

  it("stops a synchronous loop at its budget, and decodes normally afterwards", () => {
    const bounded = makeBoundedDecode(spinInsideTryCatch)
    const started = performance.now()
    const result = bounded(bytes, defaultLimits, Duration.millis(200))
    const elapsed = performance.now() - started
    expect(Either.isLeft(result) && result.left).toMatchObject({
      _tag: "ReplayParseTimedOut",
      timeoutMillis: 200
    })
    expect(Either.isLeft(result) && result.left.message).toMatch(/took too long to read \(over 0\.2 s\)/)
    // The watchdog fires on time; the bound is generous for a machine shared with other suites.
    expect(elapsed).toBeGreaterThanOrEqual(195)
    expect(elapsed).toBeLessThan(1500)

    const again = makeBoundedDecode()
    expect(again(bytes, defaultLimits, Duration.seconds(5))).toEqual(Either.right(decodeReplay(bytes)))
  })

  it("keeps one decoder usable after a call it had to stop", () => {
    let calls = 0
    const bounded = makeBoundedDecode((input, limits) =>
      ++calls === 1 ? spin() : decodeReplay(input, { limits })
    )
    expect(Either.isLeft(bounded(bytes, defaultLimits, Duration.millis(50)))).toBe(true)
    expect(bounded(bytes, defaultLimits, Duration.seconds(5))).toEqual(Either.right(decodeReplay(bytes)))
  })
})
