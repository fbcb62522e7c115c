/**
 * A replay's race string as a ladder race. Pure, and apart from the decoder so the decoder needs no
 * ladder data: `BW Zerg` → `bw_zerg`, `프로토스` → `sc2_protoss`; a string the race book does not know
 * (another language, a co-op commander) is `null`, never a guess, and the raw string stays in the replay.
 */
import { Option } from "effect"
import type { RaceBook, RaceCode } from "../domain/Race.js"

export const ladderRaceOf = (races: RaceBook, race: string): RaceCode | null =>
  Option.getOrNull(races.resolve(race))
