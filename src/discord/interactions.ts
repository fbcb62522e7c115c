/**
 * Every interaction handler, built once with dfx's builder and served by both front doors (the
 * gateway bot and the HTTP-interactions webhook). Any failure a handler does not answer itself
 * becomes a private error message with a reference to the log line, never silence.
 */
import { Ix } from "dfx"
import { Cause, Effect, Random } from "effect"
import { adminCommand, ownerCommand } from "./admin/commands.js"
import { cancelAdminAction, confirmAdminAction } from "./admin/confirmation.js"
import { closeMessage } from "./commands/close.js"
import {
  abortMatch,
  acknowledgeShieldBattery,
  armAbort,
  chooseResult,
  confirmMatch,
  confirmResult
} from "./commands/matchActions.js"
import {
  acknowledgeGuide,
  cancelQueueSetup,
  chooseBroodWarRace,
  chooseStarCraft2Race,
  chooseVetoes,
  clearQueueChoices,
  joinQueue,
  leaveQueue,
  queueCommand
} from "./commands/queue.js"
import { replayCommand } from "./commands/replay.js"
import { helpCommand } from "./commands/help.js"
import {
  chooseLeaderboardCountries1,
  chooseLeaderboardCountries2,
  chooseLeaderboardPage,
  chooseLeaderboardRaces,
  clearLeaderboardFilters,
  cycleRankFilter,
  leaderboardCommand,
  nextLeaderboardPage,
  previousLeaderboardPage,
  toggleBestRace
} from "./commands/leaderboard.js"
import { profileCommand } from "./commands/profile.js"
import { cancelPrune, confirmPrune, pruneCommand } from "./commands/prune.js"
import {
  cancelCountry,
  confirmCountry,
  countryAutocomplete,
  setCountryCommand
} from "./commands/setCountry.js"
import {
  backToSetupSelection,
  cancelSetup,
  chooseSetupCountryPage1,
  chooseSetupCountryPage2,
  chooseSetupRegion,
  confirmSetup,
  reopenSetupModal,
  reviewSetup,
  setupAgain,
  setupCommand,
  setupModalSubmit
} from "./commands/setup.js"
import { acceptTerms, declineTerms, termsOfServiceCommand } from "./commands/termsOfService.js"
import { unexpectedError } from "./ui/embeds.js"
import { privateReply } from "./ui/responses.js"

const answerUnexpected = (cause: Cause.Cause<unknown>) =>
  Effect.gen(function* () {
    const reference = (yield* Random.nextInt).toString(36).slice(-8)
    yield* Effect.logError("interaction failed", cause).pipe(Effect.annotateLogs("reference", reference))
    return privateReply(unexpectedError(reference))
  })

const builder = Ix.builder
  .add(termsOfServiceCommand)
  .add(acceptTerms)
  .add(declineTerms)
  .add(setupCommand)
  .add(setupModalSubmit)
  .add(setupAgain)
  .add(reopenSetupModal)
  .add(chooseSetupCountryPage1)
  .add(chooseSetupCountryPage2)
  .add(chooseSetupRegion)
  .add(reviewSetup)
  .add(backToSetupSelection)
  .add(confirmSetup)
  .add(cancelSetup)
  .add(setCountryCommand)
  .add(countryAutocomplete)
  .add(confirmCountry)
  .add(cancelCountry)
  .add(profileCommand)
  .add(helpCommand)
  .add(pruneCommand)
  .add(confirmPrune)
  .add(cancelPrune)
  .add(leaderboardCommand)
  .add(previousLeaderboardPage)
  .add(nextLeaderboardPage)
  .add(chooseLeaderboardPage)
  .add(cycleRankFilter)
  .add(toggleBestRace)
  .add(clearLeaderboardFilters)
  .add(chooseLeaderboardRaces)
  .add(chooseLeaderboardCountries1)
  .add(chooseLeaderboardCountries2)
  .add(queueCommand)
  .add(acknowledgeGuide)
  .add(chooseBroodWarRace)
  .add(chooseStarCraft2Race)
  .add(chooseVetoes)
  .add(clearQueueChoices)
  .add(cancelQueueSetup)
  .add(joinQueue)
  .add(leaveQueue)
  .add(confirmMatch)
  .add(armAbort)
  .add(abortMatch)
  .add(acknowledgeShieldBattery)
  .add(chooseResult)
  .add(confirmResult)
  .add(replayCommand)
  .add(closeMessage)
  .add(adminCommand)
  .add(ownerCommand)
  .add(confirmAdminAction)
  .add(cancelAdminAction)

export const interactions = builder.catchAllCauseRespond(answerUnexpected)

/** The slash commands to register with Discord. */
export const commandDefinitions = interactions.definitions.pipe((definitions) =>
  [...definitions].flatMap(([definition]) =>
    definition._tag === "GlobalApplicationCommand" ? [definition.command] : []
  )
)
