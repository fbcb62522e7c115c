/**
 * The decoder on the main thread, bounded in time. `Effect.timeout` cannot stop synchronous code: the
 * fiber that would fire the timeout never runs while the decoder holds the thread. Node's `vm` can:
 * a script run with `timeout` is stopped by a watchdog thread (V8's TerminateExecution, which no
 * `try/catch` in the decoder can swallow), so a poisoned file costs the bot at most the budget.
 * The decoder itself runs as a normal function of this realm; only the call goes through the script.
 */
import { Duration, Either } from "effect"
import * as vm from "node:vm"
import { decodeReplay } from "../decodeReplay.js"
import type { DecodeLimits } from "../limits.js"
import { ReplayParseTimedOut } from "./errors.js"
import type { DecodeResult } from "./protocol.js"

export type Decode = (bytes: Uint8Array, limits: DecodeLimits) => DecodeResult

export type BoundedResult = Either.Either<DecodeResult, ReplayParseTimedOut>

export type BoundedDecode = (
  bytes: Uint8Array,
  limits: DecodeLimits,
  timeout: Duration.Duration
) => BoundedResult

export const decodeWithLimits: Decode = (bytes, limits) => decodeReplay(bytes, { limits })

const isScriptTimeout = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  "code" in error &&
  error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT"

export const timedOut = (timeout: Duration.Duration): ReplayParseTimedOut => {
  const millis = Math.ceil(Duration.toMillis(timeout))
  return new ReplayParseTimedOut({
    timeoutMillis: millis,
    message: `The replay took too long to read (over ${(millis / 1000).toFixed(1)} s); it may be damaged. Please upload the original file again.`
  })
}

/**
 * One context and one compiled script per decoder, reused by every call (calls never overlap: each
 * runs to completion on the one main thread). `decode` is injectable so tests can make it hang.
 */
export const makeBoundedDecode = (decode: Decode = decodeWithLimits): BoundedDecode => {
  const slot: { task: () => void; result: DecodeResult | undefined } = {
    task: () => undefined,
    result: undefined
  }
  const context = vm.createContext({ slot })
  const script = new vm.Script("slot.result = undefined; slot.task()", {
    filename: "evoladder-bounded-decode.vm"
  })
  return (bytes, limits, timeout) => {
    slot.task = () => {
      slot.result = decode(bytes, limits)
    }
    try {
      script.runInContext(context, { timeout: Math.max(1, Math.ceil(Duration.toMillis(timeout))) })
      const result = slot.result
      // Unreachable in practice: the script either ran the task to completion or threw.
      return result === undefined ? Either.left(timedOut(timeout)) : Either.right(result)
    } catch (error) {
      if (isScriptTimeout(error)) return Either.left(timedOut(timeout))
      throw error
    } finally {
      // Do not keep the last replay's bytes and result alive between calls.
      slot.task = () => undefined
      slot.result = undefined
    }
  }
}
