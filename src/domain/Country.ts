import { Array as Arr, Option, Order, Schema } from "effect"

export const CountryCode = Schema.String.pipe(Schema.pattern(/^[A-Z]{2}$/), Schema.brand("CountryCode"))
export type CountryCode = typeof CountryCode.Type

export interface Country {
  readonly code: CountryCode
  readonly name: string
  /** Offered in the setup and leaderboard selects (which Discord limits to 25 options each). */
  readonly common: boolean
}

/** The fields EvoLadder needs from each entry of the `world-countries` package (ISO 3166-1). */
export const WorldCountry = Schema.Struct({
  cca2: CountryCode,
  name: Schema.Struct({ common: Schema.NonEmptyTrimmedString })
})
export const WorldCountries = Schema.Array(WorldCountry)

/** `data/countries.json`: the ladder's common subset and its codes that are not countries. */
export const CountriesFile = Schema.Struct({
  common: Schema.Array(CountryCode),
  special: Schema.Array(
    Schema.Struct({ code: CountryCode, name: Schema.NonEmptyTrimmedString, common: Schema.Boolean })
  )
})
export type CountriesFile = typeof CountriesFile.Type

/** "Other": stands for every uncommon country in the selects. */
export const OTHER_COUNTRY = CountryCode.make("ZZ")
/** "Nonrepresenting": a player who represents no country. */
export const NONREPRESENTING_COUNTRY = CountryCode.make("XX")

const byName = Order.mapInput(Order.string, (country: Country) => country.name)

/** Every country a player can pick, with the lookups the setup, `/setcountry` and filters need. */
export class CountryBook {
  /** All countries sorted by name, then the special codes. */
  readonly all: ReadonlyArray<Country>
  /** The common countries sorted by name, with "Other" last. */
  readonly common: ReadonlyArray<Country>
  private readonly byCode: ReadonlyMap<string, Country>

  constructor(world: typeof WorldCountries.Type, file: CountriesFile) {
    const commonCodes = new Set<string>(file.common)
    const countries = Arr.sort(
      world.map((entry): Country => ({
        code: entry.cca2,
        name: entry.name.common,
        common: commonCodes.has(entry.cca2)
      })),
      byName
    )
    const special: ReadonlyArray<Country> = file.special
    this.all = [...countries, ...special]
    this.common = [
      ...countries.filter((country) => country.common),
      ...special.filter((entry) => entry.common)
    ]
    this.byCode = new Map(this.all.map((country) => [country.code, country]))
  }

  get(code: string): Option.Option<Country> {
    return Option.fromNullable(this.byCode.get(code.toUpperCase()))
  }

  /** Case-insensitive substring search on the name (all countries, in name order), at most `limit`. */
  search(query: string, limit: number): ReadonlyArray<Country> {
    const wanted = query.trim().toLocaleLowerCase("en-US")
    const matches =
      wanted === "" ? this.all : this.all.filter((c) => c.name.toLocaleLowerCase("en-US").includes(wanted))
    return matches.slice(0, limit)
  }

  /** The codes a filter on "Other" stands for: every country that is not common, including `XX`. */
  uncommonCodes(): ReadonlyArray<CountryCode> {
    return this.all.filter((country) => !country.common).map((country) => country.code)
  }
}

const REGIONAL_INDICATOR_A = 0x1f1e6

/** The Unicode flag of an ISO country code (two regional indicator symbols). */
export const flagEmoji = (code: CountryCode): string =>
  String.fromCodePoint(
    REGIONAL_INDICATOR_A + code.charCodeAt(0) - 65,
    REGIONAL_INDICATOR_A + code.charCodeAt(1) - 65
  )
