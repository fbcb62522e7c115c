/**
 * Operations over real HTTP and a real process: `/healthz` and `/metrics` of the gateway deployment
 * (their own server) and of the webhook deployment (next to `/interactions`), a 503 naming what
 * fails, and a graceful shutdown on SIGTERM of a child process running the production composition
 * while a job runs: the job is back to pending, the process exits 0 on its own, nothing left open.
 */
import { NodeContext } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import { describe, expect, it, layer } from "@effect/vitest"
import { Effect, Layer, Option, Schema } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { createServer } from "node:http"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { FrontDoorStatus } from "../../src/http/FrontDoorStatus.js"
import { PrometheusMetrics } from "../../src/http/prometheus.js"
import { OperationsServerLive, operationsRouter } from "../../src/http/router.js"
import { JobQueue } from "../../src/jobs/JobQueue.js"
import { JobQueueLive } from "../../src/jobs/layers.js"
import { QueueRepo } from "../../src/ladder/queue/QueueRepo.js"
import { ladderLayer } from "../support/ladder.js"
import { FakeDiscord } from "../../src/fakeDiscord/index.js"
import { botThrough, suite } from "./bot.js"
import { SLEEPING, sleeperJob } from "./fixtures/sleeperJob.js"
import { freePort, get, sample } from "./http.js"
import { register } from "./staff.js"

const Health = Schema.Struct({
  status: Schema.Literal("ok", "unavailable"),
  failing: Schema.Array(Schema.String),
  checks: Schema.Record({
    key: Schema.String,
    value: Schema.Struct({ ok: Schema.Boolean, detail: Schema.String })
  }),
  parser: Schema.Struct({
    mode: Schema.String,
    configured: Schema.Number,
    live: Schema.Number,
    replacements: Schema.Number
  })
})
const healthOf = (body: string) => Schema.decodeUnknownSync(Schema.parseJson(Health))(body)

class HttpPort extends Effect.Tag("test/HttpPort")<HttpPort, number>() {}

/** The gateway bot with its HTTP server on a known port, as `GatewayLive` composes them. */
const gatewayWithServer = Layer.unwrapEffect(
  Effect.map(freePort, (port) =>
    OperationsServerLive.pipe(
      Layer.provideMerge(
        botThrough("gateway", { EVOLADDER_HTTP_PORT: String(port), EVOLADDER_PARSE_WORKERS: "0" })
      ),
      Layer.provideMerge(Layer.succeed(HttpPort, port))
    )
  )
).pipe(Layer.provideMerge(FakeDiscord.layer({ heartbeatIntervalMs: 1000 })))

