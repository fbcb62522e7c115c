/**
 * What every deployment shares: settings, logging, the database, the ladder's static data, the
 * repositories and the ladder's services. Deployments add the running engine (waves, deadlines,
 * jobs) and their front door (Discord gateway, webhook) on top.
 */
import { NodeContext } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { AppConfig } from "../config.js"
import { DatabaseLive } from "../db/Database.js"
import { JobQueueLive } from "../jobs/layers.js"
import { DomainEvents } from "../ladder/DomainEvents.js"
import { Leaderboard } from "../ladder/Leaderboard.js"
import { MatchService } from "../ladder/matches/MatchService.js"
import { PlayerStats } from "../ladder/PlayerStats.js"
import { PreferencesRepo } from "../ladder/queue/PreferencesRepo.js"
import { QueueRepo } from "../ladder/queue/QueueRepo.js"
import { AdminLive } from "../ladder/admin/layer.js"
import { ReplayIntake } from "../ladder/replays/ReplayIntake.js"
import { ReplaysRepo } from "../ladder/replays/ReplaysRepo.js"
import { ReplayStorage } from "../ladder/replays/ReplayStorage.js"
import { LadderData } from "../ladder/LadderData.js"
import { PlayersRepo } from "../ladder/PlayersRepo.js"
import { RatingModel } from "../ladder/RatingModel.js"
import { RatingsRepo } from "../ladder/RatingsRepo.js"
import { seedOwner, StaffRepo } from "../ladder/StaffRepo.js"
import { LoggingLive } from "./Logging.js"

const RepositoriesLive = Layer.mergeAll(PlayersRepo.Default, RatingsRepo.Default, StaffRepo.Default).pipe(
  Layer.provideMerge(Layer.merge(RatingModel.Elo, DomainEvents.Default))
)

/** The ladder's services over the repositories: queue, matches, ratings board, replays, jobs, admin. */
const LadderLive = Layer.merge(ReplayIntake.Default, AdminLive).pipe(
  Layer.provideMerge(
    Layer.mergeAll(
      MatchService.Default,
      QueueRepo.Default,
      Leaderboard.Default,
      PlayerStats.Default,
      ReplaysRepo.Default,
      ReplayStorage.Folder,
      JobQueueLive
    )
  ),
  Layer.provideMerge(PreferencesRepo.Default)
)

const StartupLive = Layer.effectDiscard(
  Effect.gen(function* () {
    yield* seedOwner
    const data = yield* LadderData
    yield* Effect.logInfo(`Ladder data loaded: season ${data.season}, ${data.mapPool.length} maps`)
  })
)

export const CoreLive = StartupLive.pipe(
  Layer.provideMerge(LadderLive),
  Layer.provideMerge(Layer.merge(RepositoriesLive, LadderData.Default)),
  Layer.provideMerge(DatabaseLive),
  Layer.provideMerge(LoggingLive),
  Layer.provideMerge(Layer.merge(AppConfig.Default, NodeContext.layer))
)
