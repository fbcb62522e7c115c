/** Matchmaking waves (reference §5): pure pairing of a queue snapshot, and the map-eligibility rule. */
export { categorize, type Categories } from "./categorize.js"
export { pairScore, withinEitherWindow, type Contestant } from "./contestant.js"
export { equalize, type Sides } from "./equalize.js"
export { FollowIndex, type Best } from "./followIndex.js"
export { selectGreedy, type Selection } from "./greedy.js"
export { eligibleMaps } from "./maps.js"
export { orient, type Orientation } from "./orient.js"
export {
  flatPressureBands,
  pressureBand,
  windowOf,
  type PressureBandName,
  type PressureBands,
  type WindowShape
} from "./pressure.js"
export { priorityFilter } from "./priorityFilter.js"
export { orderQueue, type OrderedQueue } from "./queueOrder.js"
export { bwRating, isBoth, ratingIn, sc2Rating, skillBias } from "./ratings.js"
export { rebalance } from "./rebalance.js"
export { refine, type Refined } from "./refine.js"
export { MISSING_MMR, type Pairing, type QueueEntry, type WaveInput, type WaveParameters } from "./types.js"
export { runWave, type WaveExplanation, type WaveResult } from "./wave.js"
