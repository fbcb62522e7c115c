/**
 * `/admin …` and `/owner admin` (reference §3.10–3.11). Admins and owners are staff in the
 * database; everything here works in servers and DMs. Read-only subcommands answer at once;
 * mutating ones go through a confirmation (changes.ts, confirmation.ts).
 */
import { Discord, Ix } from "dfx"
import { Effect } from "effect"
import { raceCodes } from "../../domain/Race.js"
import { QueueRepo } from "../../ladder/queue/QueueRepo.js"
import { afterResponse } from "../AfterResponse.js"
import { currentToken, editOriginal } from "../OriginalResponse.js"
import { errorEmbed } from "../ui/embeds.js"
import { deferReply, privateReply } from "../ui/responses.js"
import { staffOnly } from "./access.js"
import * as Changes from "./changes.js"
import { deadJobsEmbed, jobStatsEmbed } from "./jobs.js"
import { findPlayer, UserNotFound } from "./lookup.js"
import { answerMatchState, matchExists } from "./matchState.js"
import { playerEmbeds } from "./playerInfo.js"
import { privateError, publicReply } from "./responses.js"
import { snapshotEmbeds } from "./snapshot.js"

const { STRING, INTEGER, SUB_COMMAND } = Discord.ApplicationCommandOptionType
const CONTEXTS = [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM]

const user = {
  type: STRING,
  name: "user",
  description: "A mention, Discord id, Discord username or player name",
  required: true,
  max_length: 100
} as const
const reason = {
  type: STRING,
  name: "reason",
  description: "Why (kept in the audit log and told to the player)",
  required: true,
  max_length: 500
} as const
const matchId = {
  type: INTEGER,
  name: "match_id",
  description: "The match number",
  required: true,
  min_value: 1
} as const

const RACE_NAMES: Readonly<Record<(typeof raceCodes)[number], string>> = {
  bw_terran: "BW Terran",
  bw_zerg: "BW Zerg",
  bw_protoss: "BW Protoss",
  sc2_terran: "SC2 Terran",
  sc2_zerg: "SC2 Zerg",
  sc2_protoss: "SC2 Protoss"
}

/** Lookup errors are the caller's alone (reference: "Could not find user" is not public). */
const lookupErrors = <E, R>(
  effect: Effect.Effect<Discord.CreateInteractionResponseRequest, E | UserNotFound, R>
) =>
  Effect.catchIf(
    effect,
    (error): error is UserNotFound => error instanceof UserNotFound,
    (error) => Effect.succeed(privateReply({ embeds: [errorEmbed("User Not Found", error.message)] }))
  )

