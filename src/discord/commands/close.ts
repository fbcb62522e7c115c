/** "✖️ Close" on refusals and errors: deletes the message it sits on. */
import { Ix } from "dfx"
import { Effect } from "effect"
import { afterResponse } from "../AfterResponse.js"
import { currentToken, deleteOriginal } from "../OriginalResponse.js"
import { CLOSE_ID } from "../ui/embeds.js"
import { deferUpdate } from "../ui/responses.js"

export const closeMessage = Ix.messageComponent(
  Ix.id(CLOSE_ID),
  Effect.gen(function* () {
    const token = yield* currentToken
    yield* afterResponse("close", deleteOriginal(token))
    return deferUpdate
  })
)
