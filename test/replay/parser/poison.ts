/**
 * Test-only misbehaviour, carried by the replay bytes so the production protocol stays as it is: a
 * marker appended to a real replay (the decoder ignores bytes after the archive) tells the test
 * worker entry to hang, crash, or block a while before decoding. The inline fallback decodes the
 * same bytes normally, so a fallback answer is the real replay.
 */
export type Poison =
  | { readonly kind: "hang" }
  /** On the thread with this id only (any thread when absent): the retry then meets a healthy one. */
  | { readonly kind: "crash"; readonly threadId?: number }
  | { readonly kind: "slow"; readonly millis: number }

const PREFIX = "\u0000EVOLADDER-TEST-POISON:"
const encoder = new TextEncoder()
const decoder = new TextDecoder()

const markerOf = (poison: Poison): string => {
  switch (poison.kind) {
    case "slow":
      return `slow:${poison.millis}`
    case "crash":
      return poison.threadId === undefined ? "crash" : `crash@${poison.threadId}`
    case "hang":
      return "hang"
  }
}

export const poison = (bytes: Uint8Array, what: Poison): Uint8Array => {
  const marker = encoder.encode(`${PREFIX}${markerOf(what)}`)
  const out = new Uint8Array(bytes.length + marker.length)
  out.set(bytes)
  out.set(marker, bytes.length)
  return out
}

export const hang: Poison = { kind: "hang" }
export const crash: Poison = { kind: "crash" }
export const crashOn = (threadId: number): Poison => ({ kind: "crash", threadId })
export const slow = (millis: number): Poison => ({ kind: "slow", millis })

export const poisonOf = (bytes: Uint8Array): Poison | null => {
  const tail = decoder.decode(bytes.subarray(Math.max(0, bytes.length - PREFIX.length - 16)))
  const at = tail.lastIndexOf(PREFIX)
  if (at < 0) return null
  const marker = tail.slice(at + PREFIX.length)
  if (marker === "hang") return hang
  if (marker === "crash") return crash
  const crashThread = /^crash@(\d+)$/.exec(marker)?.[1]
  if (crashThread !== undefined) return crashOn(Number(crashThread))
  const millis = /^slow:(\d+)$/.exec(marker)?.[1]
  return millis === undefined ? null : slow(Number(millis))
}
