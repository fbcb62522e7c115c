/**
 * Registers the slash commands at start-up: globally, or to one guild when DISCORD_GUILD_ID is set
 * (guild commands update at once, which is handy while developing; Discord offers them only inside
 * that guild, not in DMs).
 */
import { DiscordREST } from "dfx/DiscordREST"
import { Effect, Option } from "effect"
import { AppConfig } from "../config.js"
import { commandDefinitions } from "./interactions.js"

export const registerCommands = Effect.gen(function* () {
  const rest = yield* DiscordREST
  const { discord } = yield* AppConfig
  const applicationId = yield* Option.match(discord.applicationId, {
    onNone: () => Effect.map(rest.getMyApplication(), (application) => application.id),
    onSome: (id) => Effect.succeed(id)
  })
  yield* Option.match(discord.guildId, {
    onNone: () => rest.bulkSetApplicationCommands(applicationId, commandDefinitions),
    onSome: (guildId) => rest.bulkSetGuildApplicationCommands(applicationId, guildId, commandDefinitions)
  })
  yield* Effect.logInfo(
    `Registered ${commandDefinitions.length} commands ${Option.match(discord.guildId, {
      onNone: () => "globally",
      onSome: (guildId) => `to guild ${guildId}`
    })}`
  )
}).pipe(Effect.withSpan("Discord.registerCommands"))