describe("health and metrics of the gateway deployment", () => {
  layer(gatewayWithServer, { excludeTestServices: true, timeout: "60 seconds" })((it) => {
    it.effect("/healthz: database, gateway session and parser, 200 once READY", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        yield* fake.waitForReady()
        const port = yield* HttpPort
        const answer = yield* Effect.gen(function* () {
          for (;;) {
            const now = yield* get(`http://127.0.0.1:${port}/healthz`)
            if (now.status === 200) return now
            yield* Effect.sleep("20 millis")
          }
        }).pipe(Effect.timeout("10 seconds"))
        expect(answer.contentType).toContain("application/json")
        const health = healthOf(answer.body)
        expect(health.status).toBe("ok")
        expect(health.failing).toEqual([])
        expect(health.checks["database"]?.ok).toBe(true)
        expect(health.checks["gateway"]?.detail).toMatch(/^(READY|RESUMED) at /)
        expect(health.parser).toEqual({ mode: "inline", configured: 0, live: 0, replacements: 0 })
      })
    )

    it.effect("/metrics: Prometheus text with queue, matches, jobs, waves, leaderboard cache and REST", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        const port = yield* HttpPort
        const player = fake.user({ username: "metered" })
        yield* register(player, "Metered")
        yield* (yield* QueueRepo).join(Snowflake.make(player.id), {
          bwRace: "bw_zerg",
          sc2Race: null,
          vetoes: []
        })
        yield* player.command("leaderboard")
        // The next interaction answer is rate limited once: dfx waits and sends it again.
        fake.rateLimitNext("POST /interactions/:interaction/:token/callback", { retryAfter: 0.05 })
        const help = yield* player.command("help")
        expect(help.embeds.length).toBeGreaterThan(0)
        const answer = yield* get(`http://127.0.0.1:${port}/metrics`)
        expect(answer.status).toBe(200)
        expect(answer.contentType).toBe("text/plain; version=0.0.4; charset=utf-8")
        const text = answer.body
        expect(sample(text, "evoladder_queue_length")).toBe(1)
        expect(sample(text, 'evoladder_queue_players{games="bw"}')).toBe(1)
        expect(sample(text, 'evoladder_matches{status="completed"}')).toBe(0)
        expect(sample(text, 'evoladder_jobs{status="dead"}')).toBe(0)
        expect(sample(text, 'evoladder_front_door_ready{kind="gateway"}')).toBe(1)
        expect(sample(text, "evoladder_matchmaking_next_wave_timestamp_seconds")).toBeGreaterThan(0)
        expect(sample(text, "leaderboard_cache_reads_total")).toBeGreaterThanOrEqual(1)
        expect(sample(text, "evoladder_leaderboard_cache_misses_total")).toBeGreaterThanOrEqual(1)
        expect(text).toContain("# TYPE evoladder_leaderboard_cache_hits_total counter")
        expect(sample(text, 'evoladder_discord_rest_rate_limited_total{scope="user"}')).toBe(1)
        expect(
          sample(
            text,
            'evoladder_discord_rest_requests_total{method="POST",resource="interactions",status="429"}'
          )
        ).toBe(1)
        expect(text).toMatch(
          /^evoladder_discord_rest_request_duration_ms_bucket\{method="POST",resource="interactions",le="\+Inf"\} \d+$/m
        )
        expect(text).toContain("# TYPE evoladder_discord_rest_request_duration_ms histogram")
        yield* (yield* QueueRepo).leave(Snowflake.make(player.id), "cancelled")
        fake.assertNoViolations()
      })
    )
  })
})

describe("health and metrics of the webhook deployment", () => {
  layer(suite("webhook"), { excludeTestServices: true, timeout: "60 seconds" })((it) => {
    it.effect("are served next to /interactions on the same port", () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord
        yield* fake.waitForCommands(["admin"])
        const base = (fake.webhook.endpoint() ?? "").replace(/\/interactions$/, "")
        const health = yield* get(`${base}/healthz`)
        expect(health.status).toBe(200)
        expect(healthOf(health.body).checks["webhook"]).toEqual({ ok: true, detail: "commands registered" })
        const metrics = yield* get(`${base}/metrics`)
        expect(sample(metrics.body, 'evoladder_front_door_ready{kind="webhook"}')).toBe(1)
      })
    )
  })
})

describe("/healthz when something fails", () => {
  it.live("answers 503 naming the failing part until it recovers", () =>
    Effect.gen(function* () {
      const port = yield* freePort
      const server = HttpServer.serve(operationsRouter).pipe(
        Layer.provide(NodeHttpServer.layer(createServer, { port })),
        Layer.provideMerge(Layer.merge(FrontDoorStatus.webhook, PrometheusMetrics.Default)),
        Layer.provideMerge(JobQueueLive),
        Layer.provideMerge(ladderLayer())
      )
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(server)
          const down = yield* get(`http://127.0.0.1:${port}/healthz`)
          expect(down.status).toBe(503)
          expect(healthOf(down.body)).toMatchObject({
            status: "unavailable",
            failing: ["webhook"],
            checks: { database: { ok: true }, webhook: { ok: false, detail: "registering commands" } }
          })
          yield* Effect.provide(
            Effect.flatMap(FrontDoorStatus, (status) => status.markReady("commands registered")),
            context
          )
          expect((yield* get(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
        })
      )
    })
  )
})

