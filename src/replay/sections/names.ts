/**
 * Player names as `replay.details` stores them: the clan tag joined to the name with markup, since
 * 2015 as `&lt;CLAN&gt;<sp/>Name` (HTML-escaped), before that as `[CLAN]<sp/>Name`.
 */

export interface PlayerName {
  readonly name: string
  readonly clan: string | null
}

const entities: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }

/** Replaces `<sp/>` and the HTML entities Blizzard's text markup escapes. */
export const unescapeMarkup = (text: string): string =>
  text.replace(/<sp\/>|&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (match, entity: string | undefined) => {
    if (entity === undefined) return " "
    if (entity.startsWith("#")) {
      const code =
        entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match
    }
    return entities[entity.toLowerCase()] ?? match
  })

const modernClan = /^&lt;(.*?)&gt;<sp\/>(.*)$/s
const legacyClan = /^\[(.*?)\]<sp\/>(.*)$/s

export const splitClanTag = (stored: string): PlayerName => {
  const match = modernClan.exec(stored) ?? legacyClan.exec(stored)
  if (match === null) return { name: unescapeMarkup(stored), clan: null }
  return { name: unescapeMarkup(match[2] ?? ""), clan: unescapeMarkup(match[1] ?? "") }
}
