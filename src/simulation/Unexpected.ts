/** A simulated player did not see what the bot should have shown them. */
import { Data } from "effect"

export class Unexpected extends Data.TaggedError("Unexpected")<{
  readonly player: string
  readonly message: string
}> {}
