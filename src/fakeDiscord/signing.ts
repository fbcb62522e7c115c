/**
 * Ed25519 signing of HTTP interactions, as Discord signs them: `X-Signature-Ed25519` is the hex
 * signature of `timestamp + body`, `X-Signature-Timestamp` is Unix seconds. The public key is the
 * raw 32-byte key in hex (the last 32 bytes of the SPKI DER encoding).
 */
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto"

export interface KeyPair {
  readonly publicKeyHex: string
  readonly privateKey: KeyObject
}

export const generateKeys = (): KeyPair => {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519")
  const der = publicKey.export({ format: "der", type: "spki" })
  return { publicKeyHex: der.subarray(der.length - 32).toString("hex"), privateKey }
}

export const signBody = (keys: KeyPair, timestamp: string, body: string): string =>
  sign(null, Buffer.from(timestamp + body, "utf8"), keys.privateKey).toString("hex")

export interface SignatureHeaders {
  readonly "x-signature-ed25519": string
  readonly "x-signature-timestamp": string
}

/**
 * Unix seconds by the wall clock. Signature timestamps are wall-clock by definition (verifiers such
 * as discord-verify compare them with `Date.now()`), so they must not follow a `TestClock`.
 */
export const wallClockSeconds = (): number => new Date().getTime() / 1000

export const signatureHeaders = (keys: KeyPair, body: string, timestampSeconds: number): SignatureHeaders => {
  const timestamp = String(Math.floor(timestampSeconds))
  return { "x-signature-ed25519": signBody(keys, timestamp, body), "x-signature-timestamp": timestamp }
}

/** How a test wants a request signed: properly, or broken in one of the ways an endpoint must reject. */
export type SignatureMode =
  | "valid"
  /** Signed with a key that is not the application's. */
  | "forged"
  /** Signed properly, then the body is changed after signing. */
  | "tampered"
  /** Signed properly but with an old timestamp (default 30 days). */
  | "stale"
  /** No signature headers at all. */
  | "missing"
