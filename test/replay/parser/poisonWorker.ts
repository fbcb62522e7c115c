/**
 * Test entry of a parser worker: the production handler, except for replays carrying a poison marker
 * (`poison.ts`): "hang" spins forever (a synchronous loop no message can interrupt), "crash" ends
 * the thread (or only a given thread), "slow" blocks the thread for the given time and then decodes.
 */
import * as WorkerRunner from "@effect/platform/WorkerRunner"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeWorkerRunner from "@effect/platform-node/NodeWorkerRunner"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { threadId } from "node:worker_threads"
import { parseReplay } from "../../../src/replay/parser/handlers.js"
import { ParserRequest, type ParseReplay } from "../../../src/replay/parser/protocol.js"
import { poisonOf } from "./poison.js"

/** A busy loop the optimizer cannot drop: it never yields, so no message can reach the handler. */
const spinForever = (): never => {
  let turns = 0
  for (;;) turns = (turns + 1) % 1_000_003
}

const blockFor = (millis: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, millis)
}

const handle = (request: ParseReplay) => {
  const poison = poisonOf(request.bytes)
  switch (poison?.kind) {
    case "hang":
      return Effect.sync(spinForever).pipe(Effect.zipRight(parseReplay(request)))
    case "crash":
      return poison.threadId === undefined || poison.threadId === threadId
        ? Effect.sync(() => process.exit(7)).pipe(Effect.zipRight(parseReplay(request)))
        : parseReplay(request)
    case "slow":
      return Effect.sync(() => {
        blockFor(poison.millis)
      }).pipe(Effect.zipRight(parseReplay(request)))
    case undefined:
      return parseReplay(request)
  }
}

const PoisonWorkerLive = WorkerRunner.layerSerialized(ParserRequest, { ParseReplay: handle }).pipe(
  Layer.provide(NodeWorkerRunner.layer)
)

NodeRuntime.runMain(WorkerRunner.launch(PoisonWorkerLive))
