/**
 * `/profile` (reference §3.6): the caller's basic information, location, per-race ratings and
 * account status.
 */
import { Discord, Ix } from "dfx"
import { Clock, Effect, Option, Schema } from "effect"
import { AppConfig } from "../../config.js"
import { abortsLeft, displayName, type Player } from "../../domain/Player.js"
import { gameOf, type Game } from "../../domain/Race.js"
import { Snowflake } from "../../domain/Snowflake.js"
import { LadderData } from "../../ladder/LadderData.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"
import { Leaderboard } from "../../ladder/Leaderboard.js"
import {
  PlayerStats,
  STAT_WINDOWS_DAYS,
  type StatWindow,
  type WindowRecord
} from "../../ladder/PlayerStats.js"
import { RatingsRepo, type PlayerRating } from "../../ladder/RatingsRepo.js"
import { guarded, TERMS_REQUIRED } from "../guards.js"
import { Colors } from "../ui/colors.js"
import { Emotes } from "../ui/Emotes.js"
import { errorEmbed } from "../ui/embeds.js"
import { reply, type Embed, type MessageBody } from "../ui/responses.js"

const winRate = (won: number, games: number) =>
  games === 0 ? "0.0%" : `${((100 * won) / games).toFixed(1)}%`

const record = (rating: Pick<PlayerRating, "gamesWon" | "gamesLost" | "gamesDrawn">) =>
  `${rating.gamesWon}W-${rating.gamesLost}L-${rating.gamesDrawn}D`

const timestamp = (epochMs: number, style: "f" | "R") => `<t:${Math.floor(epochMs / 1000)}:${style}>`

const windowLine = (days: StatWindow, record: WindowRecord | undefined) => {
  const { won, lost, drawn } = record ?? { won: 0, lost: 0, drawn: 0 }
  return `  Last ${days} days: ${won}W-${lost}L-${drawn}D (${winRate(won, won + lost + drawn)})`
}

