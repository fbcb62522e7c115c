/**
 * Everything a match message shows, gathered in one place: the match row, both players' profiles,
 * the map and server details, and each player's latest replay.
 */
import { SqlClient } from "@effect/sql"
import { Effect, Option, Schema } from "effect"
import { decodeFirst } from "../../db/rows.js"
import type { LadderMap } from "../../domain/MapPool.js"
import { modLink, type GameRegionCode } from "../../domain/Mod.js"
import type { Player } from "../../domain/Player.js"
import type { GameServer } from "../../domain/Region.js"
import { LadderData } from "../../ladder/LadderData.js"
import { MatchService } from "../../ladder/matches/MatchService.js"
import type { MatchRow } from "../../ladder/matches/MatchRow.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"

export const ReplayState = Schema.Literal("pending", "verified", "rejected", "unreadable")
export type ReplayState = typeof ReplayState.Type

const StoredReplay = Schema.Struct({ status: ReplayState, uploadedAt: Schema.Int })

export interface MatchCard {
  readonly match: MatchRow
  readonly player1: Player
  readonly player2: Player
  /** The map's pool entry; undefined for a map no longer in the pool. */
  readonly map: LadderMap | undefined
  readonly server: GameServer | undefined
  /** The Battle.net region whose map and mod links to show (the server's; Americas otherwise). */
  readonly linkRegion: GameRegionCode
  readonly modLink: string
  readonly replays: {
    readonly 1: Option.Option<typeof StoredReplay.Type>
    readonly 2: Option.Option<typeof StoredReplay.Type>
  }
}

export class MatchCards extends Effect.Service<MatchCards>()("MatchCards", {
  effect: Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const matches = yield* MatchService
    const players = yield* PlayersRepo
    const data = yield* LadderData

    const replay = (replayId: number | null) =>
      replayId === null
        ? Effect.succeed(Option.none())
        : sql`SELECT status, uploaded_at FROM replays WHERE id = ${replayId}`.pipe(decodeFirst(StoredReplay))

    const player = (discordUid: MatchRow["player1Uid"]) =>
      Effect.flatMap(players.findByUid(discordUid), (found) =>
        Option.isSome(found)
          ? Effect.succeed(found.value)
          : Effect.dieMessage(`match player ${discordUid} missing`)
      )

    const load = Effect.fn("MatchCards.load")(function* (matchId: number) {
      const match = yield* Effect.flatMap(matches.find(matchId), (found) =>
        Option.isSome(found) ? Effect.succeed(found.value) : Effect.dieMessage(`match ${matchId} missing`)
      )
      const server = data.regions.gameServers.find((candidate) => candidate.code === match.server)
      const linkRegion = server?.gameRegion ?? "AM"
      return {
        match,
        player1: yield* player(match.player1Uid),
        player2: yield* player(match.player2Uid),
        map: data.mapPool.find((candidate) => candidate.name === match.mapName),
        server,
        linkRegion,
        modLink: modLink(data.mod.current, linkRegion),
        replays: { 1: yield* replay(match.player1ReplayId), 2: yield* replay(match.player2ReplayId) }
      } satisfies MatchCard
    })

    return { load }
  })
}) {}
