/**
 * One compressed MPQ unit: a leading method byte, then the payload. Replays use bzip2 (0x10) and, in
 * anonymized copies, deflate (0x02); the output is always exactly the size the block table promises.
 */
import { inflateSync } from "node:zlib"
import { DecodeError, UnsupportedReplay } from "../errors.js"
import { bunzip2 } from "./bzip2.js"

const Method = { zlib: 0x02, bzip2: 0x10 } as const

const corrupt = (name: string) =>
  new DecodeError({ file: name, message: `This replay's ${name} is corrupted (it does not decompress).` })

export const decompressUnit = (unit: Uint8Array, size: number, name: string): Uint8Array => {
  const method = unit[0]
  const payload = unit.subarray(1)
  let out: Uint8Array
  try {
    if (method === Method.bzip2) out = bunzip2(payload, size)
    else if (method === Method.zlib) out = inflateSync(payload, { maxOutputLength: size })
    else {
      throw new UnsupportedReplay({
        message: `This replay's ${name} uses compression method 0x${(method ?? 0).toString(16)}, which replays never use.`
      })
    }
  } catch (error) {
    if (error instanceof UnsupportedReplay) throw error
    throw corrupt(name)
  }
  if (out.length !== size) throw corrupt(name)
  return out
}
