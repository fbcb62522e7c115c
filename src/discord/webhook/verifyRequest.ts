/**
 * Discord's HTTP-interactions signature (Ed25519 over timestamp + body, with the application's public
 * key), plus a freshness check dfx lacks: a correctly signed request older than five minutes is a
 * replay and is refused.
 */
import { Clock, Data, Effect, Option } from "effect"

export class RejectedRequest extends Data.TaggedError("RejectedRequest")<{ readonly reason: string }> {}

/** How far a request's timestamp may be from our clock. */
export const MAX_SKEW_SECONDS = 5 * 60

const hexBytes = (hex: string): Option.Option<Uint8Array> =>
  /^(?:[0-9a-f]{2})+$/i.test(hex) ? Option.some(Uint8Array.from(Buffer.from(hex, "hex"))) : Option.none()

const header = (headers: Readonly<Record<string, string | undefined>>, name: string): Option.Option<string> =>
  Option.fromNullable(headers[name])

export interface SignedRequest {
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/** A verifier for one application's public key (hex); imported once. */
export const makeVerifier = (publicKeyHex: string) =>
  Effect.gen(function* () {
    const raw = yield* Option.match(hexBytes(publicKeyHex), {
      onNone: () => Effect.dieMessage("DISCORD_PUBLIC_KEY must be the application's public key in hex"),
      onSome: Effect.succeed
    })
    const key = yield* Effect.promise(() =>
      globalThis.crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"])
    )

    return Effect.fn("Webhook.verify")(function* (request: SignedRequest) {
      const signature = Option.flatMap(header(request.headers, "x-signature-ed25519"), hexBytes)
      const timestamp = header(request.headers, "x-signature-timestamp")
      if (Option.isNone(signature) || Option.isNone(timestamp)) {
        return yield* new RejectedRequest({ reason: "missing signature headers" })
      }
      const sentAt = Number(timestamp.value)
      const now = (yield* Clock.currentTimeMillis) / 1000
      if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > MAX_SKEW_SECONDS) {
        return yield* new RejectedRequest({ reason: "stale or invalid timestamp" })
      }
      const signed = new TextEncoder().encode(timestamp.value + request.body)
      const valid = yield* Effect.promise(() =>
        globalThis.crypto.subtle.verify({ name: "Ed25519" }, key, signature.value, signed)
      )
      if (!valid) return yield* new RejectedRequest({ reason: "bad signature" })
    })
  })
