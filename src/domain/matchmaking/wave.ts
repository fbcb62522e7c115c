/**
 * One matchmaking wave (reference §5.3, `Matchmaker.attempt_match` up to match creation): order and
 * categorize the queue, equalize the sides, orient them, filter by waits, select pairs greedily over
 * the either-window candidates, refine. Pure: map draw, server lookup and match creation are the
 * caller's (see `eligibleMaps` and `serverFor`).
 */
import { categorize } from "./categorize.js"
import type { Contestant } from "./contestant.js"
import { equalize } from "./equalize.js"
import { FollowIndex } from "./followIndex.js"
import { selectGreedy } from "./greedy.js"
import { orient } from "./orient.js"
import {
  flatPressureBands,
  pressureBand,
  windowOf,
  type PressureBandName,
  type WindowShape
} from "./pressure.js"
import { priorityFilter } from "./priorityFilter.js"
import { orderQueue } from "./queueOrder.js"
import { ratingIn } from "./ratings.js"
import { refine } from "./refine.js"
import type { Pairing, QueueEntry, WaveInput } from "./types.js"

/** What the wave saw and decided, by Discord id, for tests, logs and `/admin snapshot`. */
export interface WaveExplanation {
  /** Distinct queued players (later duplicates of an id are dropped and listed in `duplicates`). */
  readonly queueSize: number
  readonly duplicates: ReadonlyArray<string>
  readonly band: PressureBandName
  readonly window: WindowShape
  readonly bwOnly: ReadonlyArray<string>
  readonly sc2Only: ReadonlyArray<string>
  readonly both: ReadonlyArray<string>
  /** The sides after equalization and rebalancing, in side order. */
  readonly bwSide: ReadonlyArray<string>
  readonly sc2Side: ReadonlyArray<string>
  /** Null when a side is empty and nothing could be matched. */
  readonly isBwMatch: boolean | null
  /** The sides after the priority filter, in candidate-generation order. */
  readonly leadSide: ReadonlyArray<string>
  readonly followSide: ReadonlyArray<string>
  /** Size of the reference's candidate list (every pair within either window). */
  readonly candidateCount: number
  /** Greedy selection before refinement, as (lead, follow) ids. */
  readonly greedy: ReadonlyArray<readonly [string, string]>
  readonly swaps: number
}

export interface WaveResult {
  /** The matches in the reference's order; `lead` is player 1. */
  readonly pairings: ReadonlyArray<Pairing>
  readonly explanation: WaveExplanation
}

interface Seated extends Contestant {
  readonly entry: QueueEntry
}

const ids = (entries: ReadonlyArray<QueueEntry>): ReadonlyArray<string> =>
  entries.map((entry) => entry.discordUid)

const raceIn = (entry: QueueEntry, bw: boolean) => (bw ? entry.bwRace : entry.sc2Race)

export const runWave = ({ queue, recentActivityCount, parameters }: WaveInput): WaveResult => {
  const { entries, duplicates } = orderQueue(queue)
  const bands =
    parameters.pressureBands ??
    flatPressureBands({ base: parameters.windowBase, growth: parameters.windowGrowth })
  // The reference measures pressure with the whole queue (`len(self.players)`), matched or not.
  const band = pressureBand(bands, entries.length, recentActivityCount)
  const window = bands[band]
  const explanation = {
    queueSize: entries.length,
    duplicates: ids(duplicates),
    band,
    window,
    bwOnly: [],
    sc2Only: [],
    both: [],
    bwSide: [],
    sc2Side: [],
    isBwMatch: null,
    leadSide: [],
    followSide: [],
    candidateCount: 0,
    greedy: [],
    swaps: 0
  }
  if (entries.length < 2) return { pairings: [], explanation }

  const categories = categorize(entries)
  const sides = equalize(categories, parameters.balanceThreshold)
  const sided = {
    ...explanation,
    bwOnly: ids(categories.bwOnly),
    sc2Only: ids(categories.sc2Only),
    both: ids(categories.both),
    bwSide: ids(sides.bw),
    sc2Side: ids(sides.sc2)
  }
  const orientation = orient(sides)
  if (orientation === undefined) return { pairings: [], explanation: sided }
  const { isBwMatch } = orientation
  const [leadEntries, followEntries] = priorityFilter(orientation.lead, orientation.follow)

  const seat = (entry: QueueEntry, bw: boolean): Seated => ({
    entry,
    id: entry.discordUid,
    mmr: ratingIn(entry, bw),
    wait: entry.waitCycles,
    window: windowOf(window, entry.waitCycles)
  })
  const lead = leadEntries.map((entry) => seat(entry, isBwMatch))
  const follow = followEntries.map((entry) => seat(entry, !isBwMatch))

  const index = new FollowIndex(follow)
  let candidateCount = 0
  for (const player of lead) candidateCount += index.countCandidates(player)

  const greedy: Array<readonly [Seated, Seated]> = []
  for (const [l, f] of selectGreedy(lead, index, parameters.waitPriorityCoefficient)) {
    const leadPlayer = lead[l]
    const followPlayer = follow[f]
    if (leadPlayer !== undefined && followPlayer !== undefined) greedy.push([leadPlayer, followPlayer])
  }
  const refined = refine(greedy, parameters.refinementPasses)

  const pairings: Array<Pairing> = []
  for (const [leadPlayer, followPlayer] of refined.pairs) {
    const leadRace = raceIn(leadPlayer.entry, isBwMatch)
    const followRace = raceIn(followPlayer.entry, !isBwMatch)
    // Side membership guarantees both races; the check only narrows the types.
    if (leadRace === null || followRace === null) continue
    pairings.push({
      lead: leadPlayer.entry,
      follow: followPlayer.entry,
      leadRace,
      followRace,
      leadMmr: leadPlayer.mmr,
      followMmr: followPlayer.mmr,
      isBwMatch
    })
  }

  return {
    pairings,
    explanation: {
      ...sided,
      isBwMatch,
      leadSide: ids(leadEntries),
      followSide: ids(followEntries),
      candidateCount,
      greedy: greedy.map(([l, f]) => [l.id, f.id] as const),
      swaps: refined.swaps
    }
  }
}
