/**
 * `/setup` (reference §3.2): a modal for the in-game names, then country and region selects, a
 * preview and a confirmation; every changed field is logged. Try Again and Restart reopen the modal
 * with what was typed.
 */
import { Discord, Ix } from "dfx"
import { Effect, Either, HashMap, Option } from "effect"
import type { Player } from "../../domain/Player.js"
import { validateSetup } from "../../domain/PlayerValidation.js"
import { LadderData } from "../../ladder/LadderData.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"
import { currentCaller } from "../Caller.js"
import { guarded, TERMS_REQUIRED } from "../guards.js"
import { Emotes } from "../ui/Emotes.js"
import { refusal, expiredView } from "../ui/embeds.js"
import { modal, reply, update, type MessageBody } from "../ui/responses.js"
import { ViewState } from "../ViewState.js"
import { refusalFor } from "../../domain/CommandGuard.js"
import {
  countryRegionView,
  draftFromPlayer,
  INPUT,
  invalidSetup,
  missingCountryOrRegion,
  setupCancelled,
  setupComplete,
  setupModal,
  SETUP_AGAIN_ID,
  setupPreview,
  setupView,
  type SetupAction,
  type SetupChoices,
  type SetupDraft
} from "./setupView.js"

const choices = Effect.gen(function* () {
  const data = yield* LadderData
  const emotes = yield* Emotes
  return {
    commonCountries: data.countries.common,
    regions: data.regions.residentialRegions,
    countryName: (code) =>
      Option.match(data.countries.get(code), { onNone: () => code, onSome: (c) => c.name }),
    flag: emotes.flag,
    globe: (region) => emotes.globe(region?.globe)
  } satisfies SetupChoices
})

const viewIdOf = (customId: string): string => customId.slice(customId.lastIndexOf(":") + 1)

/** Opens a fresh draft from the player's saved profile and shows the modal. */
const openSetup = (player: Player) =>
  Effect.gen(function* () {
    const draft = draftFromPlayer(player)
    const viewId = yield* (yield* ViewState).open(setupView, player.discordUid, draft, { replace: true })
    return modal(setupModal(viewId, draft))
  })

export const setupCommand = Ix.global(
  {
    name: "setup",
    description: "Set up your player profile for matchmaking",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]
  },
  guarded("setup", TERMS_REQUIRED)(({ player }) => openSetup(player))
)

/** "🔄 Setup Again" on the completion message. */
export const setupAgain = Ix.messageComponent(
  Ix.id(SETUP_AGAIN_ID),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const player = yield* (yield* PlayersRepo).ensure(caller.userId, caller.username)
    const refused = refusalFor(TERMS_REQUIRED, player)
    if (refused !== null) return reply(caller, refusal(refused))
    return yield* openSetup(player)
  })
)

/** Loads the draft behind a component of the setup flow and hands it to `step`. */
const withDraft = <E, R>(
  step: (viewId: string, draft: SetupDraft) => Effect.Effect<Discord.CreateInteractionResponseRequest, E, R>
) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const { custom_id } = yield* Ix.MessageComponentData
    const viewId = viewIdOf(custom_id)
    const draft = yield* (yield* ViewState).get(setupView, viewId, caller.userId)
    return yield* step(viewId, draft)
  }).pipe(Effect.catchTag("ViewExpired", () => Effect.succeed(update(expiredView))))

const saveDraft = (viewId: string, draft: SetupDraft) =>
  Effect.flatMap(currentCaller, (caller) =>
    Effect.flatMap(ViewState, (views) => views.set(setupView, viewId, caller.userId, draft))
  )

const component = <E, R>(
  action: SetupAction,
  step: (viewId: string, draft: SetupDraft) => Effect.Effect<Discord.CreateInteractionResponseRequest, E, R>
) => Ix.messageComponent(Ix.idStartsWith(`setup:${action}:`), withDraft(step))

export const reopenSetupModal = component("retry", (viewId, draft) =>
  Effect.succeed(modal(setupModal(viewId, draft)))
)

