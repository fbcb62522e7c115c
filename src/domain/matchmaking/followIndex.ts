/**
 * The follow side indexed so that a lead's best partner is found without scanning the whole side.
 *
 * Follow players are grouped by (waits, window). Inside a group every score is
 * `diff² − c·(w_lead + w_group)` and every reach is `max(window_lead, window_group)`, so the best
 * available partner of a group is simply its nearest available MMR on either side of the lead's
 * (the lower follow position among equal MMRs, which is the reference's tie order); the best partner
 * overall is the best of the groups' bests. Groups are few (one per distinct wait count), and each is
 * sorted by (MMR, position) with "next available" links, so a lookup costs O(groups · log n).
 *
 * Why this equals the reference's candidate list: a (lead, follow) pair is a candidate there exactly
 * when `|diff| ≤ window_lead` or `|diff| ≤ window_follow`, i.e. `|diff| ≤ max(window_lead,
 * window_group)` — the reach used here. Sides are disjoint and Discord ids unique, so its
 * same-id exclusion never removes a pair.
 */
import { pairScore, type Contestant } from "./contestant.js"
import { countWithin, findRoot, lowerBound } from "./search.js"

interface Group {
  readonly wait: number
  readonly window: number
  readonly size: number
  /** Players of the group not yet taken. */
  available: number
  /** Ascending MMRs of the group's players. */
  readonly mmr: Float64Array
  /** Follow-side position of each slot; ascending within equal MMRs. */
  readonly position: Int32Array
  /** The first slot holding the same MMR as this one. */
  readonly runStart: Int32Array
  /** `up[k]` leads to the first available slot ≥ k (`size` when none). */
  readonly up: Int32Array
  /** `down[k + 1]` leads to 1 + the last available slot ≤ k (0 when none). */
  readonly down: Int32Array
}

/** A lead's best available partner: lowest score, then lowest follow position. */
export interface Best {
  readonly score: number
  readonly follow: number
}

const buildGroup = (
  follow: ReadonlyArray<Contestant>,
  positions: ReadonlyArray<number>
): Group | undefined => {
  const first = follow[positions[0] ?? -1]
  if (first === undefined) return undefined
  const order = [...positions].sort((a, b) => (follow[a]?.mmr ?? 0) - (follow[b]?.mmr ?? 0) || a - b)
  const size = order.length
  const mmr = new Float64Array(size)
  const position = new Int32Array(size)
  const runStart = new Int32Array(size)
  const up = new Int32Array(size + 1)
  const down = new Int32Array(size + 1)
  order.forEach((p, slot) => {
    mmr[slot] = follow[p]?.mmr ?? 0
    position[slot] = p
    runStart[slot] = slot > 0 && mmr[slot - 1] === mmr[slot] ? (runStart[slot - 1] ?? slot) : slot
  })
  for (let k = 0; k <= size; k++) {
    up[k] = k
    down[k] = k
  }
  return { wait: first.wait, window: first.window, size, available: size, mmr, position, runStart, up, down }
}

export class FollowIndex {
  /** Every group, for counting candidates. */
  private readonly groups: ReadonlyArray<Group>
  /** The groups with players left, in the same order; rebuilt when one empties. */
  private live: ReadonlyArray<Group>
  private emptied = false
  private readonly groupOf: ReadonlyArray<Group>
  private readonly slotOf: Int32Array
  /** Every follow MMR ascending, for counting candidates. */
  private readonly allMmr: Float64Array
  private readonly taken: Uint8Array

  constructor(follow: ReadonlyArray<Contestant>) {
    const byKey = new Map<string, Array<number>>()
    follow.forEach((player, p) => {
      const key = `${player.wait}/${player.window}`
      const members = byKey.get(key)
      if (members === undefined) byKey.set(key, [p])
      else members.push(p)
    })
    const groups: Array<Group> = []
    for (const positions of byKey.values()) {
      const group = buildGroup(follow, positions)
      if (group !== undefined) groups.push(group)
    }
    // Longest waits first: their negative score offsets are the largest, so they set a good bound early.
    groups.sort((a, b) => b.wait - a.wait)
    this.groups = groups
    this.live = groups

    const groupOf: Array<Group> = []
    this.slotOf = new Int32Array(follow.length)
    for (const group of groups) {
      group.position.forEach((p, slot) => {
        groupOf[p] = group
        this.slotOf[p] = slot
      })
    }
    this.groupOf = groupOf
    this.allMmr = Float64Array.from(follow, (player) => player.mmr).sort()
    this.taken = new Uint8Array(follow.length)
  }

  isTaken(position: number): boolean {
    return this.taken[position] === 1
  }

  /** The follow player at this position is matched: no later lookup returns it. */
  take(position: number): void {
    const group = this.groupOf[position]
    const slot = this.slotOf[position]
    if (group === undefined || slot === undefined) return
    this.taken[position] = 1
    group.available--
    if (group.available === 0) this.emptied = true
    group.up[slot] = slot + 1
    group.down[slot + 1] = slot
  }

  /** The lead's best candidate among the follow players not yet taken, if any. */
  best(lead: Contestant, coefficient: number): Best | undefined {
    let bestScore = Infinity
    let bestFollow = -1
    if (this.emptied) {
      this.live = this.live.filter((group) => group.available > 0)
      this.emptied = false
    }
    for (const group of this.live) {
      // No partner in this group can score below a zero difference, so a group that cannot beat the
      // best so far is skipped; with a non-negative coefficient that floor only rises along the
      // groups (longest waits first), so every later group is out too.
      if (bestFollow >= 0 && bestScore < pairScore(0, lead.wait, group.wait, coefficient)) {
        if (coefficient >= 0) break
        continue
      }
      const reach = Math.max(lead.window, group.window)
      const at = lowerBound(group.mmr, lead.mmr)

      // Nearest at or above: the first available slot from `at` (lowest position among equal MMRs).
      const above = findRoot(group.up, at)
      if (above < group.size) {
        const diff = (group.mmr[above] ?? Infinity) - lead.mmr
        if (diff <= reach) {
          const score = pairScore(diff, lead.wait, group.wait, coefficient)
          const follow = group.position[above] ?? -1
          if (score < bestScore || (score === bestScore && follow < bestFollow)) {
            bestScore = score
            bestFollow = follow
          }
        }
      }

      // Nearest strictly below: the last available slot before `at`, then the first available of its MMR run.
      const below = findRoot(group.down, at) - 1
      if (below >= 0) {
        const diff = lead.mmr - (group.mmr[below] ?? -Infinity)
        if (diff <= reach) {
          const score = pairScore(diff, lead.wait, group.wait, coefficient)
          const follow = group.position[findRoot(group.up, group.runStart[below] ?? below)] ?? -1
          if (score < bestScore || (score === bestScore && follow < bestFollow)) {
            bestScore = score
            bestFollow = follow
          }
        }
      }
    }
    return bestFollow >= 0 ? { score: bestScore, follow: bestFollow } : undefined
  }

  /**
   * How many follow players the reference would list as this lead's candidates (taken or not):
   * all within the lead's window, plus, from each group with a wider window, those beyond the lead's
   * window but within the group's.
   */
  countCandidates(lead: Contestant): number {
    let count = countWithin(this.allMmr, lead.mmr, lead.window)
    for (const group of this.groups) {
      if (group.window > lead.window) {
        count +=
          countWithin(group.mmr, lead.mmr, group.window) - countWithin(group.mmr, lead.mmr, lead.window)
      }
    }
    return count
  }
}
