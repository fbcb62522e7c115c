import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, LogLevel, Option, Redacted } from "effect"
import { AppConfig, describeConfigError, requireToken } from "../src/config.js"
import { configLayer } from "./support/layers.js"

const load = (env: Record<string, string> = {}) => Effect.provide(AppConfig, configLayer(env))

describe("AppConfig", () => {
  it.effect("has a documented default for every setting but the Discord credentials", () =>
    Effect.gen(function* () {
      const config = yield* load()
      expect(Option.isNone(config.discord.token)).toBe(true)
      expect(config.discord.apiUrl).toBe("https://discord.com/api/v10")
      expect(Option.isNone(config.discord.gatewayUrl)).toBe(true)
      expect(config.operations.deployment).toBe("gateway")
      expect(config.operations.databaseUrl).toBe("./data/evoladder.sqlite")
      expect(config.operations.httpPort).toBe(8080)
      expect(config.operations.logLevel).toBe(LogLevel.Info)
      expect(Duration.toSeconds(config.ladder.waveInterval)).toBe(45)
      expect(Duration.toSeconds(config.ladder.confirmationTimeout)).toBe(60)
      expect(Duration.toHours(config.ladder.queueTimeout)).toBe(2.5)
      expect(Duration.toSeconds(config.ladder.viewTimeout)).toBe(450)
      expect(config.ladder.abortsPerMonth).toBe(3)
      expect(Duration.toMillis(config.replays.parseTimeout)).toBe(2500)
      expect(config.replays.maxBytes).toBe(10 * 1024 * 1024)
      expect(config.replays.parseWorkers).toBeGreaterThanOrEqual(1)
      expect(config.leaderboard.pageSize).toBe(40)
      expect(config.leaderboard.maxPages).toBe(25)
      expect(config.rating).toMatchObject({ initial: 1500, kFactor: 40, divisor: 500 })
      expect(Duration.toDays(config.rating.activityWindow)).toBe(14)
      expect(config.matchmaking).toEqual({
        windowBase: 100,
        windowGrowth: 50,
        waitPriorityCoefficient: 20,
        balanceThreshold: 50,
        refinementPasses: 2
      })
      expect(config.jobs.maxAttempts).toBe(5)
    })
  )

  it.effect("reads overrides from the environment and keeps the token redacted", () =>
    Effect.gen(function* () {
      const config = yield* load({
        DISCORD_TOKEN: "secret-token",
        DISCORD_API_URL: "http://127.0.0.1:9999/api/v10",
        DISCORD_GUILD_ID: "123456789012345678",
        EVOLADDER_DEPLOYMENT: "webhook",
        EVOLADDER_WAVE_INTERVAL: "10 seconds",
        EVOLADDER_LEADERBOARD_PAGE_SIZE: "20",
        EVOLADDER_LOG_LEVEL: "Debug"
      })
      expect(Option.map(config.discord.token, Redacted.value)).toEqual(Option.some("secret-token"))
      expect(String(config.discord.token)).not.toContain("secret-token")
      expect(config.discord.apiUrl).toBe("http://127.0.0.1:9999/api/v10")
      expect(Option.getOrNull(config.discord.guildId)).toBe("123456789012345678")
      expect(config.operations.deployment).toBe("webhook")
      expect(Duration.toSeconds(config.ladder.waveInterval)).toBe(10)
      expect(config.leaderboard.pageSize).toBe(20)
      expect(config.operations.logLevel).toBe(LogLevel.Debug)
    })
  )

  it.effect.each([
    ["EVOLADDER_DEPLOYMENT", "lambda"],
    ["EVOLADDER_HTTP_PORT", "99999"],
    ["EVOLADDER_LEADERBOARD_PAGE_SIZE", "0"],
    ["EVOLADDER_WAVE_INTERVAL", "soon"],
    ["DISCORD_GUILD_ID", "my-server"]
  ] as const)("rejects %s=%s", ([name, value]) =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(load({ [name]: value }))
      expect(describeConfigError(error)).toContain(name)
    })
  )

  it.effect("asks for DISCORD_TOKEN in one line when it is missing", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(requireToken(yield* load()))
      expect(error.setting).toBe("DISCORD_TOKEN")
      expect(error.message).toMatch(/^EvoLadder needs a Discord bot token: set DISCORD_TOKEN/)
      expect(error.message).not.toContain("\n")
    })
  )
})
