/**
 * Emoji shown next to races, ranks, flags and game logos. The reference used its own application's
 * custom emoji; ours come from `data/emotes.json`, where an operator can put their application's
 * emoji markup (`<:t1:123…>`). Unset race emotes fall back to the race's short name in code style.
 */
import { FileSystem, Path } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import type { Discord } from "dfx"
import { OTHER_COUNTRY, NONREPRESENTING_COUNTRY, flagEmoji, type CountryCode } from "../../domain/Country.js"
import type { Globe } from "../../domain/Region.js"
import type { RankLetter } from "../../domain/Rank.js"
import type { Game, RaceCode } from "../../domain/Race.js"
import { LadderData, LadderDataError, projectDataDir } from "../../ladder/LadderData.js"

const Markup = Schema.NullOr(Schema.NonEmptyTrimmedString)

const EmotesFile = Schema.Struct({
  brood_war_logo: Markup,
  starcraft_2_logo: Markup,
  bw_terran: Markup,
  bw_zerg: Markup,
  bw_protoss: Markup,
  sc2_terran: Markup,
  sc2_zerg: Markup,
  sc2_protoss: Markup,
  flag_xx: Markup,
  flag_zz: Markup,
  s_rank: Markup,
  a_rank: Markup,
  b_rank: Markup,
  c_rank: Markup,
  d_rank: Markup,
  e_rank: Markup,
  f_rank: Markup,
  u_rank: Markup
})
type EmotesFile = typeof EmotesFile.Type

const GLOBES: Readonly<Record<Globe, string>> = { AM: "🌎", AF: "🌍", AS: "🌏" }

const customEmoji = /^<a?:(\w+):(\d+)>$/

/** The emoji object a select option or button takes, from emote markup. */
export const componentEmoji = (markup: string): Option.Option<Discord.ComponentEmojiForRequest> => {
  const custom = customEmoji.exec(markup)
  if (custom?.[1] !== undefined && custom[2] !== undefined)
    return Option.some({ name: custom[1], id: custom[2] })
  return /^[\w`]/.test(markup) ? Option.none() : Option.some({ name: markup })
}

const rankKey = (letter: RankLetter) =>
  (
    ({
      S: "s_rank",
      A: "a_rank",
      B: "b_rank",
      C: "c_rank",
      D: "d_rank",
      E: "e_rank",
      F: "f_rank",
      U: "u_rank"
    }) as const
  )[letter]

export class Emotes extends Effect.Service<Emotes>()("Emotes", {
  effect: Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const data = yield* LadderData
    const file = "emotes.json"
    const emotes: EmotesFile = yield* fs.readFileString(path.join(projectDataDir, file)).pipe(
      Effect.flatMap(Schema.decodeUnknown(Schema.parseJson(EmotesFile))),
      Effect.mapError((error) => new LadderDataError({ file, message: error.message }))
    )

    const race = (code: RaceCode): string => emotes[code] ?? `\`${data.races.get(code).shortName}\``
    const rank = (letter: RankLetter): string => emotes[rankKey(letter)] ?? letter
    const game = (of: Game): string => (of === "bw" ? emotes.brood_war_logo : emotes.starcraft_2_logo) ?? ""
    const flag = (code: CountryCode | string | null): string => {
      if (code === null) return "🏳️"
      if (code === NONREPRESENTING_COUNTRY) return emotes.flag_xx ?? "🏳️"
      if (code === OTHER_COUNTRY) return emotes.flag_zz ?? "🌐"
      return /^[A-Z]{2}$/.test(code)
        ? Option.match(data.countries.get(code), { onNone: () => "🏳️", onSome: (c) => flagEmoji(c.code) })
        : "🏳️"
    }
    const globe = (of: Globe | undefined): string => (of === undefined ? "🌐" : GLOBES[of])

    return { race, rank, game, flag, globe }
  })
}) {}
