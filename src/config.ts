/**
 * Every setting of EvoLadder, read once from the environment through Effect `Config`. Each has a
 * documented default (see docs/configuration.md) except the Discord credentials, which a deployment
 * that talks to Discord requires.
 */
import { Config, ConfigError, Data, Duration, Effect, LogLevel, Option, Schema } from "effect"
import { availableParallelism } from "node:os"
import { Snowflake } from "./domain/Snowflake.js"

export const Deployment = Schema.Literal("gateway", "webhook", "worker")
export type Deployment = typeof Deployment.Type

const optionalSnowflake = (name: string) => Config.option(Schema.Config(name, Snowflake))

const duration = (name: string, fallback: Duration.DurationInput) =>
  Config.duration(name).pipe(Config.withDefault(Duration.decode(fallback)))

const positiveInt = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "must be a positive integer", validation: (n) => n > 0 }),
    Config.withDefault(fallback)
  )

const nonNegativeInt = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "must be zero or a positive integer", validation: (n) => n >= 0 }),
    Config.withDefault(fallback)
  )

const discord = Config.all({
  token: Config.option(Config.redacted("DISCORD_TOKEN")),
  applicationId: optionalSnowflake("DISCORD_APPLICATION_ID"),
  /** Hex Ed25519 key of the application; required by the webhook deployment. */
  publicKey: Config.option(Config.string("DISCORD_PUBLIC_KEY")),
  apiUrl: Config.string("DISCORD_API_URL").pipe(Config.withDefault("https://discord.com/api/v10")),
  /** Unset: the URL Discord's `GET /gateway/bot` returns. */
  gatewayUrl: Config.option(Config.string("DISCORD_GATEWAY_URL")),
  /** Set: commands are registered to this guild only (instant updates while developing). */
  guildId: optionalSnowflake("DISCORD_GUILD_ID"),
  /** REST requests per second across all routes (Discord's global limit; raised for large bots). */
  globalRateLimit: positiveInt("DISCORD_GLOBAL_RATE_LIMIT", 50)
})

const operations = Config.all({
  deployment: Schema.Config("EVOLADDER_DEPLOYMENT", Deployment).pipe(Config.withDefault("gateway" as const)),
  databaseUrl: Config.string("EVOLADDER_DB").pipe(Config.withDefault("./data/evoladder.sqlite")),
  httpPort: Config.port("EVOLADDER_HTTP_PORT").pipe(Config.withDefault(8080)),
  logLevel: Config.logLevel("EVOLADDER_LOG_LEVEL").pipe(Config.withDefault(LogLevel.Info)),
  /** Unset: JSON lines when NODE_ENV is `production`, pretty otherwise. */
  logFormat: Config.all([
    Config.option(Config.literal("pretty", "json")("EVOLADDER_LOG_FORMAT")),
    Config.option(Config.string("NODE_ENV"))
  ]).pipe(
    Config.map(([format, environment]) =>
      Option.getOrElse(format, () => (Option.contains(environment, "production") ? "json" : "pretty"))
    )
  ),
  /** Finalized, conflicting and admin-resolved matches are posted here. */
  adminMatchLogChannelId: optionalSnowflake("EVOLADDER_ADMIN_MATCH_LOG_CHANNEL_ID"),
  /** Pinged with conflicts in the admin match-log channel. */
  staffRoleId: optionalSnowflake("EVOLADDER_STAFF_ROLE_ID"),
  /** The first owner; further admins and owners live in the database. */
  ownerId: optionalSnowflake("EVOLADDER_OWNER_ID")
})

const ladder = Config.all({
  season: Config.string("EVOLADDER_SEASON").pipe(Config.withDefault("season_alpha")),
  waveInterval: duration("EVOLADDER_WAVE_INTERVAL", "45 seconds"),
  confirmationTimeout: duration("EVOLADDER_CONFIRMATION_TIMEOUT", "60 seconds"),
  queueTimeout: duration("EVOLADDER_QUEUE_TIMEOUT", "150 minutes"),
  /** Players who joined or were matched this recently count as the active population. */
  queueActivityWindow: duration("EVOLADDER_QUEUE_ACTIVITY_WINDOW", "15 minutes"),
  /** How long buttons and selects of most messages keep working. */
  viewTimeout: duration("EVOLADDER_VIEW_TIMEOUT", "450 seconds"),
  abortsPerMonth: nonNegativeInt("EVOLADDER_ABORTS_PER_MONTH", 3),
  /** After both confirm: a lone report stands, or an unreported match goes to the admins. */
  reportDeadline: duration("EVOLADDER_REPORT_DEADLINE", "24 hours"),
  /** Bot messages younger than this survive `/prune`. */
  pruneMinAge: duration("EVOLADDER_PRUNE_MIN_AGE", "180 minutes"),
  /** Pause between two deletions of `/prune`, to stay clear of Discord's rate limits. */
  pruneDeleteSpacing: duration("EVOLADDER_PRUNE_DELETE_SPACING", "1 second")
})

