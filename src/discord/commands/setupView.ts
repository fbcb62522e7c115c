/** The messages and modal of the `/setup` flow (reference §3.2), rendered from its draft. */
import { Schema } from "effect"
import type { Country } from "../../domain/Country.js"
import type { ResidentialRegion } from "../../domain/Region.js"
import { Colors } from "../ui/colors.js"
import { button, rows, select } from "../ui/components.js"
import { componentEmoji } from "../ui/Emotes.js"
import type { Embed, MessageBody } from "../ui/responses.js"
import { viewKind } from "../ViewState.js"
import type { Discord } from "dfx"

/** What the player has entered so far; raw text until the modal's values pass validation. */
export const SetupDraft = Schema.Struct({
  playerName: Schema.String,
  battletag: Schema.String,
  altPlayerName1: Schema.String,
  altPlayerName2: Schema.String,
  country: Schema.NullOr(Schema.String),
  region: Schema.NullOr(Schema.String)
})
export type SetupDraft = typeof SetupDraft.Type

export const setupView = viewKind("setup", SetupDraft)

/** Custom ids: `setup:<action>:<view id>`. */
export const setupId = (action: SetupAction, viewId: string) => `setup:${action}:${viewId}`
export type SetupAction =
  "modal" | "retry" | "country1" | "country2" | "region" | "review" | "back" | "confirm" | "cancel"

export const SETUP_AGAIN_ID = "setup:again"

export const INPUT = {
  playerName: "user_id",
  battletag: "battletag",
  altPlayerName1: "alt_id_1",
  altPlayerName2: "alt_id_2"
} as const

export const setupModal = (
  viewId: string,
  draft: SetupDraft
): Discord.ModalInteractionCallbackRequestData => {
  const input = (
    customId: string,
    label: string,
    value: string,
    limits: { min: number; max: number; required: boolean; placeholder?: string }
  ) => ({
    type: 1 as const,
    components: [
      {
        type: 4 as const,
        style: 1 as const,
        custom_id: customId,
        label,
        value,
        required: limits.required,
        min_length: limits.min,
        max_length: limits.max,
        ...(limits.placeholder === undefined ? {} : { placeholder: limits.placeholder })
      }
    ]
  })
  return {
    custom_id: setupId("modal", viewId),
    title: "Player Setup",
    components: [
      input(INPUT.playerName, "User ID", draft.playerName, { min: 3, max: 12, required: true }),
      input(INPUT.battletag, "BattleTag", draft.battletag, {
        min: 5,
        max: 25,
        required: true,
        placeholder: "e.g., U#123"
      }),
      input(INPUT.altPlayerName1, "Alternative ID 1", draft.altPlayerName1, {
        min: 3,
        max: 12,
        required: false
      }),
      input(INPUT.altPlayerName2, "Alternative ID 2", draft.altPlayerName2, {
        min: 3,
        max: 12,
        required: false
      })
    ]
  }
}

export const invalidSetup = (viewId: string, title: string, message: string): MessageBody => ({
  embeds: [{ title, description: message, color: Colors.red }],
  components: rows([
    button(setupId("retry", viewId), "🔄 Try Again", "primary"),
    button(setupId("cancel", viewId), "✖️ Cancel", "danger")
  ])
})

export interface SetupChoices {
  /** The common countries in the order of the two selects (Other last). */
  readonly commonCountries: ReadonlyArray<Country>
  readonly regions: ReadonlyArray<ResidentialRegion>
  readonly countryName: (code: string) => string
  readonly flag: (code: string | null) => string
  readonly globe: (region: ResidentialRegion | undefined) => string
}

const PAGE = 25

