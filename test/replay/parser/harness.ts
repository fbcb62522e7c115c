/** Shared pieces of the parser tests: corpus replays, pool options, and a spawner that records threads. */
import { Duration } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { Worker } from "node:worker_threads"
import { defaultLimits } from "../../../src/replay/limits.js"
import type { PoolOptions } from "../../../src/replay/parser/ReplayParser.js"
import { referenceBudgets } from "../../../src/replay/parser/shutdown.js"
import { spawnEntry } from "../../../src/replay/parser/spawn.js"
import { corpusDir } from "../../support/corpus.js"

export const poisonWorkerEntry = new URL("./poisonWorker.ts", import.meta.url)

/** Every replay of the corpus, sorted by path. */
export const corpus = (): ReadonlyArray<{ readonly file: string; readonly bytes: Uint8Array }> =>
  readdirSync(corpusDir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.sc2replay$/i.test(file))
    .sort()
    .map((file) => ({ file, bytes: new Uint8Array(readFileSync(join(corpusDir, file))) }))

export const evoReplay = (): Uint8Array =>
  new Uint8Array(readFileSync(join(corpusDir, "evo", "Keres Passage SEL (Fake EU).SC2Replay")))

/** Threads started by a pool, kept so a test can see that each one has stopped (`threadId` -1). */
export interface ThreadRecorder {
  readonly threads: ReadonlyArray<Worker>
  /** Exit codes in the order threads stopped. */
  readonly exitCodes: ReadonlyArray<number>
  readonly spawnThread: () => Worker
  readonly running: () => number
}

export const recordThreads = (entry: URL = poisonWorkerEntry): ThreadRecorder => {
  const threads: Array<Worker> = []
  const exitCodes: Array<number> = []
  return {
    threads,
    exitCodes,
    spawnThread: () => {
      const thread = spawnEntry(entry)
      threads.push(thread)
      thread.once("exit", (code) => exitCodes.push(code))
      return thread
    },
    running: () => threads.filter((thread) => thread.threadId !== -1).length
  }
}

/**
 * Real threads under tsx start in 1–3 s, more while other suites load this 2-core machine: queue and
 * start-up budgets are generous so that a slow replacement is not mistaken for a failure; the worker
 * budget stays short so a hang is detected quickly.
 */
export const testPoolOptions = (
  recorder: ThreadRecorder,
  overrides: Partial<PoolOptions> = {}
): PoolOptions => ({
  size: 1,
  timeouts: {
    base: Duration.millis(1500),
    perExtraMiB: Duration.millis(250),
    queue: Duration.seconds(20)
  },
  limits: defaultLimits,
  budgets: referenceBudgets,
  startupTimeout: Duration.seconds(20),
  spawnThread: recorder.spawnThread,
  ...overrides
})
