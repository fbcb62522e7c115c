/**
 * Runs one member's decoder and turns the low-level failures of the bit and byte readers (running off
 * the end, impossible values) into a `DecodeError` naming the member. Tagged errors pass through.
 */
import { DecodeError } from "../errors.js"
import { Truncated } from "../protocol/BitReader.js"
import { isReplayError } from "../isReplayError.js"

export const decodeSection = <A>(file: string, decode: () => A): A => {
  try {
    return decode()
  } catch (error) {
    if (isReplayError(error)) throw error
    const problem = error instanceof Truncated ? "it is cut short" : "it does not follow the replay format"
    throw new DecodeError({ file, message: `This replay's ${file} is corrupted (${problem}).` })
  }
}
