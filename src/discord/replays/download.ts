import { HttpClient } from "@effect/platform"
import { Effect } from "effect"
import { ReplayRefused } from "../../ladder/replays/ReplayIntake.js"

/**
 * A function fetching a Discord attachment's bytes with the current HTTP client; failing to fetch
 * is a refusal the player can read.
 */
export const attachmentDownloader = Effect.map(
  HttpClient.HttpClient,
  (client) => (url: string) =>
    client.get(url).pipe(
      Effect.flatMap((response) => response.arrayBuffer),
      Effect.map((buffer) => new Uint8Array(buffer)),
      Effect.scoped,
      Effect.mapError(
        () =>
          new ReplayRefused({
            reason: "not_a_replay",
            message: "The file could not be downloaded from Discord. Please upload it again."
          })
      )
    )
)
