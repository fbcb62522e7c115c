/** The one error the test API fails with; `reason` says which kind of problem a test hit. */
import { Data } from "effect"

export class FakeDiscordError extends Data.TaggedError("FakeDiscordError")<{
  /**
   * - `InvalidAction`: a player could not do this on Discord (unknown command, disabled button, missing option…).
   * - `Rejected`: the bot's answer was refused (invalid body, second response, expired token…).
   * - `Failed`: the interaction failed (webhook endpoint error, bad signature response…).
   * - `Timeout`: the bot did not answer in time.
   */
  readonly reason: "InvalidAction" | "Rejected" | "Failed" | "Timeout"
  readonly message: string
}> {}

export const invalidAction = (message: string) => new FakeDiscordError({ reason: "InvalidAction", message })
