/**
 * Where uploaded replay files live. The interface is a key-value store by content hash, so another
 * backend (an S3-compatible bucket) can replace the folder without touching callers.
 */
import { FileSystem, Path } from "@effect/platform"
import type { PlatformError } from "@effect/platform/Error"
import { Context, Effect, Layer, Random } from "effect"
import { AppConfig } from "../../config.js"

export interface ReplayStorageShape {
  /** Stores the bytes under their hash (idempotent) and returns the key to read them back. */
  readonly put: (hash: string, bytes: Uint8Array) => Effect.Effect<string, PlatformError>
  readonly get: (key: string) => Effect.Effect<Uint8Array, PlatformError>
}

export class ReplayStorage extends Context.Tag("ReplayStorage")<ReplayStorage, ReplayStorageShape>() {
  /** A folder (EVOLADDER_REPLAY_DIR), files at `<first two hex digits>/<hash>.SC2Replay`. */
  static readonly Folder = Layer.effect(
    ReplayStorage,
    Effect.gen(function* () {
      const fs = yield* FileSystem.FileSystem
      const path = yield* Path.Path
      const { replays } = yield* AppConfig
      const root = path.resolve(replays.storageDir)

      const put = (hash: string, bytes: Uint8Array) =>
        Effect.gen(function* () {
          const key = `${hash.slice(0, 2)}/${hash}.SC2Replay`
          const target = path.join(root, key)
          if (yield* fs.exists(target)) return key
          yield* fs.makeDirectory(path.dirname(target), { recursive: true })
          // Written under a temporary name and renamed, so a crash never leaves half a file under the key.
          const temporary = `${target}.${(yield* Random.nextInt).toString(36)}.partial`
          yield* fs.writeFile(temporary, bytes)
          yield* fs.rename(temporary, target)
          return key
        })

      const get = (key: string) => fs.readFile(path.join(root, key))

      return { put, get }
    })
  )
}
