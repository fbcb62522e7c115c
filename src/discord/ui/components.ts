/** Buttons and selects as the reference styled them. */
import { Discord, UI } from "dfx"
import { Option } from "effect"
import type { MessageComponents } from "./responses.js"

export type Button = Discord.ButtonComponentForMessageRequest
export type StringSelect = Discord.StringSelectComponentForMessageRequest
type Row = Button | StringSelect

const { PRIMARY, SECONDARY, SUCCESS, DANGER } = Discord.ButtonStyleTypes

const styles = { primary: PRIMARY, secondary: SECONDARY, success: SUCCESS, danger: DANGER } as const

export const button = (
  customId: string,
  label: string,
  style: keyof typeof styles,
  options: { readonly disabled?: boolean } = {}
): Button =>
  UI.button({ custom_id: customId, label, style: styles[style], disabled: options.disabled ?? false })

export const linkButton = (url: string, label: string): Button =>
  UI.button({ url, label, style: Discord.ButtonStyleTypes.LINK })

export interface SelectOption {
  readonly label: string
  readonly value: string
  readonly description?: string
  readonly emoji?: Option.Option<Discord.ComponentEmojiForRequest>
  readonly selected?: boolean
}

export const select = (
  customId: string,
  placeholder: string,
  options: ReadonlyArray<SelectOption>,
  limits: { readonly min?: number; readonly max?: number; readonly disabled?: boolean } = {}
): StringSelect =>
  UI.select({
    custom_id: customId,
    placeholder,
    min_values: limits.min ?? 0,
    max_values: limits.max ?? 1,
    disabled: limits.disabled ?? false,
    options: options.map((option) => ({
      label: option.label,
      value: option.value,
      default: option.selected ?? false,
      ...(option.description === undefined ? {} : { description: option.description }),
      ...(option.emoji === undefined ? {} : { emoji: Option.getOrNull(option.emoji) })
    }))
  })

/** Rows of components; empty rows are dropped. */
export const rows = (...items: ReadonlyArray<ReadonlyArray<Row>>): MessageComponents =>
  UI.grid(items.filter((items) => items.length > 0))
