/**
 * `evoladder replay inspect FILE... [--json]`: decodes replays (directories are searched for
 * `*.SC2Replay`) and prints one result per file, in argument order. Exits with status 2 when any file
 * could not be read or decoded.
 */
import { Args, Command, Options } from "@effect/cli"
import { FileSystem, Path } from "@effect/platform"
import { Console, Effect, Either, ParseResult, Schema } from "effect"
import { fileURLToPath } from "node:url"
import { RaceBook, RaceTable } from "../domain/Race.js"
import { ExitStatus } from "../ExitStatus.js"
import { decodeReplay } from "./decodeReplay.js"
import { inspectionJson, inspectionText, type Inspection } from "./inspection.js"
import { defaultLimits } from "./limits.js"

/** `data/races.json` from `src/replay/` and from the compiled `dist/replay/` alike. */
const racesFile = fileURLToPath(new URL("../../data/races.json", import.meta.url))

const loadRaces = Effect.gen(function* () {
  const fs = yield* FileSystem.FileSystem
  const table = yield* fs.readFileString(racesFile).pipe(
    Effect.flatMap(Schema.decodeUnknown(Schema.parseJson(RaceTable))),
    Effect.mapError((error) => {
      const detail = ParseResult.isParseError(error)
        ? ParseResult.TreeFormatter.formatErrorSync(error)
        : error.message
      return new ExitStatus({ code: 1, message: `Cannot read the race table ${racesFile}: ${detail}` })
    })
  )
  return new RaceBook(table)
})

const isReplayFile = (name: string): boolean => /\.sc2replay$/i.test(name)

/** The files an argument names: itself, or the replays anywhere below it when it is a directory. */
const expand = (argument: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const info = yield* Effect.either(fs.stat(argument))
    if (Either.isLeft(info) || info.right.type !== "Directory") return [argument]
    const entries = yield* fs.readDirectory(argument, { recursive: true })
    return entries
      .filter(isReplayFile)
      .sort()
      .map((entry) => path.join(argument, entry))
  })

const inspectFile = (file: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const failed = (tag: string, message: string): Inspection => ({
      file,
      ok: false,
      error: { tag, message }
    })
    const info = yield* Effect.either(fs.stat(file))
    if (Either.isLeft(info)) return failed("UnreadableFile", `Cannot read ${file}: ${info.left.message}`)
    // Checked before reading, so an oversized file is never loaded into memory.
    if (Number(info.right.size) > defaultLimits.maxInputBytes) {
      return failed("ReplayTooLarge", "This file is larger than the 10 MB a replay may be.")
    }
    const bytes = yield* Effect.either(fs.readFile(file))
    if (Either.isLeft(bytes)) return failed("UnreadableFile", `Cannot read ${file}: ${bytes.left.message}`)
    const decoded = decodeReplay(bytes.right)
    if (Either.isLeft(decoded)) return failed(decoded.left._tag, decoded.left.message)
    const inspection: Inspection = { file, ok: true, replay: decoded.right }
    return inspection
  })

const files = Args.text({ name: "file" }).pipe(
  Args.withDescription("replay files, or directories to search for *.SC2Replay"),
  Args.atLeast(1)
)
const json = Options.boolean("json").pipe(
  Options.withDescription("print one JSON object per file, one per line")
)

/** @effect/cli reads options only before the positional arguments; `inspect FILE... --json` must work too. */
const JSON_FLAG = "--json"

const inspect = Command.make("inspect", { files, json }, ({ files, json }) =>
  Effect.gen(function* () {
    const races = yield* loadRaces
    const asJson = json || files.includes(JSON_FLAG)
    let failures = 0
    for (const argument of files.filter((file) => file !== JSON_FLAG)) {
      for (const file of yield* expand(argument)) {
        const inspection = yield* inspectFile(file)
        if (!inspection.ok) failures++
        yield* Console.log(
          asJson ? JSON.stringify(inspectionJson(inspection, races)) : inspectionText(inspection, races)
        )
      }
    }
    if (failures > 0) return yield* new ExitStatus({ code: 2 })
  })
).pipe(Command.withDescription("Decode replays and print what verification reads from them"))

export const replayCommand = Command.make("replay").pipe(
  Command.withDescription("Work with .SC2Replay files"),
  Command.withSubcommands([inspect])
)
