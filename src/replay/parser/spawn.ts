/**
 * Starting a worker thread on an entry module, the same way in production and under vitest:
 * compiled `.js` entries (in `dist/`) start directly; a `.ts` entry (vitest, `tsx bench/run.ts`)
 * starts from an eval'd snippet that registers tsx inside the new thread first, because Node 20
 * ignores `execArgv` loaders (`--import tsx`) for worker threads and cannot strip types itself.
 */
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { Worker, type ResourceLimits } from "node:worker_threads"

/**
 * A decoder that runs away with memory ends its own thread (the pool replaces it) instead of the
 * whole bot. Real replays need a few MB; 256 MB leaves room for tsx under tests.
 */
const resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 256 }

const isSource = (entry: URL): boolean => entry.pathname.endsWith(".ts")

/** tsx's ESM API, resolved only on the `.ts` path: production has no tsx installed. */
const tsxBootstrap = (entry: URL): string => {
  // The `require` condition resolves the `.cjs` build, whose `register` does not work in a worker.
  const api = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs")
  return [
    `import(${JSON.stringify(pathToFileURL(api).href)})`,
    `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
  ].join("")
}

/** A new thread running `entry`; `.ts` entries go through tsx. */
export const spawnEntry = (entry: URL): Worker =>
  isSource(entry)
    ? new Worker(tsxBootstrap(entry), { eval: true, resourceLimits })
    : new Worker(entry, { resourceLimits })

/** The parser worker next to this module's own form: `.js` beside `.js`, `.ts` beside `.ts`. */
export const parserWorkerEntry: URL = new URL(
  import.meta.url.endsWith(".ts") ? "../parserWorker.ts" : "../parserWorker.js",
  import.meta.url
)

export const spawnParserWorker = (): Worker => spawnEntry(parserWorkerEntry)
