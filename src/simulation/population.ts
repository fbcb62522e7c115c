/**
 * The simulated players: a Discord user each, a profile (letters-only names, as setup requires), a
 * hidden skill that decides who wins (so the leaderboard has something true to converge to), and
 * favourite races. Every choice comes from the season's seeded `Random`.
 */
import { Chunk, Effect, Random } from "effect"
import type { FakeDiscordServer, FakeUser, InteractionReply } from "../fakeDiscord/index.js"
import type { Profile, QueueChoice } from "./actions.js"

const SYLLABLES = [
  "ka",
  "ri",
  "zo",
  "mu",
  "te",
  "la",
  "vin",
  "dor",
  "ash",
  "el",
  "nor",
  "qua",
  "sa",
  "ren",
  "tal",
  "bo"
]
const LETTERS = "abcdefghijklmnopqrstuvwxyz"
const BW_RACES = ["bw_terran", "bw_zerg", "bw_protoss"]
const SC2_RACES = ["sc2_terran", "sc2_zerg", "sc2_protoss"]

export interface SimPlayer {
  readonly user: FakeUser
  readonly profile: Profile
  readonly skill: number
  readonly bw: string
  readonly sc2: string
  /** What this player queues with: one game's race, or one of each. */
  readonly plays: "bw" | "sc2" | "both"
  abortsLeft: number
  /** The searching view while queued. */
  searching: InteractionReply | undefined
}

const pick = <A>(items: ReadonlyArray<A>, fallback: A) =>
  Effect.map(Random.nextIntBetween(0, items.length), (i) => items[i] ?? fallback)

const nameFor = (index: number) =>
  Effect.gen(function* () {
    const parts = yield* Random.nextIntBetween(2, 4)
    let name = ""
    for (let i = 0; i < parts; i++) name += yield* pick(SYLLABLES, "ka")
    // Unique without digits (names are letters only): the index in base 26.
    let suffix = ""
    for (let n = index; n > 0; n = Math.floor(n / 26)) suffix = (LETTERS[n % 26] ?? "a") + suffix
    const full = `${name}${suffix}`.slice(0, 12)
    return full.charAt(0).toUpperCase() + full.slice(1)
  })

export const makePopulation = (fake: FakeDiscordServer, size: number) =>
  Effect.gen(function* () {
    const players: Array<SimPlayer> = []
    for (let index = 0; index < size; index++) {
      const name = yield* nameFor(index)
      const roll = yield* Random.next
      players.push({
        user: fake.user({ username: name.toLowerCase() }),
        profile: {
          name,
          battletag: `${name}#${1000 + index}`,
          countryPick: yield* Random.nextIntBetween(0, 25),
          regionPick: yield* Random.nextIntBetween(0, 16)
        },
        // Roughly normal around 1500 (the sum of three uniforms).
        skill: 1050 + 300 * ((yield* Random.next) + (yield* Random.next) + (yield* Random.next)),
        bw: yield* pick(BW_RACES, "bw_zerg"),
        sc2: yield* pick(SC2_RACES, "sc2_terran"),
        plays: roll < 0.35 ? "bw" : roll < 0.7 ? "sc2" : "both",
        abortsLeft: 3,
        searching: undefined
      })
    }
    return players
  })

/** This time's races (now and then another favourite) and up to four vetoes. */
export const queueChoice = (player: SimPlayer, maps: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const mood = yield* Random.next
    const bw = mood < 0.15 ? yield* pick(BW_RACES, player.bw) : player.bw
    const sc2 = mood > 0.85 ? yield* pick(SC2_RACES, player.sc2) : player.sc2
    const vetoes = Chunk.toReadonlyArray(yield* Random.shuffle(maps)).slice(
      0,
      yield* Random.nextIntBetween(0, 5)
    )
    return {
      bw: player.plays === "sc2" ? null : bw,
      sc2: player.plays === "bw" ? null : sc2,
      vetoes: [...vetoes]
    } satisfies QueueChoice
  })