export const profileEmbed = Effect.fn("Profile.embed")(function* (player: Player) {
  const data = yield* LadderData
  const emotes = yield* Emotes
  const { ladder } = yield* AppConfig
  const now = yield* Clock.currentTimeMillis
  const ratings = yield* (yield* RatingsRepo).forPlayer(player.discordUid)
  const windows = yield* (yield* PlayerStats).windowRecords(player.discordUid)
  const leaderboard = yield* Leaderboard
  const played = ratings.filter((rating) => rating.gamesPlayed > 0)
  const region = data.regions.residentialRegions.find((candidate) => candidate.code === player.region)
  const country = player.country === null ? Option.none() : data.countries.get(player.country)

  const fields: Array<NonNullable<Embed["fields"]>[number]> = [
    {
      name: "📋 Basic Information",
      value: [
        `**Discord:** <@${player.discordUid}>`,
        `**Player Name:** ${player.playerName ?? "Not set"}`,
        `**BattleTag:** ${player.battletag ?? "Not set"}`,
        `**Alt IDs:** ${[player.altPlayerName1, player.altPlayerName2].filter((alt) => alt !== null).join(", ") || "None"}`
      ].join("\n"),
      inline: false
    },
    {
      name: `${emotes.globe(region?.globe)} Location`,
      value: [
        `**Citizenship / Nationality:** ${Option.match(country, {
          onNone: () => "Not set",
          onSome: (c) => `${emotes.flag(c.code)} ${c.name}`
        })}`,
        `**Region of Residence:** ${region?.name ?? "Not set"}`
      ].join("\n"),
      inline: false
    }
  ]

  if (played.length > 0) {
    const total = played.reduce(
      (sum, rating) => ({
        games: sum.games + rating.gamesPlayed,
        won: sum.won + rating.gamesWon,
        lost: sum.lost + rating.gamesLost,
        drawn: sum.drawn + rating.gamesDrawn,
        last: Math.max(sum.last, rating.lastPlayedAt ?? 0)
      }),
      { games: 0, won: 0, lost: 0, drawn: 0, last: 0 }
    )
    fields.push({
      name: "📈 Overall Statistics",
      value: [
        `**Total Games:** ${total.games}`,
        `**Record:** ${total.won}W-${total.lost}L-${total.drawn}D`,
        `**Win Rate:** ${winRate(total.won, total.games)}`,
        `**Last Played:** ${timestamp(total.last, "f")}`
      ].join("\n"),
      inline: false
    })
  }

  const raceLines = (game: Game) =>
    Effect.forEach(data.races.ofGame(game), (race) =>
      Effect.gen(function* () {
        const rating = ratings.find((candidate) => candidate.race === race.code)
        if (rating === undefined || rating.gamesPlayed === 0) {
          return `- ${emotes.rank("U")} ${emotes.race(race.code)} **${race.name}:** No MMR • No games played`
        }
        const { letter } = yield* leaderboard.rankOf(player.discordUid, race.code)
        const recent = windows.get(race.code)
        return [
          `- ${emotes.rank(letter)} ${emotes.race(race.code)} **${race.name}:** ${rating.mmr} MMR • ${record(rating)} (${winRate(rating.gamesWon, rating.gamesPlayed)})`,
          ...STAT_WINDOWS_DAYS.map((days) => windowLine(days, recent?.[days])),
          ...(rating.lastPlayedAt === null ? [] : [`  Last Played: ${timestamp(rating.lastPlayedAt, "R")}`])
        ].join("\n")
      })
    ).pipe(Effect.map((lines) => lines.join("\n")))

  if (played.length === 0) {
    fields.push({
      name: "🎮 MMR Information",
      value: "No ranked games played yet. Join the queue to start your MMR journey!",
      inline: false
    })
  } else {
    for (const game of ["bw", "sc2"] as const) {
      if (played.some((rating) => gameOf(rating.race) === game)) {
        fields.push({
          name: `${emotes.game(game)} ${game === "bw" ? "Brood War" : "StarCraft II"} MMR`,
          value: yield* raceLines(game),
          inline: false
        })
      }
    }
  }

  fields.push({
    name: "📊 Account Status",
    value: [
      `${player.acceptedTos ? "✅" : "❌"} Terms of Service`,
      `${player.completedSetup ? "✅" : "⚠️"} Profile Setup`,
      `🚫 ${abortsLeft(player, now, ladder.abortsPerMonth)}/${ladder.abortsPerMonth} match aborts remaining this month`
    ].join("\n"),
    inline: false
  })

  return {
    title: `${player.completedSetup ? "✅" : "⚠️"} Player Profile: ${displayName(player)}`,
    color: player.completedSetup ? Colors.green : Colors.orange,
    fields,
    footer: { text: `Discord ID: ${player.discordUsername} • ${player.discordUid}` }
  } satisfies Embed
})

const unavailable = (message: string): MessageBody => ({
  embeds: [errorEmbed("Profile Not Available", message)]
})

export const profileCommand = Ix.global(
  {
    name: "profile",
    description: "View your player profile, or another player's",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM],
    options: [
      {
        type: Discord.ApplicationCommandOptionType.USER,
        name: "user",
        description: "The player whose profile to show (yourself if left out)",
        required: false
      }
    ]
  },
  (ix) =>
    guarded(
      "profile",
      TERMS_REQUIRED
    )(({ caller, player }) =>
      Effect.gen(function* () {
        const target = Option.getOrElse(
          Option.flatMap(ix.optionValueOptional("user"), (id) =>
            Option.liftPredicate(id, Schema.is(Snowflake))
          ),
          () => player.discordUid
        )
        if (target === player.discordUid) return reply(caller, { embeds: [yield* profileEmbed(player)] })
        const other = yield* (yield* PlayersRepo).findByUid(target)
        if (Option.isNone(other) || !other.value.completedSetup) {
          return reply(caller, unavailable(`<@${target}> has not set up a ladder profile yet.`))
        }
        if (other.value.isBanned) return reply(caller, unavailable("This player's profile is not available."))
        return reply(caller, { embeds: [yield* profileEmbed(other.value)] })
      })
    )
)
