/**
 * `/queue` (reference §3.4): races and vetoes (saved on every change and restored next time), the
 * Quick Start Guide acknowledgement, Join, and the searching view with Cancel Queue.
 */
import { Discord, Ix } from "dfx"
import { Duration, Effect, Option, Schema } from "effect"
import { AppConfig } from "../../config.js"
import { gameOf, RaceCode } from "../../domain/Race.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { LadderData } from "../../ladder/LadderData.js"
import { Matchmaker } from "../../ladder/Matchmaker.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"
import { PreferencesRepo, type QueuePreferences } from "../../ladder/queue/PreferencesRepo.js"
import { QueueRepo } from "../../ladder/queue/QueueRepo.js"
import { afterResponse } from "../AfterResponse.js"
import { currentCaller } from "../Caller.js"
import { guarded, SETUP_REQUIRED } from "../guards.js"
import { searchKey } from "../match/keys.js"
import { Messenger } from "../Messenger.js"
import { currentToken, deleteOriginal } from "../OriginalResponse.js"
import { Emotes } from "../ui/Emotes.js"
import { errorEmbed } from "../ui/embeds.js"
import { deferUpdate, reply, update, type MessageBody } from "../ui/responses.js"
import { MAX_VETOES, QUEUE_IDS, queueSetup, searching, type QueueLook } from "./queueView.js"

const look = Effect.gen(function* () {
  const data = yield* LadderData
  const emotes = yield* Emotes
  return {
    bwRaces: data.races.ofGame("bw"),
    sc2Races: data.races.ofGame("sc2"),
    maps: data.mapPool,
    raceEmote: emotes.race,
    gameEmote: emotes.game,
    raceName: (race) => data.races.get(race).name
  } satisfies QueueLook
})

const notAllowed = (reason: string): MessageBody => ({
  embeds: [errorEmbed("Queueing Not Allowed", `You cannot queue at this time.\n**Reason:** ${reason}`)]
})

const stateReason = (state: "queueing" | "in_match" | "idle", matchId: number | null) =>
  state === "queueing" ? "Currently in queue" : `Currently in Match #${matchId ?? "?"}`

const setupMessage = (discordUid: Snowflake) =>
  Effect.gen(function* () {
    const preferences = yield* (yield* PreferencesRepo).get(discordUid)
    const player = yield* (yield* PlayersRepo).findByUid(discordUid)
    const readGuide = Option.exists(player, (p) => p.readQuickStartGuide)
    return queueSetup(preferences, readGuide, yield* look)
  })

/** What the searching view shows now. */
export const searchingNow = Effect.gen(function* () {
  const { ladder } = yield* AppConfig
  return searching({
    intervalSeconds: Duration.toSeconds(ladder.waveInterval),
    nextWaveAt: yield* (yield* Matchmaker).nextWaveAt,
    counts: yield* (yield* QueueRepo).counts()
  })
})

export const queueCommand = Ix.global(
  {
    name: "queue",
    description: "Join the matchmaking queue",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]
  },
  guarded(
    "queue",
    SETUP_REQUIRED
  )(({ caller, player }) =>
    Effect.gen(function* () {
      if (player.state !== "idle")
        return reply(caller, notAllowed(stateReason(player.state, player.currentMatchId)))
      return reply(caller, yield* setupMessage(caller.userId))
    })
  )
)

/** A control of the setup message: changes the saved preferences and shows them. */
const preferenceControl = (
  customId: string,
  change: (preferences: QueuePreferences, values: ReadonlyArray<string>) => QueuePreferences
) =>
  Ix.messageComponent(
    Ix.id(customId),
    Effect.gen(function* () {
      const caller = yield* currentCaller
      const data = yield* Ix.MessageComponentData
      const values = "values" in data ? data.values : []
      const repo = yield* PreferencesRepo
      const next = change(yield* repo.get(caller.userId), values)
      yield* repo.save(caller.userId, next)
      return update(yield* setupMessage(caller.userId))
    })
  )

const withRaceOf =
  (game: "bw" | "sc2") => (preferences: QueuePreferences, values: ReadonlyArray<string>) => ({
    ...preferences,
    races: [
      ...preferences.races.filter((race) => gameOf(race) !== game),
      ...values.filter(Schema.is(RaceCode)).filter((race) => gameOf(race) === game)
    ]
  })

export const chooseBroodWarRace = preferenceControl(QUEUE_IDS.bw, withRaceOf("bw"))
export const chooseStarCraft2Race = preferenceControl(QUEUE_IDS.sc2, withRaceOf("sc2"))
export const chooseVetoes = preferenceControl(QUEUE_IDS.vetoes, (preferences, values) => ({
  ...preferences,
  vetoes: values.slice(0, MAX_VETOES)
}))
export const clearQueueChoices = preferenceControl(QUEUE_IDS.clear, () => ({ races: [], vetoes: [] }))

export const acknowledgeGuide = Ix.messageComponent(
  Ix.id(QUEUE_IDS.guide),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    yield* (yield* PlayersRepo).updateSettings(caller.userId, { readQuickStartGuide: true }, "player")
    return update(yield* setupMessage(caller.userId))
  })
)

export const cancelQueueSetup = Ix.messageComponent(
  Ix.id(QUEUE_IDS.cancel),
  Effect.gen(function* () {
    yield* afterResponse("queue.cancel", deleteOriginal(yield* currentToken))
    return deferUpdate
  })
)

export const joinQueue = Ix.messageComponent(
  Ix.id(QUEUE_IDS.join),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const player = yield* (yield* PlayersRepo).ensure(caller.userId, caller.username)
    if (!player.readQuickStartGuide) {
      return reply(caller, {
        embeds: [
          errorEmbed(
            "Quick Start Guide Not Confirmed",
            "Reading the Quick Start Guide is required for all new players. Read it, press **📘 I've Read the Quick Start Guide**, then join."
          )
        ]
      })
    }
    const preferences = yield* (yield* PreferencesRepo).get(caller.userId)
    const pick = (game: "bw" | "sc2") => preferences.races.find((race) => gameOf(race) === game) ?? null
    const choice = { bwRace: pick("bw"), sc2Race: pick("sc2"), vetoes: preferences.vetoes }
    if (choice.bwRace === null && choice.sc2Race === null) {
      return reply(caller, {
        embeds: [
          errorEmbed("No Race Selected", "Choose a Brood War race, a StarCraft II race, or both, then join.")
        ]
      })
    }
    const refused = yield* (yield* QueueRepo).join(caller.userId, choice).pipe(
      Effect.as(null),
      Effect.catchTag("CannotQueue", (error) =>
        Effect.succeed(notAllowed(stateReason(error.state, error.matchId)))
      )
    )
    if (refused !== null) return reply(caller, refused)
    const interaction = yield* Ix.Interaction
    if ("message" in interaction && interaction.message !== undefined) {
      yield* (yield* Messenger).remember(searchKey(caller.userId), {
        channelId: interaction.message.channel_id,
        messageId: interaction.message.id
      })
    }
    return update(yield* searchingNow)
  })
)

export const leaveQueue = Ix.messageComponent(
  Ix.id(QUEUE_IDS.leave),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const left = yield* (yield* QueueRepo).leave(caller.userId, "cancelled")
    // A match may have been found between the last refresh and the click: then the click does nothing.
    if (!left) return deferUpdate
    return update(yield* setupMessage(caller.userId))
  })
)
