/**
 * The bot a season runs against, with the settings the simulation gives it (never the operator's
 * environment: a real token must not be used). In virtual time it runs in this process, on the
 * season's `TestClock`; in real time it is a child process running the production entry (`npm
 * start`'s composition), which the season can SIGKILL and start again on the same database.
 */
import { NodeContext } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import { ConfigProvider, Context, Effect, Layer, Option, Random, Ref } from "effect"
import { spawn, type ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { AppConfig } from "../config.js"
import { sqliteLayer } from "../db/Database.js"
import { CoreLive } from "../deployments/Core.js"
import { GatewayApp } from "../deployments/gateway.js"
import type { FakeDiscordServer } from "../fakeDiscord/index.js"
import { LadderData } from "../ladder/LadderData.js"
import { Unexpected } from "./Unexpected.js"

export interface Bot {
  /** The database and the ladder's data, as the bot sees them (for the checks and the replays). */
  readonly context: Context.Context<SqlClient.SqlClient | LadderData | AppConfig>
  /** SIGKILL and start again on the same database (child processes only). */
  readonly restart: Option.Option<Effect.Effect<void, Unexpected>>
  readonly restarts: Effect.Effect<number>
  /** The bot's peak resident memory so far, in MB (NaN where unknown). */
  readonly peakRssMb: Effect.Effect<number>
}

const settingsLayer = (settings: Readonly<Record<string, string>>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(settings))))

/** The gateway deployment's layers in this process (its clock and `Random` are the caller's). */
export const inProcessBot = (settings: Readonly<Record<string, string>>, seed: number) =>
  Effect.gen(function* () {
    const context = yield* Layer.build(
      GatewayApp.pipe(
        Layer.provideMerge(CoreLive),
        Layer.provide(Layer.merge(settingsLayer(settings), Layer.setRandom(Random.make(seed))))
      )
    )
    return {
      context,
      restart: Option.none(),
      restarts: Effect.succeed(0),
      peakRssMb: Effect.sync(() => process.resourceUsage().maxRSS / 1024)
    } satisfies Bot
  })

const isTypeScript = import.meta.url.endsWith(".ts")
const mainEntry = fileURLToPath(new URL(isTypeScript ? "../main.ts" : "../main.js", import.meta.url))

/** Peak resident set of a process, from /proc (Linux). */
const peakOf = (pid: number | undefined): number => {
  if (pid === undefined) return Number.NaN
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
    return match?.[1] === undefined ? Number.NaN : Number(match[1]) / 1024
  } catch {
    return Number.NaN
  }
}

/**
 * The production entry in a child process against `fake`, its database opened here too for reads;
 * each start waits until the bot has identified on the gateway and registered its commands.
 */
export const childProcessBot = (fake: FakeDiscordServer, settings: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const database = Option.getOrElse(Option.fromNullable(settings["EVOLADDER_DB"]), () => ":memory:")
    const context = yield* Layer.build(
      Layer.mergeAll(LadderData.Default, sqliteLayer(database)).pipe(
        Layer.provideMerge(AppConfig.Default),
        Layer.provide(Layer.merge(settingsLayer(settings), NodeContext.layer))
      )
    )
    const current = yield* Ref.make<ChildProcess | undefined>(undefined)
    const restarts = yield* Ref.make(0)
    const peak = yield* Ref.make(0)
    let output = ""

    const start = Effect.gen(function* () {
      const identified = fake.gateway.connections().filter((c) => c.handshake === "identify").length
      const child = spawn(process.execPath, [...(isTypeScript ? ["--import", "tsx"] : []), mainEntry], {
        env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...settings },
        stdio: ["ignore", "pipe", "pipe"]
      })
      const keep = (chunk: string) => {
        output = (output + chunk).slice(-4000)
      }
      child.stdout?.setEncoding("utf8").on("data", keep)
      child.stderr?.setEncoding("utf8").on("data", keep)
      yield* Ref.set(current, child)
      yield* fake
        .waitFor(
          () =>
            fake.gateway.connections().filter((c) => c.handshake === "identify").length > identified &&
            fake.gateway.session() !== undefined &&
            fake.commands().length > 0,
          { timeoutMs: 60_000, description: "the bot to connect" }
        )
        .pipe(
          Effect.mapError(
            (error) => new Unexpected({ player: "bot", message: `${error.message}; its output:\n${output}` })
          )
        )
    })

    const stop = (signal: NodeJS.Signals) =>
      Effect.gen(function* () {
        const child = yield* Ref.getAndSet(current, undefined)
        if (child === undefined || child.exitCode !== null) return
        yield* Ref.update(peak, (before) => Math.max(before, peakOf(child.pid)))
        yield* Effect.async<void>((resume) => {
          child.once("exit", () => {
            resume(Effect.void)
          })
          child.kill(signal)
        })
      })

    yield* Effect.acquireRelease(start, () => stop("SIGTERM"))

    return {
      context,
      restart: Option.some(
        Effect.zipRight(
          Effect.zipRight(
            stop("SIGKILL"),
            Ref.update(restarts, (n) => n + 1)
          ),
          start
        )
      ),
      restarts: Ref.get(restarts),
      peakRssMb: Effect.flatMap(Ref.get(current), (child) =>
        Effect.map(Ref.get(peak), (before) => Math.max(before, peakOf(child?.pid)))
      )
    } satisfies Bot
  })