/** The production composition plus a job kind that never ends (see the fixture). */
const shutdownBot = fileURLToPath(new URL("./fixtures/shutdownBot.ts", import.meta.url))

describe("graceful shutdown", () => {
  it.live(
    "SIGTERM while a job runs: closes in order, the job goes back to pending, the process exits 0 by itself",
    () =>
      Effect.gen(function* () {
        const fake = yield* FakeDiscord.make({ heartbeatIntervalMs: 1000 })
        const file = join(mkdtempSync(join(tmpdir(), "evoladder-shutdown-")), "ladder.sqlite")
        const port = yield* freePort
        const env = {
          ...fake.env,
          EVOLADDER_DB: file,
          EVOLADDER_HTTP_PORT: String(port),
          EVOLADDER_PARSE_WORKERS: "1",
          EVOLADDER_LOG_LEVEL: "info",
          EVOLADDER_LOG_FORMAT: "json",
          EVOLADDER_REPLAY_DIR: join(file, "..", "replays")
        }
        // The job waits in the database before the bot starts; the bot claims it at start-up.
        const jobId = yield* Effect.gen(function* () {
          const queue = yield* JobQueue
          const enqueued = yield* queue.enqueue(sleeperJob, {}, { idempotencyKey: "sleep" })
          return enqueued.job.id
        }).pipe(Effect.provide(JobQueueLive.pipe(Layer.provideMerge(ladderLayer({ EVOLADDER_DB: file })))))

        const child = spawn(process.execPath, ["--import", "tsx", shutdownBot], {
          env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
          stdio: ["ignore", "pipe", "pipe"]
        })
        let out = ""
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk
        })
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk
        })
        yield* Effect.addFinalizer(() =>
          Effect.sync(() => {
            if (child.exitCode === null) child.kill("SIGKILL")
          })
        )
        const exited = Effect.async<number | null>((resume) => {
          if (child.exitCode !== null) resume(Effect.succeed(child.exitCode))
          else
            child.once("exit", (code) => {
              resume(Effect.succeed(code))
            })
        })

        yield* Effect.gen(function* () {
          while (!out.includes(SLEEPING)) yield* Effect.sleep("50 millis")
          for (;;) {
            const health = yield* get(`http://127.0.0.1:${port}/healthz`).pipe(Effect.option)
            if (Option.exists(health, (answer) => answer.status === 200)) break
            yield* Effect.sleep("50 millis")
          }
        }).pipe(
          Effect.timeoutFail({
            duration: "45 seconds",
            onTimeout: () => new Error(`the bot did not start:\n${out}`)
          })
        )
        const running = Option.getOrThrow(
          yield* Effect.flatMap(JobQueue, (queue) => queue.get(jobId)).pipe(
            Effect.provide(JobQueueLive.pipe(Layer.provideMerge(ladderLayer({ EVOLADDER_DB: file }))))
          )
        )
        expect(running.status).toBe("running")

        const stopping = performance.now()
        child.kill("SIGTERM")
        const code = yield* exited.pipe(
          Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error(`still running:\n${out}`) })
        )
        const seconds = (performance.now() - stopping) / 1000
        expect(code, out).toBe(0)
        expect(seconds).toBeLessThan(5)
        expect(out).toMatch(/EXIT 0 \[\]/)

        const stages = [...out.matchAll(/"message":"shutdown: ([^"]+) closed"/g)].map((match) => match[1])
        expect(stages).toEqual(["front door (gateway)", "job processor", "replay parser pool", "engine"])
        expect(out).toContain("shutdown: database closed")

        const job = yield* Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const [row] = yield* sql<{
            readonly status: string
            readonly attempts: number
            readonly leaseOwner: string | null
          }>`
            SELECT status, attempts, lease_owner FROM jobs WHERE id = ${jobId}`
          return row
        }).pipe(Effect.provide(ladderLayer({ EVOLADDER_DB: file })))
        expect(job).toEqual({ status: "pending", attempts: 0, leaseOwner: null })
      }).pipe(Effect.scoped, Effect.provide(NodeContext.layer)),
    { timeout: 90_000 }
  )
})
