/**
 * `replay.initData` (bit-packed, builds ≥ 80949): the lobby as it was when the game started: every
 * user (players and observers) with name and clan tag, the game description and the lobby slots.
 */
import { DecodeError } from "../errors.js"
import { decodeBitPacked, PackedList, PackedStruct, type Packed } from "../protocol/bitpacked.js"
import { initDataType } from "../protocol/initDataTable.js"
import { decodeSection } from "./decodeSection.js"
import { depotUrl } from "./depot.js"
import type { Lobby, LobbySlot } from "../ParsedReplay.js"

export type InitDataResult =
  | { readonly _tag: "Decoded"; readonly lobby: Lobby }
  /** The bytes did not fit the table exactly: a layout newer than the table knows. */
  | { readonly _tag: "UnknownLayout" }

const FILE = "replay.initData"
const utf8 = new TextDecoder("utf-8")
const slotControls = ["open", "closed", "human", "computer"] as const
const observerRoles = [null, "spectator", "referee"] as const

/** The table produced these values, so a shape mismatch cannot come from the file; it still ends as a DecodeError. */
class Shape extends Error {}

const struct = (value: Packed | undefined): PackedStruct => {
  if (value instanceof PackedStruct) return value
  throw new Shape()
}
const list = (value: Packed | undefined): ReadonlyArray<Packed> => {
  if (value instanceof PackedList) return value.items
  throw new Shape()
}
const num = (value: Packed | undefined): number => {
  if (typeof value === "number") return value
  throw new Shape()
}
const optionalNum = (value: Packed | undefined): number | null => (value === null ? null : num(value))
const flag = (value: Packed | undefined): boolean => {
  if (typeof value === "boolean") return value
  throw new Shape()
}
const bytes = (value: Packed | undefined): Uint8Array => {
  if (value instanceof Uint8Array) return value
  throw new Shape()
}
const text = (value: Packed | undefined): string => utf8.decode(bytes(value))

interface User {
  readonly name: string
  readonly clan: string | null
}

const readUser = (value: Packed): User => {
  const user = struct(value)
  const clan = user.get("m_clanTag")
  return { name: text(user.get("m_name")), clan: clan === null ? null : text(clan) }
}

const readSlot = (value: Packed, users: ReadonlyArray<User>): LobbySlot => {
  const slot = struct(value)
  const control = num(slot.get("m_control"))
  const userId = optionalNum(slot.get("m_userId"))
  const user = userId === null ? undefined : users[userId]
  return {
    control: slotControls[control] ?? control,
    userId,
    teamId: num(slot.get("m_teamId")),
    observe: observerRoles[num(slot.get("m_observe"))] ?? null,
    name: user?.name ?? null,
    clan: user?.clan ?? null,
    toon: text(slot.get("m_toonHandle")),
    workingSetSlotId: optionalNum(slot.get("m_workingSetSlotId"))
  }
}

/** Decodes with the 80949+ table; `strict` (a build the table is known to cover) makes a misfit an error. */
export const readInitData = (data: Uint8Array, strict: boolean): InitDataResult =>
  decodeSection(FILE, () => {
    let decoded
    try {
      decoded = decodeBitPacked(data, initDataType)
    } catch (error) {
      if (strict) throw error
      return { _tag: "UnknownLayout" }
    }
    if (!decoded.exact) {
      if (strict)
        throw new DecodeError({
          file: FILE,
          message: `This replay's ${FILE} is corrupted (unexpected extra bytes).`
        })
      return { _tag: "UnknownLayout" }
    }
    const sync = struct(struct(decoded.value).get("m_syncLobbyState"))
    const users = list(sync.get("m_userInitialData")).map(readUser)
    const game = struct(sync.get("m_gameDescription"))
    const lobby = struct(sync.get("m_lobbyState"))
    return {
      _tag: "Decoded",
      lobby: {
        slots: list(lobby.get("m_slots")).map((slot) => readSlot(slot, users)),
        gameDuration: num(lobby.get("m_gameDuration")),
        maxPlayers: num(game.get("m_maxPlayers")),
        isBlizzardMap: flag(game.get("m_isBlizzardMap")),
        competitive: flag(struct(game.get("m_gameOptions")).get("m_competitive")),
        cacheHandles: list(game.get("m_cacheHandles")).map((handle) => depotUrl(bytes(handle)))
      }
    }
  })
