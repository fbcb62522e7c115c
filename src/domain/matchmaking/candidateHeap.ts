/**
 * A binary min-heap of candidate pairs ordered exactly as the reference's sorted candidate list:
 * by score, then by generation order — lead position, then follow position — which is where Python's
 * stable sort leaves equal scores.
 */
export class CandidateHeap {
  private readonly score: Float64Array
  private readonly lead: Int32Array
  private readonly follow: Int32Array
  private size = 0

  constructor(capacity: number) {
    this.score = new Float64Array(capacity)
    this.lead = new Int32Array(capacity)
    this.follow = new Int32Array(capacity)
  }

  get length(): number {
    return this.size
  }

  private less(a: number, b: number): boolean {
    const sa = this.score[a] ?? 0
    const sb = this.score[b] ?? 0
    if (sa !== sb) return sa < sb
    const la = this.lead[a] ?? 0
    const lb = this.lead[b] ?? 0
    if (la !== lb) return la < lb
    return (this.follow[a] ?? 0) < (this.follow[b] ?? 0)
  }

  private swap(a: number, b: number): void {
    const s = this.score[a] ?? 0
    const l = this.lead[a] ?? 0
    const f = this.follow[a] ?? 0
    this.score[a] = this.score[b] ?? 0
    this.lead[a] = this.lead[b] ?? 0
    this.follow[a] = this.follow[b] ?? 0
    this.score[b] = s
    this.lead[b] = l
    this.follow[b] = f
  }

  push(score: number, lead: number, follow: number): void {
    let at = this.size++
    this.score[at] = score
    this.lead[at] = lead
    this.follow[at] = follow
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (!this.less(at, parent)) break
      this.swap(at, parent)
      at = parent
    }
  }

  /** Removes the smallest entry and returns its lead and follow positions. */
  pop(): { readonly lead: number; readonly follow: number } | undefined {
    if (this.size === 0) return undefined
    const top = { lead: this.lead[0] ?? 0, follow: this.follow[0] ?? 0 }
    this.size--
    if (this.size > 0) {
      this.swap(0, this.size)
      let at = 0
      for (;;) {
        const left = 2 * at + 1
        const right = left + 1
        let smallest = at
        if (left < this.size && this.less(left, smallest)) smallest = left
        if (right < this.size && this.less(right, smallest)) smallest = right
        if (smallest === at) break
        this.swap(at, smallest)
        at = smallest
      }
    }
    return top
  }
}
