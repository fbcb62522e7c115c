/**
 * The worker deployment (`EVOLADDER_DEPLOYMENT=worker`) as an operator runs it: `src/main.ts` in a
 * process of its own. This test process plays the gateway's part on the same PostgreSQL database
 * without a job processor of its own: a player uploads a replay of a match in progress, only the
 * worker can check it (reading the bytes from the shared replay folder), and the result comes back
 * through the database: the match is completed, the ratings moved on this process's very next
 * leaderboard read, and its domain events reached this process's subscribers. On SQLite the worker
 * refuses to start. The PostgreSQL half is skipped without a test server (see support/backends.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Option, Queue, Stream } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { CoreLive } from "../../src/deployments/Core.js"
import { DomainEvents } from "../../src/ladder/DomainEvents.js"
import { LadderData } from "../../src/ladder/LadderData.js"
import { Leaderboard } from "../../src/ladder/Leaderboard.js"
import { MatchService } from "../../src/ladder/matches/MatchService.js"
import { ReplayIntake } from "../../src/ladder/replays/ReplayIntake.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { evoReplay, templateFromHandles } from "../../src/replay/encode/evoReplay.js"
import { replayRace } from "../../src/simulation/matchPlay.js"
import { type Child, kill, spawnChild } from "../jobs/fixtures/processes.js"
import { postgresAdminUrl, scratchPostgresDatabase } from "../support/backends.js"
import { pairedMatch, playerId } from "../support/ladder.js"
import { ladderRows } from "../support/rankedLadder.js"

const mainScript = fileURLToPath(new URL("../../src/main.ts", import.meta.url))

/** What both processes are configured with: the shared database and the shared replay folder. */
const sharedSettings = (url: string, replayDir: string) => ({
  EVOLADDER_DB: url,
  EVOLADDER_REPLAY_DIR: replayDir,
  EVOLADDER_MOD_HANDLE_LIST: "2025-11-07",
  EVOLADDER_LOG_FORMAT: "json",
  EVOLADDER_LOG_LEVEL: "warn"
})

/** The gateway's services on the shared database, without its engine (no waves, no job processor). */
const gatewaySide = (settings: Record<string, string>) =>
  CoreLive.pipe(
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(settings)))))
  )

/** Waits (up to 60 s) until the child has exited; its exit code. */
const exitCodeOf = (child: Child) =>
  Effect.async<number | null>((resume) => {
    if (child.process.exitCode !== null) resume(Effect.succeed(child.process.exitCode))
    else
      child.process.once("exit", (code) => {
        resume(Effect.succeed(code))
      })
  }).pipe(Effect.timeout("60 seconds"))

describe("the worker deployment", () => {
  it.live(
    "refuses to start on a SQLite file, saying what to set",
    () =>
      Effect.gen(function* () {
        const folder = mkdtempSync(join(tmpdir(), "evoladder-worker-"))
        const child = yield* spawnChild(
          { ...sharedSettings(join(folder, "ladder.sqlite"), folder), EVOLADDER_DEPLOYMENT: "worker" },
          mainScript
        )
        expect(yield* exitCodeOf(child)).toBe(1)
        expect(child.stderr()).toContain("EVOLADDER_DEPLOYMENT=worker needs the PostgreSQL database")
      }).pipe(Effect.scoped),
    90_000
  )

  it.live.skipIf(postgresAdminUrl === undefined)(
    "checks a replay the gateway received; the result reaches the gateway through the database",
    () =>
      Effect.gen(function* () {
        const url = yield* scratchPostgresDatabase(postgresAdminUrl ?? "")
        const settings = sharedSettings(url, mkdtempSync(join(tmpdir(), "evoladder-replays-")))
        yield* Effect.gen(function* () {
          const matches = yield* MatchService
          const events = yield* DomainEvents
          const board = yield* Leaderboard
          const data = yield* LadderData
          const heard = yield* events.subscribe

          const id = yield* pairedMatch(1, 2)
          yield* matches.confirm(id, playerId(1))
          yield* matches.confirm(id, playerId(2))
          const match = Option.getOrThrow(yield* matches.find(id))
          // A snapshot cached before the worker's commit, which the next read must not serve.
          const shownBefore = ladderRows((yield* board.snapshot).ladder).find(
            (row) => row.discordUid === playerId(1)
          )
          expect(shownBefore).toBeUndefined()
          const replay = evoReplay(
            {
              players: [
                { name: "Playerb", race: replayRace(data, match.player1Race), result: 1 },
                { name: "Playerc", race: replayRace(data, match.player2Race), result: 2 }
              ],
              map: match.mapName,
              startedAt: match.createdAt + 60_000,
              durationSeconds: 600
            },
            templateFromHandles(data.mod.current, data.mod.unknownHandleCount)
          )
          yield* (yield* ReplayIntake).submit({
            uploaderUid: playerId(1),
            fileName: "Khione SEL.SC2Replay",
            sizeBytes: replay.length,
            bytes: Effect.succeed(replay)
          })
          expect((yield* (yield* JobQueue).stats()).pending).toBe(1)

          const worker = yield* spawnChild({ ...settings, EVOLADDER_DEPLOYMENT: "worker" }, mainScript)
          const completed = yield* Stream.fromQueue(heard).pipe(
            Stream.filter(({ event }) => event._tag === "MatchCompleted" && event.matchId === id),
            Stream.runHead,
            Effect.timeout("60 seconds")
          )
          expect(Option.isSome(completed)).toBe(true)

          const after = Option.getOrThrow(yield* matches.find(id))
          expect(after.status).toBe("completed")
          expect(after.result).toBe(1)
          expect(yield* (yield* JobQueue).stats()).toMatchObject({ pending: 0, running: 0, completed: 1 })
          expect(after.player1MmrChange).toBeGreaterThan(0)
          const shownAfter = ladderRows((yield* board.snapshot).ladder).find(
            (row) => row.discordUid === playerId(1)
          )
          expect(shownAfter?.mmr).toBe(1500 + (after.player1MmrChange ?? 0))
          yield* Queue.shutdown(heard)
          yield* kill(worker, "SIGTERM")
          expect(worker.process.exitCode).toBe(0)
        }).pipe(Effect.provide(gatewaySide(settings)))
      }).pipe(Effect.scoped),
    120_000
  )
})
