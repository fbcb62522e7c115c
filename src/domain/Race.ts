import { Array as Arr, Option, Schema } from "effect"

export const Game = Schema.Literal("bw", "sc2")
export type Game = typeof Game.Type

export const RaceCode = Schema.Literal(
  "bw_terran",
  "bw_zerg",
  "bw_protoss",
  "sc2_terran",
  "sc2_zerg",
  "sc2_protoss"
)
export type RaceCode = typeof RaceCode.Type

/** Display order everywhere (profile lines, selects, leaderboard filter). */
export const raceCodes: ReadonlyArray<RaceCode> = RaceCode.literals

export const gameOf = (code: RaceCode): Game => (code.startsWith("bw_") ? "bw" : "sc2")

const RaceEntry = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  shortName: Schema.NonEmptyTrimmedString,
  /** Names the race goes by in replays of every client language (e.g. "Terran", "테란", "人类"). */
  aliases: Schema.Array(Schema.NonEmptyTrimmedString)
})

/** `data/races.json`: every ladder race exactly once, keyed by code. */
export const RaceTable = Schema.Struct({
  bw_terran: RaceEntry,
  bw_zerg: RaceEntry,
  bw_protoss: RaceEntry,
  sc2_terran: RaceEntry,
  sc2_zerg: RaceEntry,
  sc2_protoss: RaceEntry
})
export type RaceTable = typeof RaceTable.Type

export interface Race extends Schema.Schema.Type<typeof RaceEntry> {
  readonly code: RaceCode
  readonly game: Game
}

const normalise = (name: string): string => name.trim().toLocaleLowerCase("en-US")

/** The six ladder races, with lookups by code and by any name a replay may use. */
export class RaceBook {
  readonly all: ReadonlyArray<Race>

  constructor(private readonly table: RaceTable) {
    this.all = raceCodes.map((code) => this.get(code))
  }

  get(code: RaceCode): Race {
    return { code, game: gameOf(code), ...this.table[code] }
  }

  ofGame(game: Game): ReadonlyArray<Race> {
    return this.all.filter((race) => race.game === game)
  }

  /** The ladder race a replay's race string names (code, display name or alias), if any; never a guess. */
  resolve(name: string): Option.Option<RaceCode> {
    const wanted = normalise(name)
    return Arr.findFirst(this.all, (race) =>
      [race.code, race.name, ...race.aliases].some((candidate) => normalise(candidate) === wanted)
    ).pipe(Option.map((race) => race.code))
  }
}
