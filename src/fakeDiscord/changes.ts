/**
 * A change signal: every mutation of the fake's state notifies waiters so they re-check. Waiters
 * run on a microtask, after the mutating request has finished (and been recorded), so they always
 * see a consistent state; several changes in one tick wake them once.
 */
export class Changes {
  private readonly listeners = new Set<() => void>()
  private pending = false

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  emit(): void {
    if (this.pending) return
    this.pending = true
    queueMicrotask(() => {
      this.pending = false
      for (const listener of [...this.listeners]) listener()
    })
  }
}
