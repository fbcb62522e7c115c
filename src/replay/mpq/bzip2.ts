/**
 * bzip2 through libbzip2 compiled to WebAssembly (`@foxglove/wasm-bz2`): about ten times faster than
 * the pure-JavaScript `seek-bzip` on the replay corpus (see docs/replay-decoder.md). Its output buffer is
 * sized by the caller, so a forged stream cannot make it allocate more than the block table promised.
 * The module instantiates asynchronously, once per thread, when this module is first imported.
 */
import Bzip2 from "@foxglove/wasm-bz2"

const bzip2 = await Bzip2.init()

/** Decompresses `data`, which must unpack to at most `size` bytes (otherwise it throws). */
export const bunzip2 = (data: Uint8Array, size: number): Uint8Array => bzip2.decompress(data, size)
