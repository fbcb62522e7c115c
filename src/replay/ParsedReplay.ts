/**
 * What the decoder reads from a replay: plain, structured-clonable data (it crosses worker threads),
 * described by Schema so it can be stored and sent encoded.
 */
import { Schema } from "effect"

export const PlayerResult = Schema.Literal("win", "loss", "tie", "undecided")
export const PlayerControl = Schema.Literal("human", "computer")

export const ReplayPlayer = Schema.Struct({
  name: Schema.String,
  clan: Schema.NullOr(Schema.String),
  /** The race name as the recording client wrote it (localized, or the mod's own name, e.g. "BW Zerg"). */
  race: Schema.String,
  result: PlayerResult,
  control: PlayerControl,
  team: Schema.Number,
  /** `region-programId-realm-id`, e.g. `2-S2-1-226401`; `0-S2-0-0` for computers. */
  toon: Schema.String,
  workingSetSlotId: Schema.NullOr(Schema.Number)
})
export type ReplayPlayer = typeof ReplayPlayer.Type

export const LobbySlot = Schema.Struct({
  /** open, closed, human, computer; an unknown code as its number. */
  control: Schema.Union(Schema.Literal("open", "closed", "human", "computer"), Schema.Number),
  userId: Schema.NullOr(Schema.Number),
  teamId: Schema.Number,
  /** `null` for a player; spectators and referees watch. */
  observe: Schema.NullOr(Schema.Literal("spectator", "referee")),
  name: Schema.NullOr(Schema.String),
  clan: Schema.NullOr(Schema.String),
  toon: Schema.String,
  workingSetSlotId: Schema.NullOr(Schema.Number)
})
export type LobbySlot = typeof LobbySlot.Type

/** From `replay.initData`, for base builds ≥ 80949. */
export const Lobby = Schema.Struct({
  slots: Schema.Array(LobbySlot),
  gameDuration: Schema.Number,
  maxPlayers: Schema.Number,
  isBlizzardMap: Schema.Boolean,
  competitive: Schema.Boolean,
  cacheHandles: Schema.Array(Schema.String)
})
export type Lobby = typeof Lobby.Type

/**
 * Why `lobby` is what it is: decoded; an older build than the type table covers; a newer build whose
 * layout did not fit the table (header, details and attributes still decode); or no initData at all.
 */
export const LobbyStatus = Schema.Literal("decoded", "older-build", "unknown-layout", "missing")
export type LobbyStatus = typeof LobbyStatus.Type

export const ParsedReplay = Schema.Struct({
  /** BLAKE2b with a 10-byte digest of the whole file, hex: the reference bot's identity of a replay. */
  hash: Schema.String,
  /** `major.minor.revision.build`, e.g. `5.0.15.95299`. */
  version: Schema.String,
  build: Schema.Number,
  baseBuild: Schema.Number,
  gameLoops: Schema.Number,
  /** Real seconds at the game's speed (loops / 22.4 at Faster), to the millisecond. */
  durationSeconds: Schema.Number,
  /** When the replay was saved, i.e. about when the game ended: ISO 8601 UTC. */
  playedAt: Schema.String,
  /** The recording computer's offset from UTC, in minutes. */
  utcOffsetMinutes: Schema.Number,
  map: Schema.String,
  /** Lobby settings as displayed ("Faster", "No Match History", "Infinite", "Yes"); null when absent. */
  gameSpeed: Schema.NullOr(Schema.String),
  privacy: Schema.NullOr(Schema.String),
  gameMode: Schema.NullOr(Schema.String),
  lockedAlliances: Schema.NullOr(Schema.String),
  gameDuration: Schema.NullOr(Schema.String),
  teams: Schema.NullOr(Schema.String),
  lobbyRaces: Schema.Array(Schema.Struct({ scope: Schema.Number, race: Schema.String })),
  players: Schema.Array(ReplayPlayer),
  /** Names of spectators and referees; null when the lobby could not be read. */
  observers: Schema.NullOr(Schema.Array(Schema.String)),
  /** Depot URLs of the map and its dependencies, in load order (map last). */
  cacheHandles: Schema.Array(Schema.String),
  lobby: Schema.NullOr(Lobby),
  lobbyStatus: LobbyStatus,
  /** Whether players and map came from `replay.details` or, in anonymized replays, its `.backup` copy. */
  detailsSource: Schema.Literal("details", "backup")
})
export type ParsedReplay = typeof ParsedReplay.Type
