/**
 * The wave of reference §5.3 written the plain way, as the oracle for the property tests: every
 * (lead, follow) pair is listed, stable-sorted by score and scanned greedily — O(n²) candidates.
 * It shares nothing with `src/domain/matchmaking` but the input types.
 */
import type { QueueEntry, WaveParameters } from "../../../src/domain/matchmaking/index.js"

export interface ReferencePair {
  readonly lead: string
  readonly follow: string
  readonly leadRace: string | null
  readonly followRace: string | null
  readonly leadMmr: number
  readonly followMmr: number
  readonly isBwMatch: boolean
}

export interface ReferenceWave {
  readonly bwSide: ReadonlyArray<string>
  readonly sc2Side: ReadonlyArray<string>
  readonly isBwMatch: boolean | null
  readonly leadSide: ReadonlyArray<string>
  readonly followSide: ReadonlyArray<string>
  readonly candidateCount: number
  readonly greedy: ReadonlyArray<readonly [string, string]>
  readonly pairs: ReadonlyArray<ReferencePair>
}

type P = QueueEntry

const bwOf = (p: P): number => p.bwMmr ?? 1500
const sc2Of = (p: P): number => p.sc2Mmr ?? 1500
const bias = (p: P): number => bwOf(p) - sc2Of(p)
const hasBw = (p: P): boolean => p.bwRace !== null
const hasSc2 = (p: P): boolean => p.sc2Race !== null
const stableSort = <A>(xs: ReadonlyArray<A>, key: (x: A) => number): Array<A> =>
  xs
    .map((x, i) => ({ x, i, k: key(x) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((e) => e.x)
const must = <A>(x: A | undefined): A => {
  if (x === undefined) throw new Error("reference wave: index out of range")
  return x
}
const uids = (xs: ReadonlyArray<P>): Array<string> => xs.map((p) => p.discordUid)

export const referenceWave = (
  snapshot: ReadonlyArray<QueueEntry>,
  recentActivity: number,
  params: WaveParameters
): ReferenceWave => {
  // Queue order: join order, one entry per Discord id.
  const players: Array<P> = []
  for (const p of stableSort(snapshot, (p) => p.joinedAt)) {
    if (!players.some((q) => q.discordUid === p.discordUid)) players.push(p)
  }
  const empty: ReferenceWave = {
    bwSide: [],
    sc2Side: [],
    isBwMatch: null,
    leadSide: [],
    followSide: [],
    candidateCount: 0,
    greedy: [],
    pairs: []
  }
  if (players.length < 2) return empty

  // 1. categorize
  const bwOnly = stableSort(
    players.filter((p) => hasBw(p) && !hasSc2(p)),
    (p) => -bwOf(p)
  )
  const sc2Only = stableSort(
    players.filter((p) => hasSc2(p) && !hasBw(p)),
    (p) => -sc2Of(p)
  )
  const both = stableSort(
    players.filter((p) => hasBw(p) && hasSc2(p)),
    (p) => -Math.max(bwOf(p), sc2Of(p))
  )

  // 2. equalize
  let bw = [...bwOnly]
  let sc2 = [...sc2Only]
  const z = stableSort(both, bias)
  if (bw.length === 0 && sc2.length === 0 && z.length > 0) {
    const mid = Math.floor(z.length / 2)
    sc2 = z.slice(0, mid)
    bw = z.slice(mid)
  } else if (z.length > 0) {
    const delta = bw.length - sc2.length
    if (delta < 0) {
      const n = Math.min(-delta, z.length)
      for (let k = 0; k < n; k++) bw.push(must(z.pop()))
    } else if (delta > 0) {
      const n = Math.min(delta, z.length)
      for (let k = 0; k < n; k++) sc2.push(must(z.shift()))
    }
    while (z.length > 0) {
      if (bw.length < sc2.length) bw.push(must(z.pop()))
      else if (bw.length > sc2.length) sc2.push(must(z.shift()))
      else {
        sc2.push(must(z.shift()))
        if (z.length > 0) bw.push(must(z.pop()))
      }
    }
    const popDiff = Math.abs(bw.length - sc2.length)
    if (bw.length > 0 && sc2.length > 0) {
      const bwMean = bw.reduce((s, p) => s + bwOf(p), 0) / bw.length
      const sc2Mean = sc2.reduce((s, p) => s + sc2Of(p), 0) / sc2.length
      const d = bwMean - sc2Mean
      const T = params.balanceThreshold
      if (Math.abs(d) > T) {
        const bothInBw = stableSort(
          bw.filter((p) => hasBw(p) && hasSc2(p)),
          (p) => Math.abs(bias(p))
        )
        const bothInSc2 = stableSort(
          sc2.filter((p) => hasBw(p) && hasSc2(p)),
          (p) => Math.abs(bias(p))
        )
        if (d > T && bothInBw.length > 0) {
          if (Math.abs(bw.length - 1 - (sc2.length + 1)) <= popDiff) {
            const m = must(bothInBw[0])
            bw.splice(bw.indexOf(m), 1)
            sc2.push(m)
          }
        } else if (d < -T && bothInSc2.length > 0) {
          if (Math.abs(bw.length + 1 - (sc2.length - 1)) <= popDiff) {
            const m = must(bothInSc2[0])
            sc2.splice(sc2.indexOf(m), 1)
            bw.push(m)
          }
        }
      }
    }
  }
  const sidesOnly: ReferenceWave = { ...empty, bwSide: uids(bw), sc2Side: uids(sc2) }
  if (bw.length === 0 || sc2.length === 0) return sidesOnly

  // 3. lead / follow
  const isBw = bw.length <= sc2.length
  let lead = isBw ? bw : sc2
  let follow = isBw ? sc2 : bw
  const leadMmr = (p: P) => (isBw ? bwOf(p) : sc2Of(p))
  const followMmr = (p: P) => (isBw ? sc2Of(p) : bwOf(p))

  // 4. priority filter
  if (lead.length > follow.length) lead = stableSort(lead, (p) => -p.waitCycles).slice(0, follow.length)
  else if (follow.length > lead.length)
    follow = stableSort(follow, (p) => -p.waitCycles).slice(0, lead.length)

  // 5. windows
  const queueSize = players.length
  let base = params.windowBase
  let growth = params.windowGrowth
  const bands = params.pressureBands
  if (bands !== undefined) {
    let chosen = bands.default
    if (recentActivity > 0) {
      const scale =
        recentActivity <= bands.lowPopulationMax
          ? bands.lowPopulationScale
          : recentActivity <= bands.midPopulationMax
            ? bands.midPopulationScale
            : bands.highPopulationScale
      const p = Math.min(1, (scale * queueSize) / recentActivity)
      chosen =
        p >= bands.highThreshold ? bands.high : p >= bands.moderateThreshold ? bands.moderate : bands.low
    }
    base = chosen.base
    growth = chosen.growth
  }
  const maxDiff = (w: number) => base + w * growth

  // 6. candidates, in generation order
  const candidates: Array<{ score: number; l: P; f: P }> = []
  for (const l of lead) {
    for (const f of follow) {
      if (l.discordUid === f.discordUid) continue
      const diff = Math.abs(leadMmr(l) - followMmr(f))
      if (diff <= maxDiff(l.waitCycles) || diff <= maxDiff(f.waitCycles)) {
        candidates.push({
          score: diff ** 2 - params.waitPriorityCoefficient * (l.waitCycles + f.waitCycles),
          l,
          f
        })
      }
    }
  }

  // 7. greedy over the stable-sorted list
  const usedLead = new Set<string>()
  const usedFollow = new Set<string>()
  const matches: Array<[P, P]> = []
  for (const c of stableSort(candidates, (c) => c.score)) {
    if (!usedLead.has(c.l.discordUid) && !usedFollow.has(c.f.discordUid)) {
      matches.push([c.l, c.f])
      usedLead.add(c.l.discordUid)
      usedFollow.add(c.f.discordUid)
    }
  }
  const greedy = matches.map(([l, f]) => [l.discordUid, f.discordUid] as const)

  // 8. refinement
  if (matches.length >= 2) {
    for (let pass = 0; pass < params.refinementPasses; pass++) {
      let swapped = false
      for (let i = 0; i < matches.length - 1; i++) {
        const [l1, f1] = must(matches[i])
        const [l2, f2] = must(matches[i + 1])
        const before = (leadMmr(l1) - followMmr(f1)) ** 2 + (leadMmr(l2) - followMmr(f2)) ** 2
        const after = (leadMmr(l1) - followMmr(f2)) ** 2 + (leadMmr(l2) - followMmr(f1)) ** 2
        if (after < before) {
          if (l1.discordUid === f2.discordUid || l2.discordUid === f1.discordUid) continue
          const d1 = Math.abs(leadMmr(l1) - followMmr(f2))
          const d2 = Math.abs(leadMmr(l2) - followMmr(f1))
          const ok1 = d1 <= maxDiff(l1.waitCycles) || d1 <= maxDiff(f2.waitCycles)
          const ok2 = d2 <= maxDiff(l2.waitCycles) || d2 <= maxDiff(f1.waitCycles)
          if (ok1 && ok2) {
            matches[i] = [l1, f2]
            matches[i + 1] = [l2, f1]
            swapped = true
          }
        }
      }
      if (!swapped) break
    }
  }

  return {
    bwSide: uids(bw),
    sc2Side: uids(sc2),
    isBwMatch: isBw,
    leadSide: uids(lead),
    followSide: uids(follow),
    candidateCount: candidates.length,
    greedy,
    pairs: matches.map(([l, f]) => ({
      lead: l.discordUid,
      follow: f.discordUid,
      leadRace: isBw ? l.bwRace : l.sc2Race,
      followRace: isBw ? f.sc2Race : f.bwRace,
      leadMmr: leadMmr(l),
      followMmr: followMmr(f),
      isBwMatch: isBw
    }))
  }
}
