/** Uploaded replays: one row per (match, uploader, file), checked once by the replay job. */
import { SqlClient } from "@effect/sql"
import { Clock, Effect, Option, Schema } from "effect"
import { decodeFirst, decodeRows } from "../../db/rows.js"
import { Verification } from "../../domain/Verification.js"
import type { Snowflake } from "../../domain/Snowflake.js"
import { ParsedReplay } from "../../replay/ParsedReplay.js"

export const ReplayStatus = Schema.Literal("pending", "verified", "rejected", "unreadable")
export type ReplayStatus = typeof ReplayStatus.Type

/** What checking a replay found: stored on its row, shown in the Replay Details message. */
export const ReplayCheck = Schema.Struct({
  status: Schema.Literal("verified", "rejected", "unreadable"),
  parsed: Schema.NullOr(ParsedReplay),
  verification: Schema.NullOr(Verification),
  /** Why the file could not be used, for a player to read. */
  error: Schema.NullOr(Schema.String)
})
export type ReplayCheck = typeof ReplayCheck.Type

const StoredReplay = Schema.Struct({
  id: Schema.Int,
  matchId: Schema.Int,
  uploaderUid: Schema.String,
  replayHash: Schema.String,
  storageKey: Schema.String,
  fileName: Schema.String,
  sizeBytes: Schema.Int,
  status: ReplayStatus,
  parsed: Schema.NullOr(Schema.parseJson(ParsedReplay)),
  verification: Schema.NullOr(Schema.parseJson(Verification)),
  error: Schema.NullOr(Schema.String),
  uploadedAt: Schema.Int,
  processedAt: Schema.NullOr(Schema.Int)
})
export type StoredReplay = typeof StoredReplay.Type

/** The check stored on an upload, once it was checked. */
export const checkOf = (replay: StoredReplay): Option.Option<ReplayCheck> =>
  replay.status === "pending"
    ? Option.none()
    : Option.some({
        status: replay.status,
        parsed: replay.parsed,
        verification: replay.verification,
        error: replay.error
      })

export interface Upload {
  readonly matchId: number
  readonly uploaderUid: Snowflake
  readonly side: 1 | 2
  readonly hash: string
  readonly storageKey: string
  readonly fileName: string
  readonly sizeBytes: number
}

export class ReplaysRepo extends Effect.Service<ReplaysRepo>()("ReplaysRepo", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient

    /**
     * Records an upload and makes it the uploader's latest replay of the match (in the caller's
     * transaction). The same file uploaded again by the same player is the same row.
     */
    const recordUpload = Effect.fn("ReplaysRepo.recordUpload")(function* (upload: Upload) {
      const now = yield* Clock.currentTimeMillis
      const [row] = yield* sql<{ readonly id: number }>`INSERT INTO replays ${sql.insert({
        matchId: upload.matchId,
        uploaderUid: upload.uploaderUid,
        replayHash: upload.hash,
        storageKey: upload.storageKey,
        fileName: upload.fileName,
        sizeBytes: upload.sizeBytes,
        uploadedAt: now
      })} ON CONFLICT (match_id, uploader_uid, replay_hash) DO UPDATE SET uploaded_at = excluded.uploaded_at
        RETURNING id`
      if (row === undefined) return yield* Effect.dieMessage("replay upload returned no row")
      yield* sql`UPDATE matches SET ${sql(upload.side === 1 ? "player1ReplayId" : "player2ReplayId")} = ${row.id},
        updated_at = ${now} WHERE id = ${upload.matchId}`
      return row.id
    })

    /** Stores the check of every pending upload of this file to this match (idempotent). */
    const recordCheck = Effect.fn("ReplaysRepo.recordCheck")(function* (
      matchId: number,
      hash: string,
      check: ReplayCheck
    ) {
      const now = yield* Clock.currentTimeMillis
      const encoded = yield* Effect.orDie(
        Schema.encode(
          Schema.Struct({
            parsed: Schema.NullOr(Schema.parseJson(ParsedReplay)),
            verification: Schema.NullOr(Schema.parseJson(Verification))
          })
        )({ parsed: check.parsed, verification: check.verification })
      )
      yield* sql`UPDATE replays SET status = ${check.status}, parsed = ${encoded.parsed},
          verification = ${encoded.verification}, error = ${check.error}, processed_at = ${now}
        WHERE match_id = ${matchId} AND replay_hash = ${hash} AND status = 'pending'`
    })

    /**
     * Gives pending uploads of a file the check an earlier upload of the same file to the same
     * match already got (the other player sent it first); false when none was checked yet.
     */
    const adoptCheck = Effect.fn("ReplaysRepo.adoptCheck")(function* (matchId: number, hash: string) {
      const now = yield* Clock.currentTimeMillis
      const adopted = yield* sql`UPDATE replays SET status = checked.status, parsed = checked.parsed,
          verification = checked.verification, error = checked.error, processed_at = ${now}
        FROM (SELECT status, parsed, verification, error FROM replays
              WHERE match_id = ${matchId} AND replay_hash = ${hash} AND status <> 'pending' LIMIT 1) AS checked
        WHERE replays.match_id = ${matchId} AND replays.replay_hash = ${hash} AND replays.status = 'pending'
        RETURNING replays.id`
      return adopted.length > 0
    })

    const find = Effect.fn("ReplaysRepo.find")(function* (replayId: number) {
      return yield* sql`SELECT * FROM replays WHERE id = ${replayId}`.pipe(decodeFirst(StoredReplay))
    })

    /** The uploads of a file to a match (both players may send the same file). */
    const uploadsOf = Effect.fn("ReplaysRepo.uploadsOf")(function* (matchId: number, hash: string) {
      return yield* sql`SELECT * FROM replays WHERE match_id = ${matchId} AND replay_hash = ${hash} ORDER BY id`.pipe(
        decodeRows(StoredReplay)
      )
    })

    return { recordUpload, recordCheck, adoptCheck, find, uploadsOf }
  })
}) {}
