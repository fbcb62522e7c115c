/** Which of the DM's messages `/prune` may delete (pure, over the history Discord returns). */

export const PRUNE_TITLES = {
  confirm: "🗑️ Confirm Message Deletion",
  progress: "🗑️ Pruning in Progress...",
  done: "✅ Messages Pruned",
  nothing: "✅ No Messages to Prune"
} as const

const pruneTitles: ReadonlySet<string> = new Set(Object.values(PRUNE_TITLES))

export interface PruneOptions {
  readonly botId: string
  readonly now: number
  /** Messages younger than this are kept. */
  readonly minAgeMs: number
  /** Pause between deletions, for the time estimate. */
  readonly spacingMs: number
  /** Views whose buttons still work: a message carrying one of their ids is kept. */
  readonly liveViewIds: ReadonlySet<string>
}

export interface PrunePlan {
  /** Newest first, as Discord lists history. */
  readonly deletable: ReadonlyArray<{ readonly id: string; readonly sentAt: number }>
  readonly protected: { readonly recent: number; readonly active: number; readonly prune: number }
  readonly estimatedSeconds: number
}

/** The parts of a history message (Discord's `MessageResponse`) the plan looks at. */
export interface HistoryMessage {
  readonly id: string
  readonly author: { readonly id: string }
  readonly timestamp: string
  readonly embeds: ReadonlyArray<{ readonly title?: string | null | undefined }>
  readonly components?: unknown
}

/** Every custom id on a message, at any nesting depth of its components. */
const customIds = (components: unknown): ReadonlyArray<string> => {
  if (Array.isArray(components)) return components.flatMap(customIds)
  if (typeof components !== "object" || components === null) return []
  const own =
    "custom_id" in components && typeof components.custom_id === "string" ? [components.custom_id] : []
  return "components" in components ? [...own, ...customIds(components.components)] : own
}

const viewIdOf = (customId: string) => customId.slice(customId.lastIndexOf(":") + 1)

export const planPrune = (history: ReadonlyArray<HistoryMessage>, options: PruneOptions): PrunePlan => {
  const deletable: Array<{ id: string; sentAt: number }> = []
  const kept = { recent: 0, active: 0, prune: 0 }
  for (const message of history) {
    if (message.author.id !== options.botId) continue
    const sentAt = Date.parse(message.timestamp)
    const ids = customIds(message.components)
    if (
      ids.some((id) => id.startsWith("prune:")) ||
      message.embeds.some((embed) => pruneTitles.has(embed.title ?? ""))
    ) {
      kept.prune++
    } else if (ids.some((id) => options.liveViewIds.has(viewIdOf(id)))) {
      kept.active++
    } else if (options.now - sentAt < options.minAgeMs) {
      kept.recent++
    } else {
      deletable.push({ id: message.id, sentAt })
    }
  }
  return {
    deletable,
    protected: kept,
    estimatedSeconds: Math.ceil((Math.max(0, deletable.length - 1) * options.spacingMs) / 1000)
  }
}
