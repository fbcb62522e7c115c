/**
 * Who may use which command (reference §2.1): player commands work in DMs only, banned players are
 * refused, most commands need the terms of service accepted, and queueing needs a finished setup.
 */
import type { Player } from "./Player.js"

export interface CommandRequirements {
  readonly termsOfService: boolean
  readonly setup: boolean
}

export type GuardRefusal = "banned" | "terms_not_accepted" | "setup_not_completed"

/** Why `player` may not run a command with these requirements, if they may not. */
export const refusalFor = (
  requirements: CommandRequirements,
  player: Pick<Player, "isBanned" | "acceptedTos" | "completedSetup">
): GuardRefusal | null => {
  if (player.isBanned) return "banned"
  if (requirements.termsOfService && !player.acceptedTos) return "terms_not_accepted"
  if (requirements.setup && !player.completedSetup) return "setup_not_completed"
  return null
}
