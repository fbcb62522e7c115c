/** Layers for tests: settings from a map (defaults otherwise), a fresh in-memory database. */
import { NodeContext } from "@effect/platform-node"
import { ConfigProvider, Effect, Layer } from "effect"
import { AppConfig, appConfig } from "../../src/config.js"
import { DatabaseTest, sqliteLayer } from "../../src/db/Database.js"
import type { DatabaseLayer } from "./backends.js"
import { DomainEvents } from "../../src/ladder/DomainEvents.js"
import { LadderData } from "../../src/ladder/LadderData.js"
import { PlayersRepo } from "../../src/ladder/PlayersRepo.js"
import { RatingModel } from "../../src/ladder/RatingModel.js"
import { RatingsRepo } from "../../src/ladder/RatingsRepo.js"
import { StaffRepo } from "../../src/ladder/StaffRepo.js"

/**
 * Settings as if these environment variables were set (and no others). Built from the provider
 * directly: a `Layer.setConfigProvider` under the shared `AppConfig.Default` leaks between
 * `it.layer` blocks of one file.
 */
export const configLayer = (env: Record<string, string> = {}) =>
  Layer.effect(
    AppConfig,
    Effect.withConfigProvider(
      Effect.map(appConfig, AppConfig.make),
      ConfigProvider.fromMap(new Map(Object.entries(env)))
    )
  )

/**
 * Settings, a migrated database (fresh in memory unless EVOLADDER_DB names a file or another
 * backend's `database` is given), ladder data, repositories.
 */
export const testCore = (env: Record<string, string> = {}, database?: DatabaseLayer) =>
  Layer.mergeAll(PlayersRepo.Default, RatingsRepo.Default, StaffRepo.Default, LadderData.Default).pipe(
    Layer.provideMerge(Layer.merge(RatingModel.Elo, DomainEvents.Default)),
    Layer.provideMerge(
      database ?? (env["EVOLADDER_DB"] === undefined ? DatabaseTest : sqliteLayer(env["EVOLADDER_DB"]))
    ),
    Layer.provideMerge(Layer.merge(configLayer(env), NodeContext.layer))
  )
