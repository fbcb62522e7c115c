import { Schema } from "effect"
import { Snowflake } from "./Snowflake.js"

export const PlayerState = Schema.Literal("idle", "queueing", "in_match")
export type PlayerState = typeof PlayerState.Type

/** Who changed a player setting, as recorded in the player action log. */
export type ChangedBy = "player" | "system" | `admin:${string}`

/** The settings a player (or an admin on their behalf) changes, each logged when it changes. */
export const PlayerSettings = Schema.Struct({
  discordUsername: Schema.String,
  playerName: Schema.NullOr(Schema.String),
  battletag: Schema.NullOr(Schema.String),
  altPlayerName1: Schema.NullOr(Schema.String),
  altPlayerName2: Schema.NullOr(Schema.String),
  country: Schema.NullOr(Schema.String),
  region: Schema.NullOr(Schema.String),
  locale: Schema.String,
  acceptedTos: Schema.Boolean,
  completedSetup: Schema.Boolean,
  readQuickStartGuide: Schema.Boolean,
  shieldBatteryAck: Schema.Boolean,
  isBanned: Schema.Boolean
})
export type PlayerSettings = typeof PlayerSettings.Type

export const Player = Schema.Struct({
  id: Schema.Int,
  discordUid: Snowflake,
  ...PlayerSettings.fields,
  acceptedTosAt: Schema.NullOr(Schema.Int),
  completedSetupAt: Schema.NullOr(Schema.Int),
  /** Aborts left in `abortsMonth`; a player's budget is full again in any later month. */
  remainingAborts: Schema.Int,
  abortsMonth: Schema.String,
  state: PlayerState,
  currentMatchId: Schema.NullOr(Schema.Int),
  createdAt: Schema.Int,
  updatedAt: Schema.Int
})
export type Player = typeof Player.Type

/** The calendar month (UTC) an instant falls in, as `YYYY-MM`: the period the abort budget covers. */
export const monthOf = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 7)

/** Aborts a player has left in the month of `now`. */
export const abortsLeft = (
  player: Pick<Player, "remainingAborts" | "abortsMonth">,
  now: number,
  perMonth: number
) => (player.abortsMonth === monthOf(now) ? player.remainingAborts : perMonth)

/** The name other players see: the in-game name once set up, else the Discord username. */
export const displayName = (player: Pick<Player, "playerName" | "discordUsername">): string =>
  player.playerName ?? player.discordUsername
