/**
 * The type of `replay.initData` for base builds 80949 through 97425 (s2protocol's protocol files for
 * these 33 builds resolve to this one structure; transcribed from `types_initdata_97425.txt`). Fields
 * are listed in encoding order; every one must be read to reach the lobby slots.
 */
import { array, bitarray, blob, bool, int, optional, struct } from "./types.js"

/** The first base build this table describes; older builds used other layouts. */
export const INIT_DATA_TABLE_FIRST_BUILD = 80949
/** The newest base build this table was checked against. */
export const INIT_DATA_TABLE_LAST_KNOWN_BUILD = 97425

const u32 = int(0, 32)
const u8 = int(0, 8)
const smallBlob = blob(0, 9)
const cacheHandle = blob(40, 0)
const optionalU8 = optional(u8)

const userInitialData = struct({
  m_name: blob(0, 8),
  m_clanTag: optional(blob(0, 8)),
  m_clanLogo: optional(cacheHandle),
  m_highestLeague: optionalU8,
  m_combinedRaceLevels: optional(u32),
  m_randomSeed: u32,
  m_racePreference: struct({ m_race: optionalU8 }),
  m_teamPreference: struct({ m_team: optionalU8 }),
  m_testMap: bool,
  m_testAuto: bool,
  m_examine: bool,
  m_customInterface: bool,
  m_testType: u32,
  m_observe: int(0, 2),
  m_hero: smallBlob,
  m_skin: smallBlob,
  m_mount: smallBlob,
  m_toonHandle: blob(0, 7),
  m_scaledRating: optional(int(-2147483648, 32))
})

const gameOptions = struct({
  m_lockTeams: bool,
  m_teamsTogether: bool,
  m_advancedSharedControl: bool,
  m_randomRaces: bool,
  m_battleNet: bool,
  m_amm: bool,
  m_competitive: bool,
  m_practice: bool,
  m_cooperative: bool,
  m_noVictoryOrDefeat: bool,
  m_heroDuplicatesAllowed: bool,
  m_fog: int(0, 2),
  m_observers: int(0, 2),
  m_userDifficulty: int(0, 2),
  m_clientDebugFlags: int(0, 64),
  m_buildCoachEnabled: bool
})

const slotDescription = struct({
  m_allowedColors: bitarray(0, 6),
  m_allowedRaces: bitarray(0, 8),
  m_allowedDifficulty: bitarray(0, 6),
  m_allowedControls: bitarray(0, 8),
  m_allowedObserveTypes: bitarray(0, 2),
  m_allowedAIBuilds: bitarray(0, 8)
})

const gameDescription = struct({
  m_randomValue: u32,
  m_gameCacheName: blob(0, 10),
  m_gameOptions: gameOptions,
  m_gameSpeed: int(0, 3),
  m_gameType: int(0, 3),
  m_maxUsers: int(0, 5),
  m_maxObservers: int(0, 5),
  m_maxPlayers: int(0, 5),
  m_maxTeams: int(1, 4),
  m_maxColors: int(0, 6),
  m_maxRaces: int(1, 8),
  m_maxControls: u8,
  m_mapSizeX: u8,
  m_mapSizeY: u8,
  m_mapFileSyncChecksum: u32,
  m_mapFileName: blob(0, 11),
  m_mapAuthorName: blob(0, 8),
  m_modFileSyncChecksum: u32,
  m_slotDescriptions: array(0, 5, slotDescription),
  m_defaultDifficulty: int(0, 6),
  m_defaultAIBuild: u8,
  m_cacheHandles: array(0, 6, cacheHandle),
  m_hasExtensionMod: bool,
  m_hasNonBlizzardExtensionMod: bool,
  m_isBlizzardMap: bool,
  m_isPremadeFFA: bool,
  m_isCoopMode: bool,
  m_isRealtimeMode: bool
})

const lobbySlot = struct({
  m_control: u8,
  m_userId: optional(int(0, 4)),
  m_teamId: int(0, 4),
  m_colorPref: struct({ m_color: optional(int(0, 5)) }),
  m_racePref: struct({ m_race: optionalU8 }),
  m_difficulty: int(0, 6),
  m_aiBuild: u8,
  m_handicap: u32,
  m_observe: int(0, 2),
  m_logoIndex: u32,
  m_hero: smallBlob,
  m_skin: smallBlob,
  m_mount: smallBlob,
  m_artifacts: array(0, 4, smallBlob),
  m_workingSetSlotId: optionalU8,
  m_rewards: array(0, 17, u32),
  m_toonHandle: blob(0, 7),
  m_licenses: array(0, 16, u32),
  m_tandemLeaderId: optional(int(0, 4)),
  m_commander: smallBlob,
  m_commanderLevel: u32,
  m_hasSilencePenalty: bool,
  m_tandemId: optional(int(0, 4)),
  m_commanderMasteryLevel: u32,
  m_commanderMasteryTalents: array(0, 3, u32),
  m_trophyId: u32,
  m_rewardOverrides: array(0, 17, struct({ m_key: u32, m_rewards: array(0, 17, u32) })),
  m_brutalPlusDifficulty: u32,
  m_retryMutationIndexes: array(0, 3, u32),
  m_aCEnemyRace: u32,
  m_aCEnemyWaveType: u32,
  m_selectedCommanderPrestige: u32
})

const lobbyState = struct({
  m_phase: int(0, 3),
  m_maxUsers: int(0, 5),
  m_maxObservers: int(0, 5),
  m_slots: array(0, 5, lobbySlot),
  m_randomSeed: u32,
  m_hostUserId: optional(int(0, 4)),
  m_isSinglePlayer: bool,
  m_pickedMapTag: u8,
  m_gameDuration: u32,
  m_defaultDifficulty: int(0, 6),
  m_defaultAIBuild: u8
})

export const initDataType = struct({
  m_syncLobbyState: struct({
    m_userInitialData: array(0, 5, userInitialData),
    m_gameDescription: gameDescription,
    m_lobbyState: lobbyState
  })
})
