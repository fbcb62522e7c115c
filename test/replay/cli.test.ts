/** `evoladder replay inspect`, run in-process through @effect/cli with the real file system. */
import { Command } from "@effect/cli"
import { NodeContext } from "@effect/platform-node"
import { Cause, Effect, Exit, Option, Schema } from "effect"
import { afterEach, describe, expect, it, vi } from "vitest"
import { ExitStatus } from "../../src/ExitStatus.js"
import { replayCommand } from "../../src/replay/cli.js"
import { corpusAvailable, corpusFile } from "../support/corpus.js"

const cli = Command.run(Command.make("evoladder").pipe(Command.withSubcommands([replayCommand])), {
  name: "evoladder",
  version: "test"
})

/** Runs the command line; returns what it printed and the exit status it asked for. */
const run = async (...args: ReadonlyArray<string>) => {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined)
  const exit = await Effect.runPromiseExit(
    cli(["node", "evoladder", ...args]).pipe(Effect.provide(NodeContext.layer))
  )
  const lines = log.mock.calls.map((call) => call.map(String).join(" "))
  const failure = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : Option.none()
  const status = Exit.isSuccess(exit)
    ? 0
    : Option.isSome(failure) && failure.value instanceof ExitStatus
      ? failure.value.code
      : -1
  return { lines, status }
}

const parse = (line: string): unknown => JSON.parse(line)

const Printed = Schema.Struct({
  replay: Schema.Struct(
    { cacheHandles: Schema.Array(Schema.String) },
    { key: Schema.String, value: Schema.Unknown }
  )
})

const promisedFields = [
  "hash",
  "version",
  "baseBuild",
  "gameLoops",
  "durationSeconds",
  "playedAt",
  "map",
  "gameSpeed",
  "privacy",
  "gameMode",
  "lockedAlliances",
  "gameDuration",
  "players",
  "observers",
  "cacheHandles"
]

afterEach(() => {
  vi.restoreAllMocks()
})

const ok = "pro-2025/QM - Classic vs Bunny - G1 - Ultralove.SC2Replay"
const truncated = "bad-input/testError2.SC2Replay"

describe.skipIf(!corpusAvailable)("evoladder replay inspect", () => {
  it("prints one JSON object per file, in argument order, and exits 2 when any failed", async () => {
    const { lines, status } = await run(
      "replay",
      "inspect",
      corpusFile(ok),
      corpusFile(truncated),
      "missing.SC2Replay",
      "--json"
    )
    expect(status).toBe(2)
    const [first, ...rest] = lines.map(parse)
    expect(first).toMatchObject({ file: corpusFile(ok), ok: true })
    expect(rest).toMatchObject([
      {
        file: corpusFile(truncated),
        ok: false,
        error: {
          tag: "MissingReplayFile",
          message:
            "This replay has no player details; it was probably saved before the game started or cut short."
        }
      },
      {
        file: "missing.SC2Replay",
        ok: false,
        error: { tag: "UnreadableFile" }
      }
    ])
  })

  it("prints exactly the promised fields, and exits 0 when every file decoded", async () => {
    const { lines, status } = await run("replay", "inspect", "--json", corpusFile(ok))
    expect(status).toBe(0)
    expect(lines).toHaveLength(1)
    const printed = parse(lines[0] ?? "")
    const { replay } = Schema.decodeUnknownSync(Printed)(printed)
    expect(
      Object.keys(Schema.decodeUnknownSync(Schema.Struct({ replay: Schema.Object }))(printed).replay)
    ).toEqual(promisedFields)
    expect(replay.cacheHandles).toHaveLength(8)
    for (const handle of replay.cacheHandles) {
      expect(handle).toMatch(/^https:\/\/us-s2-depot\.classic\.blizzard\.com\/[0-9a-f]{64}\.s2ma$/)
    }
    expect(printed).toMatchObject({
      file: corpusFile(ok),
      ok: true,
      replay: {
        hash: "6a816a4f99e52cfbccf6",
        version: "5.0.14.93333",
        baseBuild: 93333,
        gameLoops: 8798,
        durationSeconds: 392.768,
        playedAt: "2025-05-24T20:35:50.672Z",
        map: "Ultralove",
        gameSpeed: "Faster",
        privacy: "No Match History",
        gameMode: "Private",
        lockedAlliances: "Yes",
        gameDuration: "Infinite",
        players: [
          {
            name: "Bunny",
            clan: null,
            race: "테란",
            ladderRace: "sc2_terran",
            result: "loss",
            control: "human",
            team: 0,
            toon: "1-S2-1-4170312"
          },
          {
            name: "Classic",
            clan: null,
            race: "프로토스",
            ladderRace: "sc2_protoss",
            result: "win",
            control: "human",
            team: 1,
            toon: "1-S2-1-6120206"
          }
        ],
        observers: ["LightVIP", "Enki"]
      }
    })
  })

  it("walks directories for replays, in name order", async () => {
    const { lines, status } = await run("replay", "inspect", "--json", corpusFile("ladder-2025"))
    expect(status).toBe(0)
    expect(lines.map((line) => parse(line))).toMatchObject([
      { file: corpusFile("ladder-2025/a.SC2Replay"), ok: true },
      { file: corpusFile("ladder-2025/b.SC2Replay"), ok: true }
    ])
  })

  it("prints a readable summary without --json", async () => {
    const { lines, status } = await run(
      "replay",
      "inspect",
      corpusFile("evo/Khione SEL (Official NA).SC2Replay")
    )
    expect(status).toBe(0)
    const text = lines.join("\n")
    expect(text).toContain("Khione SEL")
    expect(text).toContain("<BoRnGo> Huntedswarm · BW Zerg (bw_zerg)")
    expect(text).toContain("Faster, Private, No Match History, Infinite")
  })
})