export const countryRegionView = (viewId: string, draft: SetupDraft, choices: SetupChoices): MessageBody => {
  const page1 = choices.commonCountries.slice(0, PAGE)
  const page2 = choices.commonCountries.slice(PAGE, 2 * PAGE)
  const region = choices.regions.find((candidate) => candidate.code === draft.region)
  const countryOptions = (page: ReadonlyArray<Country>) =>
    page.map((country) => ({
      label: country.name,
      value: country.code,
      emoji: componentEmoji(choices.flag(country.code)),
      selected: country.code === draft.country
    }))
  const status = [
    `**Selected country:** ${draft.country === null ? "None" : `${choices.flag(draft.country)} ${choices.countryName(draft.country)}`}`,
    `**Selected region:** ${region === undefined ? "None" : `${choices.globe(region)} ${region.name}`}`
  ].join("\n")
  return {
    embeds: [
      {
        title: "⚙️ Setup - Country & Region Selection",
        description:
          "Select your **country of citizenship/nationality** and your **region of residency**.\n\n" +
          "Only 49 countries are listed here due to Discord limits. If yours is not listed, pick **Other** " +
          "(at the bottom of page 2) and use `/setcountry` afterwards to set it, or to set **Nonrepresenting**.\n\n" +
          status,
        color: Colors.blue
      }
    ],
    components: rows(
      [select(setupId("country1", viewId), "Country of citizenship (page 1)", countryOptions(page1))],
      [select(setupId("country2", viewId), "Country of citizenship (page 2)", countryOptions(page2))],
      [
        select(
          setupId("region", viewId),
          "Region of residency",
          choices.regions.map((candidate) => ({
            label: candidate.name,
            value: candidate.code,
            emoji: componentEmoji(choices.globe(candidate)),
            selected: candidate.code === draft.region
          }))
        )
      ],
      [
        button(setupId("review", viewId), "✅ Confirm", "success"),
        button(setupId("retry", viewId), "🔄 Restart", "secondary"),
        button(setupId("cancel", viewId), "✖️ Cancel", "danger")
      ]
    )
  }
}

export const missingCountryOrRegion = (viewId: string): MessageBody => ({
  embeds: [
    {
      title: "❌ Please select both country and region before confirming.",
      color: Colors.red
    }
  ],
  components: rows([
    button(setupId("back", viewId), "🔄 Try Again", "primary"),
    button(setupId("cancel", viewId), "❌ Cancel", "danger")
  ])
})

const setupFields = (draft: SetupDraft, choices: SetupChoices): Embed["fields"] => {
  const region = choices.regions.find((candidate) => candidate.code === draft.region)
  const alts = [draft.altPlayerName1, draft.altPlayerName2].filter((alt) => alt !== "")
  return [
    { name: ":id: User ID", value: draft.playerName, inline: false },
    { name: ":hash: BattleTag", value: draft.battletag, inline: false },
    {
      name: `${choices.flag(draft.country)} Country of Citizenship/Nationality`,
      value: draft.country === null ? "None" : `${choices.countryName(draft.country)} (${draft.country})`,
      inline: false
    },
    { name: `${choices.globe(region)} Region of Residency`, value: region?.name ?? "None", inline: false },
    { name: ":id: Alternative IDs", value: alts.length === 0 ? "None" : alts.join(", "), inline: false }
  ]
}

export const setupPreview = (viewId: string, draft: SetupDraft, choices: SetupChoices): MessageBody => ({
  embeds: [
    {
      title: "🔍 Preview Setup Information",
      description: "Please review your information. Press **Confirm** to save it.",
      color: Colors.blue,
      fields: setupFields(draft, choices)
    }
  ],
  components: rows([
    button(setupId("confirm", viewId), "✅ Confirm", "success"),
    button(setupId("retry", viewId), "🔄 Restart", "secondary"),
    button(setupId("cancel", viewId), "✖️ Cancel", "danger")
  ])
})

export const setupComplete = (draft: SetupDraft, choices: SetupChoices): MessageBody => ({
  embeds: [
    {
      title: "✅ Setup Complete!",
      description: "Your profile is saved. You can now join the queue with `/queue`.",
      color: Colors.green,
      fields: setupFields(draft, choices)
    }
  ],
  components: rows([button(SETUP_AGAIN_ID, "🔄 Setup Again", "secondary")])
})

export const setupCancelled: MessageBody = {
  content: "Setup cancelled. You can use `/setup` again when ready."
}

export const draftFromPlayer = (player: {
  readonly playerName: string | null
  readonly battletag: string | null
  readonly altPlayerName1: string | null
  readonly altPlayerName2: string | null
  readonly country: string | null
  readonly region: string | null
}): SetupDraft => ({
  playerName: player.playerName ?? "",
  battletag: player.battletag ?? "",
  altPlayerName1: player.altPlayerName1 ?? "",
  altPlayerName2: player.altPlayerName2 ?? "",
  country: player.country,
  region: player.region
})
