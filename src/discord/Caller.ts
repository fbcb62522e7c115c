import { Ix } from "dfx"
import { Effect, Schema } from "effect"
import { Snowflake } from "../domain/Snowflake.js"

/** Who is interacting, and where: what every handler needs from an interaction. */
export interface Caller {
  readonly userId: Snowflake
  readonly username: string
  /** In a server channel rather than the bot's DMs (responses there are ephemeral). */
  readonly inGuild: boolean
  readonly channelId: Snowflake | null
}

const InteractionCaller = Schema.Struct({
  user: Schema.optional(Schema.Struct({ id: Snowflake, username: Schema.String })),
  member: Schema.optional(Schema.Struct({ user: Schema.Struct({ id: Snowflake, username: Schema.String }) })),
  guild_id: Schema.optional(Schema.String),
  channel: Schema.optional(Schema.Struct({ id: Snowflake })),
  channel_id: Schema.optional(Snowflake)
})

/** The caller of the current interaction; an interaction without a user is Discord's bug, a defect. */
export const currentCaller: Effect.Effect<Caller, never, Ix.DiscordInteraction> = Effect.gen(function* () {
  const interaction = yield* Ix.Interaction
  const fields = yield* Effect.orDie(Schema.decodeUnknown(InteractionCaller)(interaction))
  const user = fields.user ?? fields.member?.user
  if (user === undefined) return yield* Effect.dieMessage(`interaction ${interaction.id} has no user`)
  return {
    userId: user.id,
    username: user.username,
    inGuild: fields.guild_id !== undefined,
    channelId: fields.channel?.id ?? fields.channel_id ?? null
  }
})
