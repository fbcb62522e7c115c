/**
 * Entry of a parser worker thread: serves `ParseReplay` requests with the decoder. Spawned by
 * `parser/spawn.ts` (compiled `.js` in production, this `.ts` through tsx under vitest).
 *
 * Deep imports on purpose: the `@effect/platform-node` barrel loads cluster, HTTP and undici too,
 * which multiplies every worker's start-up (and every replacement's) for nothing.
 */
import * as WorkerRunner from "@effect/platform/WorkerRunner"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeWorkerRunner from "@effect/platform-node/NodeWorkerRunner"
import * as Layer from "effect/Layer"
import { parseReplay } from "./parser/handlers.js"
import { ParserRequest } from "./parser/protocol.js"

const ParserWorkerLive = WorkerRunner.layerSerialized(ParserRequest, { ParseReplay: parseReplay }).pipe(
  Layer.provide(NodeWorkerRunner.layer)
)

NodeRuntime.runMain(WorkerRunner.launch(ParserWorkerLive))
