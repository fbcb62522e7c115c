/**
 * `replay.attributes.events`: the lobby settings as fixed little-endian records (namespace, attribute
 * id, scope, 4-byte value stored reversed). Scope 16 holds the game's settings, scopes 1–15 the players'.
 */
import { decodeSection } from "./decodeSection.js"
import { Truncated } from "../protocol/BitReader.js"

export interface LobbyAttributes {
  /** Global settings (scope 16) by attribute id, values as stored (`Fasr`, `NoMH`, `yes`, `0`). */
  readonly global: ReadonlyMap<number, string>
  /** Each player scope's chosen race (attribute 3001), as stored (`Terr`, `Prot`, `Zerg`, `RAND`). */
  readonly slotRaces: ReadonlyMap<number, string>
}

export const AttributeId = {
  teams: 2001,
  gameSpeed: 3000,
  race: 3001,
  gameMode: 3009,
  lockedAlliances: 3010,
  gameDuration: 3015,
  privacy: 4000
} as const

const GLOBAL_SCOPE = 16
const RECORD_BYTES = 13

/** The value's 4 bytes reversed, without NUL padding (`rsaF` → `Fasr`). */
const valueText = (data: Uint8Array, at: number): string => {
  let out = ""
  for (let i = at + 3; i >= at; i--) {
    const byte = data[i] ?? 0
    if (byte !== 0) out += String.fromCharCode(byte)
  }
  return out
}

export const readAttributes = (data: Uint8Array): LobbyAttributes =>
  decodeSection("replay.attributes.events", () => {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    // Header: u8 source (absent before build 17326), u32 map namespace, u32 record count.
    const headerBytes = (data.length - 9) % RECORD_BYTES === 0 ? 9 : 8
    if (data.length < headerBytes) throw new Truncated()
    const count = view.getUint32(headerBytes - 4, true)
    if (headerBytes + count * RECORD_BYTES > data.length) throw new Truncated()
    const global = new Map<number, string>()
    const slotRaces = new Map<number, string>()
    for (let i = 0; i < count; i++) {
      const at = headerBytes + i * RECORD_BYTES
      const id = view.getUint32(at + 4, true)
      const scope = data[at + 8] ?? 0
      if (scope === GLOBAL_SCOPE) global.set(id, valueText(data, at + 9))
      else if (id === AttributeId.race) slotRaces.set(scope, valueText(data, at + 9))
    }
    return { global, slotRaces }
  })
