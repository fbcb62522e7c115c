/** The `replay.attributes.events` member: lobby settings and per-slot choices. */

/** An attribute: its id, its scope (16: the whole lobby; 1, 2, …: a player's slot), a value of up to four characters. */
export type AttributeRecord = readonly [id: number, scope: number, value: string]

/** A source byte, a 999 header and the count, then each record with its value's bytes reversed, as the game writes them. */
export const attributeEvents = (records: ReadonlyArray<AttributeRecord>): Uint8Array => {
  const out = new Uint8Array(9 + records.length * 13)
  const view = new DataView(out.buffer)
  view.setUint32(1, 999, true)
  view.setUint32(5, records.length, true)
  records.forEach(([id, scope, value], i) => {
    const at = 9 + i * 13
    view.setUint32(at, 999, true)
    view.setUint32(at + 4, id, true)
    out[at + 8] = scope
    const bytes = new TextEncoder().encode(value)
    for (let j = 0; j < 4; j++) out[at + 9 + j] = bytes[bytes.length - 1 - j] ?? 0
  })
  return out
}
