import { Effect } from "effect"
import { LadderData } from "../../ladder/LadderData.js"
import { Emotes } from "../ui/Emotes.js"
import type { MatchLook } from "./matchView.js"

/** How match messages show races, ranks, flags and servers. */
export const matchLook = Effect.gen(function* () {
  const data = yield* LadderData
  const emotes = yield* Emotes
  return {
    raceEmote: emotes.race,
    raceName: (race) => data.races.get(race).name,
    rankEmote: emotes.rank,
    flag: emotes.flag,
    serverName: (code) => {
      const server = data.regions.gameServers.find((candidate) => candidate.code === code)
      const region = data.regions.gameRegions.find((candidate) => candidate.code === server?.gameRegion)
      return server === undefined ? code : `${server.name} (${region?.name ?? server.gameRegion})`
    }
  } satisfies MatchLook
})
