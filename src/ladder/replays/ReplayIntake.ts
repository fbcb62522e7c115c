/**
 * A player hands in a replay of their match (a DM attachment, or `/replay` in the webhook
 * deployment): the file is checked for the obvious (name, size), stored, recorded, and its check
 * job enqueued in the same transaction as the record, so that an accepted upload is never lost.
 */
import { Data, Effect, Option } from "effect"
import { AppConfig } from "../../config.js"
import { sideOf } from "../../domain/Match.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { JobQueue } from "../../jobs/JobQueue.js"
import { blake2bHex } from "../../replay/blake2b.js"
import { DomainEvent, DomainEvents } from "../DomainEvents.js"
import { MatchService } from "../matches/MatchService.js"
import { PlayersRepo } from "../PlayersRepo.js"
import { replayCheckJob, replayJobKey } from "./ReplayCheckJob.js"
import { ReplaysRepo } from "./ReplaysRepo.js"
import { ReplayStorage } from "./ReplayStorage.js"

/** The reference's replay identity: BLAKE2b with a 10-byte digest. */
const HASH_BYTES = 10

export class ReplayRefused extends Data.TaggedError("ReplayRefused")<{
  readonly reason: "not_a_replay" | "too_large" | "no_match"
  readonly message: string
}> {}

export interface IncomingReplay {
  readonly uploaderUid: Snowflake
  readonly fileName: string
  readonly sizeBytes: number
  /** Fetches the bytes; called only once the cheap checks passed. */
  readonly bytes: Effect.Effect<Uint8Array, ReplayRefused>
}

export const isReplayFileName = (fileName: string) => fileName.toLowerCase().endsWith(".sc2replay")

export class ReplayIntake extends Effect.Service<ReplayIntake>()("ReplayIntake", {
  effect: Effect.gen(function* () {
    const storage = yield* ReplayStorage
    const replays = yield* ReplaysRepo
    const jobs = yield* JobQueue
    const matches = yield* MatchService
    const players = yield* PlayersRepo
    const events = yield* DomainEvents
    const { replays: settings } = yield* AppConfig
    const maxMegabytes = (settings.maxBytes / (1024 * 1024)).toFixed(0)

    /** The match the uploader is playing, once both confirmed. */
    const currentMatch = (discordUid: Snowflake) =>
      Effect.gen(function* () {
        const player = yield* players.findByUid(discordUid)
        const matchId = Option.flatMapNullable(player, (p) => p.currentMatchId)
        const match = Option.isSome(matchId) ? yield* matches.find(matchId.value) : Option.none()
        if (Option.isNone(match) || match.value.status !== "in_progress") {
          return yield* new ReplayRefused({
            reason: "no_match",
            message:
              "You have no match in progress to upload a replay for. Replays are accepted once both players confirmed their match."
          })
        }
        return match.value
      })

    const submit = Effect.fn("ReplayIntake.submit")(function* (incoming: IncomingReplay) {
      if (!isReplayFileName(incoming.fileName)) {
        return yield* new ReplayRefused({
          reason: "not_a_replay",
          message: "That file is not a StarCraft II replay: upload the `.SC2Replay` file of your match."
        })
      }
      if (incoming.sizeBytes > settings.maxBytes) {
        return yield* new ReplayRefused({
          reason: "too_large",
          message: `That file is larger than ${maxMegabytes} MB, which no 1v1 replay is.`
        })
      }
      const match = yield* currentMatch(incoming.uploaderUid)
      const side = sideOf(match, incoming.uploaderUid) ?? 1
      const bytes = yield* incoming.bytes
      if (bytes.length > settings.maxBytes) {
        return yield* new ReplayRefused({
          reason: "too_large",
          message: `That file is larger than ${maxMegabytes} MB.`
        })
      }
      const hash = blake2bHex(bytes, HASH_BYTES)
      const storageKey = yield* Effect.orDie(storage.put(hash, bytes))
      const payload = { matchId: match.id, hash, storageKey }
      const replayId = yield* events.transactional(
        Effect.gen(function* () {
          const id = yield* replays.recordUpload({
            matchId: match.id,
            uploaderUid: incoming.uploaderUid,
            side,
            hash,
            storageKey,
            fileName: incoming.fileName,
            sizeBytes: bytes.length
          })
          const enqueued = yield* Effect.orDie(
            jobs.enqueue(replayCheckJob, payload, { idempotencyKey: replayJobKey(payload) })
          )
          // The other player already sent this very file: its check applies to this upload too.
          if (!enqueued.created && (yield* replays.adoptCheck(match.id, hash))) {
            yield* events.emit(DomainEvent.ReplayChecked({ matchId: match.id, hash }))
          }
          return id
        })
      )
      return { replayId, matchId: match.id, hash }
    })

    return { submit }
  })
}) {}
