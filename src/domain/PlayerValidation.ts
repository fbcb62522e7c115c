/**
 * The rules for what a player enters in `/setup` (reference §3.2), as pure checks returning the
 * reference's titles and messages, so the UI can show them and tests can pin them.
 */
import { Either } from "effect"

export interface SetupInput {
  readonly playerName: string
  readonly battletag: string
  readonly altPlayerName1: string
  readonly altPlayerName2: string
}

/** The input after trimming, with empty alternative IDs as null (clearing them is a change too). */
export interface ValidSetup {
  readonly playerName: string
  readonly battletag: string
  readonly altPlayerName1: string | null
  readonly altPlayerName2: string | null
}

export interface SetupProblem {
  readonly title: string
  readonly message: string
}

const NAME_MIN = 3
const NAME_MAX = 12
const BATTLETAG_NAME_MAX = 12
const BATTLETAG_DIGITS_MIN = 3
const BATTLETAG_DIGITS_MAX = 12

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" })

/** Length in characters as a player counts them (grapheme clusters, not UTF-16 units). */
const length = (text: string): number => Array.from(graphemes.segment(text)).length

const checkMainId = (raw: string): Either.Either<string, string> => {
  const name = raw.trim()
  if (name === "") return Either.left("User ID cannot be empty.")
  if (length(name) < NAME_MIN) return Either.left(`User ID must be at least ${NAME_MIN} characters long.`)
  if (length(name) > NAME_MAX) return Either.left(`User ID cannot exceed ${NAME_MAX} characters.`)
  if (!/^[A-Za-z]+$/.test(name)) {
    return Either.left(
      "Main ID must contain only English letters (A-Z, a-z): no digits, spaces or symbols. " +
        "Put a name in another script in an Alternative ID."
    )
  }
  return Either.right(name)
}

const checkBattletag = (raw: string): Either.Either<string, string> => {
  const tag = raw.trim()
  if (tag === "") return Either.left("BattleTag cannot be empty.")
  const parts = tag.split("#")
  const [name, digits] = parts
  if (parts.length !== 2 || name === undefined || digits === undefined) {
    return Either.left("BattleTag must contain exactly one '#', as in Name#1234.")
  }
  if (length(name) < 1 || length(name) > BATTLETAG_NAME_MAX) {
    return Either.left(`The name before '#' must be 1 to ${BATTLETAG_NAME_MAX} characters long.`)
  }
  if (!/^\d+$/.test(digits)) return Either.left("The part after '#' must contain digits only.")
  if (digits.length < BATTLETAG_DIGITS_MIN || digits.length > BATTLETAG_DIGITS_MAX) {
    return Either.left(
      `The part after '#' must be ${BATTLETAG_DIGITS_MIN} to ${BATTLETAG_DIGITS_MAX} digits long.`
    )
  }
  return Either.right(tag)
}

const checkAltId = (raw: string, which: 1 | 2): Either.Either<string | null, SetupProblem> => {
  const name = raw.trim()
  if (name === "") return Either.right(null)
  const title = `❌ Invalid Alternative ID ${which}`
  if (length(name) < NAME_MIN) {
    return Either.left({
      title,
      message: `Alternative ID ${which} must be at least ${NAME_MIN} characters long.`
    })
  }
  if (length(name) > NAME_MAX) {
    return Either.left({ title, message: `Alternative ID ${which} cannot exceed ${NAME_MAX} characters.` })
  }
  return Either.right(name)
}

/** The first problem with a setup form, in the order the reference checks, or the cleaned values. */
export const validateSetup = (input: SetupInput): Either.Either<ValidSetup, SetupProblem> =>
  Either.gen(function* () {
    const playerName = yield* Either.mapLeft(checkMainId(input.playerName), (message) => ({
      title: "❌ Invalid User ID",
      message
    }))
    const battletag = yield* Either.mapLeft(checkBattletag(input.battletag), (message) => ({
      title: "❌ Invalid BattleTag",
      message
    }))
    const altPlayerName1 = yield* checkAltId(input.altPlayerName1, 1)
    const altPlayerName2 = yield* checkAltId(input.altPlayerName2, 2)
    const ids = [playerName, altPlayerName1, altPlayerName2].filter((id) => id !== null)
    if (new Set(ids).size !== ids.length) {
      return yield* Either.left({
        title: "❌ Duplicate IDs",
        message: "Your User ID and Alternative IDs must all be different."
      })
    }
    return { playerName, battletag, altPlayerName1, altPlayerName2 }
  })
