/**
 * Lobby attribute values as the texts players see and the reference bot compares against (sc2reader's
 * display strings): `Fasr` → "Faster", `NoMH` → "No Match History", `0` → "Infinite". A value this
 * table does not know is passed on as stored rather than guessed.
 */
import { AttributeId, type LobbyAttributes } from "./attributes.js"

const speeds: Readonly<Record<string, string>> = {
  Slor: "Slower",
  Slow: "Slow",
  Norm: "Normal",
  Fast: "Fast",
  Fasr: "Faster"
}
const modes: Readonly<Record<string, string>> = {
  "": "Single Player",
  Amm: "Ladder",
  Priv: "Private",
  Pub: "Public"
}
const yesNo: Readonly<Record<string, string>> = { yes: "Yes", no: "No" }
const privacies: Readonly<Record<string, string>> = {
  Norm: "Normal",
  NoBO: "No Build Order",
  NoMH: "No Match History"
}
const races: Readonly<Record<string, string>> = {
  Terr: "Terran",
  Prot: "Protoss",
  Zerg: "Zerg",
  RAND: "Random"
}

const duration = (stored: string): string =>
  stored === "0" ? "Infinite" : /^[1-9][0-9]*$/.test(stored) ? `${stored} Minutes` : stored

export interface GameSettings {
  readonly gameSpeed: string | null
  readonly privacy: string | null
  readonly gameMode: string | null
  readonly lockedAlliances: string | null
  readonly gameDuration: string | null
  readonly teams: string | null
  /** The race each player slot picked in the lobby, by attribute scope (1-based); `Zerg` for BW Zerg too. */
  readonly lobbyRaces: ReadonlyArray<{ readonly scope: number; readonly race: string }>
}

export const noSettings: GameSettings = {
  gameSpeed: null,
  privacy: null,
  gameMode: null,
  lockedAlliances: null,
  gameDuration: null,
  teams: null,
  lobbyRaces: []
}

export const gameSettings = ({ global, slotRaces }: LobbyAttributes): GameSettings => {
  const shown = (id: number, names: Readonly<Record<string, string>> | ((stored: string) => string)) => {
    const stored = global.get(id)
    if (stored === undefined) return null
    return typeof names === "function" ? names(stored) : (names[stored] ?? stored)
  }
  return {
    gameSpeed: shown(AttributeId.gameSpeed, speeds),
    privacy: shown(AttributeId.privacy, privacies),
    gameMode: shown(AttributeId.gameMode, modes),
    lockedAlliances: shown(AttributeId.lockedAlliances, yesNo),
    gameDuration: shown(AttributeId.gameDuration, duration),
    teams: shown(AttributeId.teams, (stored) => stored),
    lobbyRaces: [...slotRaces]
      .sort(([a], [b]) => a - b)
      .map(([scope, race]) => ({ scope, race: races[race] ?? race }))
  }
}