export const adminCommand = Ix.global(
  {
    name: "admin",
    description: "Administrative tools for bot management (Admin Only)",
    contexts: CONTEXTS,
    options: [
      {
        type: SUB_COMMAND,
        name: "snapshot",
        description: "[Admin] The bot's state: process, database, queue, open matches",
        options: []
      },
      {
        type: SUB_COMMAND,
        name: "player",
        description: "[Admin] A player's profile, state, queue status and latest matches",
        options: [user]
      },
      {
        type: SUB_COMMAND,
        name: "match",
        description: "[Admin] A match's full state, its replays re-checked, files attached",
        options: [matchId]
      },
      {
        type: SUB_COMMAND,
        name: "resolve",
        description: "[Admin] Set a match's result or invalidate it",
        options: [
          matchId,
          {
            type: INTEGER,
            name: "winner",
            description: "The result to record",
            required: true,
            choices: [
              { name: "Player 1 Wins", value: 1 },
              { name: "Player 2 Wins", value: 2 },
              { name: "Draw", value: 0 },
              { name: "Invalidate (No MMR change)", value: -1 }
            ]
          },
          reason
        ]
      },
      {
        type: SUB_COMMAND,
        name: "adjust_mmr",
        description: "[Admin] Set, add to or subtract from a player's MMR for one race",
        options: [
          user,
          {
            type: STRING,
            name: "race",
            description: "The race whose MMR changes",
            required: true,
            choices: raceCodes.map((code) => ({ name: RACE_NAMES[code], value: code }))
          },
          {
            type: STRING,
            name: "operation",
            description: "What to do with the value",
            required: true,
            choices: [
              { name: "Set to", value: "set" },
              { name: "Add", value: "add" },
              { name: "Subtract", value: "subtract" }
            ]
          },
          {
            type: INTEGER,
            name: "value",
            description: "The MMR value",
            required: true,
            min_value: 0,
            max_value: 100000
          },
          reason
        ]
      },
      {
        type: SUB_COMMAND,
        name: "remove_queue",
        description: "[Admin] Take a player out of the matchmaking queue",
        options: [user, reason]
      },
      {
        type: SUB_COMMAND,
        name: "unblock_queue",
        description: "[Admin] Set a stuck player back to idle so that they can queue",
        options: [user, reason]
      },
      {
        type: SUB_COMMAND,
        name: "ban",
        description: "[Admin] Ban or unban a player (a ban also removes them from the queue)",
        options: [user, reason]
      },
      {
        type: SUB_COMMAND,
        name: "reset_aborts",
        description: "[Admin] Set a player's match aborts left this month",
        options: [
          user,
          {
            type: INTEGER,
            name: "new_count",
            description: "Aborts left",
            required: true,
            min_value: 0,
            max_value: 100
          },
          reason
        ]
      },
      {
        type: SUB_COMMAND,
        name: "clear_queue",
        description: "[Admin] EMERGENCY: remove every player from the queue",
        options: [reason]
      },
      {
        type: SUB_COMMAND,
        name: "job_stats",
        description: "[Admin] Replay jobs by status, and the parser's workers",
        options: []
      },
      {
        type: SUB_COMMAND,
        name: "dead_jobs",
        description: "[Admin] The most recent dead replay jobs with their last error",
        options: [
          {
            type: INTEGER,
            name: "limit",
            description: "How many (10 at most)",
            required: false,
            min_value: 1,
            max_value: 10
          }
        ]
      },
      {
        type: SUB_COMMAND,
        name: "redrive_job",
        description: "[Admin] Put a dead replay job back to pending",
        options: [
          { type: INTEGER, name: "job_id", description: "The job number", required: true, min_value: 1 },
          reason
        ]
      }
    ]
  },
  (ix) => {
    const admin = (name: string) => staffOnly(`admin ${name}`, "admin")
    return ix.subCommands({
      snapshot: admin("snapshot")(() => Effect.map(snapshotEmbeds, (embeds) => publicReply({ embeds }))),
      player: admin("player")(() =>
        lookupErrors(
          Effect.gen(function* () {
            const player = yield* findPlayer(ix.optionValue("user"))
            return publicReply({ embeds: yield* playerEmbeds(player) })
          })
        )
      ),
      match: admin("match")(() =>
        Effect.gen(function* () {
          const id = ix.optionValue("match_id")
          if (!(yield* matchExists(id)))
            return privateError("Match Not Found", `Match #${id} does not exist.`)
          const token = yield* currentToken
          yield* afterResponse(
            "admin.match",
            answerMatchState(token, id).pipe(
              Effect.catchAllCause((cause) =>
                Effect.zipRight(
                  Effect.logError("could not show a match's state", cause),
                  editOriginal(token, {
                    embeds: [errorEmbed("Admin: Match State Failed", "See the bot's log.")]
                  })
                )
              )
            )
          )
          return deferReply
        })
      ),
      resolve: admin("resolve")((context) =>
        Changes.resolveMatch(
          context,
          ix.optionValue("match_id"),
          ix.optionValue("winner"),
          ix.optionValue("reason")
        )
      ),
      adjust_mmr: admin("adjust_mmr")((context) =>
        lookupErrors(
          Changes.adjustMmr(
            context,
            {
              user: ix.optionValue("user"),
              race: ix.optionValue("race"),
              operation: ix.optionValue("operation"),
              value: ix.optionValue("value")
            },
            ix.optionValue("reason")
          )
        )
      ),
      remove_queue: admin("remove_queue")((context) =>
        lookupErrors(Changes.removeFromQueue(context, ix.optionValue("user"), ix.optionValue("reason")))
      ),
      unblock_queue: admin("unblock_queue")((context) =>
        lookupErrors(Changes.unblockQueue(context, ix.optionValue("user"), ix.optionValue("reason")))
      ),
      ban: admin("ban")((context) =>
        lookupErrors(Changes.toggleBan(context, ix.optionValue("user"), ix.optionValue("reason")))
      ),
      reset_aborts: admin("reset_aborts")((context) =>
        lookupErrors(
          Changes.resetAborts(
            context,
            ix.optionValue("user"),
            ix.optionValue("new_count"),
            ix.optionValue("reason")
          )
        )
      ),
      clear_queue: admin("clear_queue")((context) =>
        Effect.gen(function* () {
          const queued = (yield* (yield* QueueRepo).entries()).length
          if (queued === 0)
            return privateError("Queue Empty", "Nobody is queueing; there is nothing to clear.")
          return yield* Changes.clearQueue(context, ix.optionValue("reason"), queued)
        })
      ),
      job_stats: admin("job_stats")(() =>
        Effect.map(jobStatsEmbed, (embed) => publicReply({ embeds: [embed] }))
      ),
      dead_jobs: admin("dead_jobs")(() =>
        Effect.map(deadJobsEmbed(ix.optionValueOrElse("limit", () => 10)), (embed) =>
          publicReply({ embeds: [embed] })
        )
      ),
      redrive_job: admin("redrive_job")((context) =>
        Changes.redriveJob(context, ix.optionValue("job_id"), ix.optionValue("reason"))
      )
    })
  }
)

export const ownerCommand = Ix.global(
  {
    name: "owner",
    description: "Owner tools (Owner Only)",
    contexts: CONTEXTS,
    options: [
      {
        type: SUB_COMMAND,
        name: "admin",
        description: "[Owner] Toggle admin status for a user",
        options: [user, reason]
      }
    ]
  },
  (ix) =>
    ix.subCommands({
      admin: staffOnly(
        "owner admin",
        "owner"
      )((context) =>
        lookupErrors(Changes.toggleAdmin(context, ix.optionValue("user"), ix.optionValue("reason")))
      )
    })
)
