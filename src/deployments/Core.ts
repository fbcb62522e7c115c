/**
 * What every deployment shares: settings, logging, the database, the ladder's static data and the
 * repositories. Deployments add their front door (Discord gateway, webhook) or worker on top.
 */
import { NodeContext } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { AppConfig } from "../config.js"
import { DatabaseLive } from "../db/Database.js"
import { DomainEvents } from "../ladder/DomainEvents.js"
import { LadderData } from "../ladder/LadderData.js"
import { PlayersRepo } from "../ladder/PlayersRepo.js"
import { RatingModel } from "../ladder/RatingModel.js"
import { RatingsRepo } from "../ladder/RatingsRepo.js"
import { seedOwner, StaffRepo } from "../ladder/StaffRepo.js"
import { LoggingLive } from "./Logging.js"

const RepositoriesLive = Layer.mergeAll(PlayersRepo.Default, RatingsRepo.Default, StaffRepo.Default).pipe(
  Layer.provideMerge(Layer.merge(RatingModel.Elo, DomainEvents.Default))
)

const StartupLive = Layer.effectDiscard(
  Effect.gen(function* () {
    yield* seedOwner
    const data = yield* LadderData
    yield* Effect.logInfo(`Ladder data loaded: season ${data.season}, ${data.mapPool.length} maps`)
  })
)

export const CoreLive = StartupLive.pipe(
  Layer.provideMerge(Layer.merge(RepositoriesLive, LadderData.Default)),
  Layer.provideMerge(DatabaseLive),
  Layer.provideMerge(LoggingLive),
  Layer.provideMerge(Layer.merge(AppConfig.Default, NodeContext.layer))
)
