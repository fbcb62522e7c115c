/**
 * `/setcountry country:<autocomplete>` (reference §3.3): any of the ~250 countries, Nonrepresenting
 * or Other, with a preview and a confirmation.
 */
import { Discord, Ix } from "dfx"
import { Effect, Option } from "effect"
import type { Country } from "../../domain/Country.js"
import { LadderData } from "../../ladder/LadderData.js"
import { PlayersRepo } from "../../ladder/PlayersRepo.js"
import { currentCaller } from "../Caller.js"
import { guarded, TERMS_REQUIRED } from "../guards.js"
import { Colors } from "../ui/colors.js"
import { button, rows } from "../ui/components.js"
import { Emotes } from "../ui/Emotes.js"
import { errorEmbed } from "../ui/embeds.js"
import { autocompleteChoices, reply, update } from "../ui/responses.js"

const MAX_CHOICES = 25
const CONFIRM_PREFIX = "setcountry:confirm:"
const CANCEL_ID = "setcountry:cancel"

export const setCountryCommand = Ix.global(
  {
    name: "setcountry",
    description: "Set or update your country",
    contexts: [Discord.InteractionContextType.GUILD, Discord.InteractionContextType.BOT_DM],
    options: [
      {
        type: Discord.ApplicationCommandOptionType.STRING,
        name: "country",
        description: "Your country of citizenship or nationality",
        required: true,
        autocomplete: true
      }
    ]
  },
  (ix) =>
    guarded(
      "setcountry",
      TERMS_REQUIRED
    )(({ caller }) =>
      Effect.gen(function* () {
        const data = yield* LadderData
        const emotes = yield* Emotes
        const typed = ix.optionValue("country")
        // The value is a code when the player picked a suggestion; anything else is searched by name.
        const country: Option.Option<Country> = Option.orElse(data.countries.get(typed), () =>
          Option.fromNullable(data.countries.search(typed, 1)[0])
        )
        if (Option.isNone(country)) {
          return reply(caller, {
            embeds: [
              errorEmbed(
                "Invalid Country Selection",
                `"${typed}" is not a country I know. Please wait for Discord's list of countries to load and pick one from it before pressing Enter.`
              )
            ]
          })
        }
        const { code, name } = country.value
        return reply(caller, {
          embeds: [
            {
              title: "🔍 Preview Country Selection",
              description: "Please confirm your country.",
              color: Colors.blue,
              fields: [
                {
                  name: `${emotes.flag(code)} **Country of Citizenship/Nationality**`,
                  value: `\`${name} (${code})\``,
                  inline: false
                }
              ]
            }
          ],
          components: rows([
            button(`${CONFIRM_PREFIX}${code}`, "✅ Confirm", "success"),
            button(CANCEL_ID, "✖️ Cancel", "danger")
          ])
        })
      })
    )
)

export const countryAutocomplete = Ix.autocomplete(
  Ix.option("setcountry", "country"),
  Effect.gen(function* () {
    const data = yield* LadderData
    const typed = String(yield* Ix.focusedOptionValue)
    return autocompleteChoices(
      data.countries
        .search(typed, MAX_CHOICES)
        .map((country) => ({ name: country.name, value: country.code }))
    )
  })
)

export const confirmCountry = Ix.messageComponent(
  Ix.idStartsWith(CONFIRM_PREFIX),
  Effect.gen(function* () {
    const caller = yield* currentCaller
    const { custom_id } = yield* Ix.MessageComponentData
    const data = yield* LadderData
    const emotes = yield* Emotes
    const country = data.countries.get(custom_id.slice(CONFIRM_PREFIX.length))
    if (Option.isNone(country)) {
      return update({ embeds: [errorEmbed("Invalid Country Selection", "Please run `/setcountry` again.")] })
    }
    const players = yield* PlayersRepo
    yield* players.ensure(caller.userId, caller.username)
    yield* players.updateSettings(caller.userId, { country: country.value.code }, "player")
    return update({
      embeds: [
        {
          title: "✅ Country Updated",
          description: `Your country is now ${emotes.flag(country.value.code)} **${country.value.name}** (${country.value.code}).`,
          color: Colors.green
        }
      ]
    })
  })
)

export const cancelCountry = Ix.messageComponent(
  Ix.id(CANCEL_ID),
  Effect.succeed(update({ content: "Country change cancelled. Your country was not changed." }))
)
