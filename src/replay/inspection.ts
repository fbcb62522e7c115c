/**
 * What `evoladder replay inspect` prints for one file: the JSON line (`--json`) and the readable
 * summary. Pure, so the command's output can be tested without running the command.
 */
import type { RaceBook } from "../domain/Race.js"
import { ladderRaceOf } from "./ladderRace.js"
import type { ParsedReplay } from "./ParsedReplay.js"

export interface InspectionError {
  readonly tag: string
  readonly message: string
}

export type Inspection =
  | { readonly file: string; readonly ok: true; readonly replay: ParsedReplay }
  | { readonly file: string; readonly ok: false; readonly error: InspectionError }

/** The JSON object of one file, with the fields the command promises, in a stable order. */
export const inspectionJson = (inspection: Inspection, races: RaceBook): unknown => {
  if (!inspection.ok) return inspection
  const { replay } = inspection
  return {
    file: inspection.file,
    ok: true,
    replay: {
      hash: replay.hash,
      version: replay.version,
      baseBuild: replay.baseBuild,
      gameLoops: replay.gameLoops,
      durationSeconds: replay.durationSeconds,
      playedAt: replay.playedAt,
      map: replay.map,
      gameSpeed: replay.gameSpeed,
      privacy: replay.privacy,
      gameMode: replay.gameMode,
      lockedAlliances: replay.lockedAlliances,
      gameDuration: replay.gameDuration,
      players: replay.players.map((player) => ({
        name: player.name,
        clan: player.clan,
        race: player.race,
        ladderRace: ladderRaceOf(races, player.race),
        result: player.result,
        control: player.control,
        team: player.team,
        toon: player.toon
      })),
      observers: replay.observers,
      cacheHandles: replay.cacheHandles
    }
  }
}

const clock = (seconds: number): string => {
  const whole = Math.floor(seconds)
  const minutes = Math.floor(whole / 60)
  const rest = String(whole % 60).padStart(2, "0")
  return minutes >= 60
    ? `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}:${rest}`
    : `${minutes}:${rest}`
}

/** A few lines a person can read at a glance. */
export const inspectionText = (inspection: Inspection, races: RaceBook): string => {
  if (!inspection.ok) return `${inspection.file}\n  ✗ ${inspection.error.message} (${inspection.error.tag})`
  const { replay } = inspection
  const settings = [replay.gameSpeed, replay.gameMode, replay.privacy, replay.gameDuration]
    .filter((value): value is string => value !== null)
    .join(", ")
  const players = replay.players.map((player, i) => {
    const clan = player.clan === null ? "" : `<${player.clan}> `
    const ladderRace = ladderRaceOf(races, player.race)
    const race = ladderRace === null ? `${player.race} (not a ladder race)` : `${player.race} (${ladderRace})`
    const who = player.control === "computer" ? "computer" : player.toon
    return `  ${i + 1}. ${clan}${player.name} · ${race} · team ${player.team} · ${player.result} · ${who}`
  })
  const observers =
    replay.observers === null
      ? "unknown (replay older than 5.0)"
      : replay.observers.length === 0
        ? "none"
        : replay.observers.join(", ")
  return [
    inspection.file,
    `  ${replay.map} · ${clock(replay.durationSeconds)} · ended ${replay.playedAt} · SC2 ${replay.version}`,
    ...(settings === "" ? [] : [`  ${settings}`]),
    ...players,
    `  observers: ${observers} · ${replay.cacheHandles.length} cache handles · hash ${replay.hash}`
  ].join("\n")
}
