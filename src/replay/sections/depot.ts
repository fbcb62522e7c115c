/**
 * Cache handles (40 bytes: file type, region, SHA-256) as the depot URLs sc2reader prints and the
 * mod handle lists store, e.g. `https://us-s2-depot.classic.blizzard.com/<sha256>.s2ma`.
 */
import { fourcc } from "../protocol/fields.js"

const hex = (bytes: Uint8Array): string => {
  let out = ""
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0")
  return out
}

export const depotUrl = (handle: Uint8Array): string => {
  const type = fourcc(handle.subarray(0, 4))
  const region = fourcc(handle.subarray(4, 8)).toLowerCase()
  const file = `${hex(handle.subarray(8))}.${type}`
  if (region === "cn") return `http://cn-s2-depot.battlenet.com.cn/${file}`
  // Southeast Asia's depot was merged into the Americas' (as sc2reader maps it).
  return `https://${region === "sg" ? "us" : region}-s2-depot.classic.blizzard.com/${file}`
}
