/**
 * `npm run bench [-- NAME]`: runs every `bench/*.bench.ts` whose bench name starts with NAME
 * and prints one JSON line per figure: {"bench","metric","value","unit"}.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { readdirSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"
import type { Bench } from "./Bench.js"

const isBench = (value: unknown): value is Bench =>
  typeof value === "object" && value !== null && "name" in value && "run" in value

const loadBenches = Effect.promise(async () => {
  const dir = fileURLToPath(new URL(".", import.meta.url))
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".bench.ts"))
    .sort()
  const benches: Array<Bench> = []
  for (const file of files) {
    const loaded: unknown = await import(pathToFileURL(`${dir}/${file}`).href)
    if (typeof loaded === "object" && loaded !== null && "default" in loaded && isBench(loaded.default)) {
      benches.push(loaded.default)
    }
  }
  return benches
})

const prefix = process.argv[2] ?? ""

const program = Effect.gen(function* () {
  const benches = (yield* loadBenches).filter((bench) => bench.name.startsWith(prefix))
  if (benches.length === 0) return yield* Console.error(`no benchmark name starts with "${prefix}"`)
  for (const bench of benches) {
    const results = yield* bench.run
    for (const result of results) {
      yield* Console.log(JSON.stringify({ bench: bench.name, ...result }))
    }
  }
})

NodeRuntime.runMain(program)