/** The modal's answer: a new message after the command, or the message whose button opened it. */
const answerModal = (body: MessageBody) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const interaction = yield* Ix.Interaction
    return "message" in interaction && interaction.message !== undefined ? update(body) : reply(caller, body)
  })

export const setupModalSubmit = Ix.modalSubmit(
  Ix.idStartsWith("setup:modal:"),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const data = yield* Ix.ModalSubmitData
    const viewId = viewIdOf(data.custom_id)
    const views = yield* ViewState
    const draft = yield* views.get(setupView, viewId, caller.userId)
    const values = yield* Ix.modalValues
    const typed = (id: string) =>
      Option.getOrElse(
        Option.flatMapNullable(HashMap.get(values, id), (value) => value),
        () => ""
      )
    const next: SetupDraft = {
      ...draft,
      playerName: typed(INPUT.playerName),
      battletag: typed(INPUT.battletag),
      altPlayerName1: typed(INPUT.altPlayerName1),
      altPlayerName2: typed(INPUT.altPlayerName2)
    }
    const valid = validateSetup(next)
    if (Either.isLeft(valid)) {
      yield* views.set(setupView, viewId, caller.userId, next)
      return yield* answerModal(invalidSetup(viewId, valid.left.title, valid.left.message))
    }
    const cleaned: SetupDraft = {
      ...next,
      ...valid.right,
      altPlayerName1: valid.right.altPlayerName1 ?? "",
      altPlayerName2: valid.right.altPlayerName2 ?? ""
    }
    yield* views.set(setupView, viewId, caller.userId, cleaned)
    return yield* answerModal(countryRegionView(viewId, cleaned, yield* choices))
  }).pipe(
    Effect.catchTag("ViewExpired", () =>
      Effect.flatMap(currentCaller, (caller) => Effect.succeed(reply(caller, expiredView)))
    )
  )
)

const selected = Effect.map(Ix.MessageComponentData, (data) =>
  "values" in data ? (data.values[0] ?? null) : null
)

const chooseCountry = (action: "country1" | "country2") =>
  component(action, (viewId, draft) =>
    Effect.gen(function* () {
      const country = yield* selected
      const next = { ...draft, country }
      yield* saveDraft(viewId, next)
      return update(countryRegionView(viewId, next, yield* choices))
    })
  )

export const chooseSetupRegion = component("region", (viewId, draft) =>
  Effect.gen(function* () {
    const next = { ...draft, region: yield* selected }
    yield* saveDraft(viewId, next)
    return update(countryRegionView(viewId, next, yield* choices))
  })
)

export const reviewSetup = component("review", (viewId, draft) =>
  Effect.gen(function* () {
    if (draft.country === null || draft.region === null) return update(missingCountryOrRegion(viewId))
    return update(setupPreview(viewId, draft, yield* choices))
  })
)

export const backToSetupSelection = component("back", (viewId, draft) =>
  Effect.map(choices, (available) => update(countryRegionView(viewId, draft, available)))
)

export const confirmSetup = component("confirm", (viewId, draft) =>
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const valid = validateSetup(draft)
    if (Either.isLeft(valid)) return update(invalidSetup(viewId, valid.left.title, valid.left.message))
    if (draft.country === null || draft.region === null) return update(missingCountryOrRegion(viewId))
    yield* (yield* PlayersRepo).updateSettings(
      caller.userId,
      { ...valid.right, country: draft.country, region: draft.region, completedSetup: true },
      "player"
    )
    yield* (yield* ViewState).close(viewId)
    return update(setupComplete(draft, yield* choices))
  })
)

export const cancelSetup = component("cancel", (viewId) =>
  Effect.gen(function* () {
    yield* (yield* ViewState).close(viewId)
    return update(setupCancelled)
  })
)

export const chooseSetupCountryPage1 = chooseCountry("country1")
export const chooseSetupCountryPage2 = chooseCountry("country2")
