import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { generateKeyPairSync, sign } from "node:crypto"
import { makeVerifier, MAX_SKEW_SECONDS } from "../../src/discord/webhook/verifyRequest.js"

const keys = generateKeyPairSync("ed25519")
const publicKeyHex = keys.publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex")

const NOW_SECONDS = 1_800_000_000

const signed = (body: string, timestamp: string) => ({
  "x-signature-ed25519": sign(null, Buffer.from(timestamp + body), keys.privateKey).toString("hex"),
  "x-signature-timestamp": timestamp
})

const check = (headers: Record<string, string | undefined>, body: string) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(NOW_SECONDS * 1000)
    const verify = yield* makeVerifier(publicKeyHex)
    return yield* Effect.either(verify({ headers, body }))
  })

describe("webhook request verification", () => {
  const body = JSON.stringify({ type: 1 })

  it.effect("accepts a fresh, correctly signed request", () =>
    Effect.gen(function* () {
      const result = yield* check(signed(body, String(NOW_SECONDS - 10)), body)
      expect(result._tag).toBe("Right")
    })
  )

  it.effect.each([
    [
      "a forged signature",
      { ...signed(body, String(NOW_SECONDS)), "x-signature-ed25519": "ab".repeat(64) },
      body,
      "bad signature"
    ],
    ["a tampered body", signed(body, String(NOW_SECONDS)), JSON.stringify({ type: 2 }), "bad signature"],
    ["no signature headers", {}, body, "missing signature headers"],
    [
      "a timestamp too old",
      signed(body, String(NOW_SECONDS - MAX_SKEW_SECONDS - 1)),
      body,
      "stale or invalid timestamp"
    ],
    ["a timestamp a day old", signed(body, String(NOW_SECONDS - 86_400)), body, "stale or invalid timestamp"],
    [
      "a timestamp from the future",
      signed(body, String(NOW_SECONDS + MAX_SKEW_SECONDS + 1)),
      body,
      "stale or invalid timestamp"
    ],
    ["a timestamp that is not a number", signed(body, "yesterday"), body, "stale or invalid timestamp"]
  ] as const)("refuses %s", ([, headers, requestBody, reason]) =>
    Effect.gen(function* () {
      const result = yield* check(headers, requestBody)
      expect(result._tag === "Left" ? result.left.reason : "accepted").toBe(reason)
    })
  )
})