const matchmaking = Config.all({
  windowBase: nonNegativeInt("EVOLADDER_MM_WINDOW_BASE", 100),
  windowGrowth: nonNegativeInt("EVOLADDER_MM_WINDOW_GROWTH", 50),
  waitPriorityCoefficient: nonNegativeInt("EVOLADDER_MM_WAIT_COEFFICIENT", 20),
  balanceThreshold: nonNegativeInt("EVOLADDER_MM_BALANCE_THRESHOLD", 50),
  refinementPasses: nonNegativeInt("EVOLADDER_MM_REFINEMENT_PASSES", 2)
})

const rating = Config.all({
  initial: positiveInt("EVOLADDER_RATING_INITIAL", 1500),
  kFactor: positiveInt("EVOLADDER_RATING_K", 40),
  divisor: positiveInt("EVOLADDER_RATING_DIVISOR", 500),
  /** Only ratings played within this window are ranked and shown on the leaderboard. */
  activityWindow: duration("EVOLADDER_RANK_ACTIVITY_WINDOW", "14 days")
})

const leaderboard = Config.all({
  pageSize: positiveInt("EVOLADDER_LEADERBOARD_PAGE_SIZE", 40),
  maxPages: positiveInt("EVOLADDER_LEADERBOARD_MAX_PAGES", 25),
  /** A safety net only: every rating change invalidates the cache at once. */
  cacheTtl: duration("EVOLADDER_LEADERBOARD_CACHE_TTL", "10 minutes")
})

const replays = Config.all({
  maxBytes: positiveInt("EVOLADDER_REPLAY_MAX_BYTES", 10 * 1024 * 1024),
  parseTimeout: duration("EVOLADDER_PARSE_TIMEOUT", "2500 millis"),
  /** Unset: one per core but one, at least one; 0 parses in the main thread. */
  parseWorkers: nonNegativeInt("EVOLADDER_PARSE_WORKERS", Math.max(1, availableParallelism() - 1)),
  /** How far a replay's start may lie from the match's creation. */
  timestampWindow: duration("EVOLADDER_REPLAY_TIMESTAMP_WINDOW", "10 minutes"),
  storageDir: Config.string("EVOLADDER_REPLAY_DIR").pipe(Config.withDefault("./data/replays")),
  /** Which published mod handle list replays are checked against; unset: the current one of data/mod.json. */
  modHandleList: Config.option(Config.string("EVOLADDER_MOD_HANDLE_LIST"))
})

const jobs = Config.all({
  concurrency: positiveInt("EVOLADDER_JOB_CONCURRENCY", 2),
  /** Never-attempted jobs a processor may claim beyond its free slots while its handlers are fast. */
  claimAhead: nonNegativeInt("EVOLADDER_JOB_CLAIM_AHEAD", 64),
  maxAttempts: positiveInt("EVOLADDER_JOB_MAX_ATTEMPTS", 5),
  retryBase: duration("EVOLADDER_JOB_RETRY_BASE", "2 seconds"),
  retryCap: duration("EVOLADDER_JOB_RETRY_CAP", "1 hour"),
  maxAge: duration("EVOLADDER_JOB_MAX_AGE", "24 hours"),
  lease: duration("EVOLADDER_JOB_LEASE", "30 seconds"),
  completedRetention: duration("EVOLADDER_JOB_COMPLETED_RETENTION", "7 days"),
  deadRetention: duration("EVOLADDER_JOB_DEAD_RETENTION", "30 days")
})

export const appConfig = Config.all({
  discord,
  operations,
  ladder,
  matchmaking,
  rating,
  leaderboard,
  replays,
  jobs
})

export type AppConfigShape = Config.Config.Success<typeof appConfig>

/** All settings, read and validated once when the layer is built. */
export class AppConfig extends Effect.Service<AppConfig>()("AppConfig", {
  effect: appConfig
}) {}

/** A setting that this deployment cannot run without is not set. */
export class MissingSetting extends Data.TaggedError("MissingSetting")<{
  readonly setting: string
  readonly message: string
}> {}

export const requireToken = (config: AppConfigShape) =>
  Option.match(config.discord.token, {
    onNone: () =>
      Effect.fail(
        new MissingSetting({
          setting: "DISCORD_TOKEN",
          message:
            "EvoLadder needs a Discord bot token: set DISCORD_TOKEN (README.md, 'Create the Discord application', explains where to get one)."
        })
      ),
    onSome: Effect.succeed
  })

/** A configuration error as one line: every offending setting with what is wrong with it. */
export const describeConfigError = (error: ConfigError.ConfigError): string => {
  switch (error._op) {
    case "And":
    case "Or":
      return `${describeConfigError(error.left)}; ${describeConfigError(error.right)}`
    default:
      return `${error.path.join(".")}: ${error.message.replace(/\s+/g, " ").trim()}`
  }
}
