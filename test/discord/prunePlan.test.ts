import { describe, expect, it } from "vitest"
import { planPrune, PRUNE_TITLES } from "../../src/discord/commands/prunePlan.js"

const MINUTE = 60_000
const NOW = Date.UTC(2026, 10, 29, 12)
const BOT = "900000000000000001"

const message = (
  id: string,
  minutesAgo: number,
  extra: { author?: string; title?: string; customId?: string } = {}
) => ({
  id,
  author: {
    id: extra.author ?? BOT,
    username: "x",
    discriminator: "0",
    avatar: null,
    global_name: null,
    public_flags: 0
  },
  timestamp: new Date(NOW - minutesAgo * MINUTE).toISOString(),
  embeds: extra.title === undefined ? [] : [{ title: extra.title }],
  components:
    extra.customId === undefined
      ? []
      : [
          {
            type: 1 as const,
            components: [{ type: 2 as const, style: 1 as const, custom_id: extra.customId }]
          }
        ]
})

const options = {
  botId: BOT,
  now: NOW,
  minAgeMs: 180 * MINUTE,
  spacingMs: 1000,
  liveViewIds: new Set(["live01"])
}

describe("planPrune", () => {
  it("deletes only the bot's messages older than the minimum age, and counts what it keeps", () => {
    const plan = planPrune(
      [
        message("9", 5),
        message("8", 200, { author: "100000000000000001" }),
        message("7", 240, { customId: "setup:confirm:live01" }),
        message("6", 300, { customId: "setup:confirm:dead01" }),
        message("5", 400, { title: PRUNE_TITLES.done }),
        message("4", 500, { customId: "prune:confirm:old" }),
        message("3", 181),
        message("2", 179)
      ],
      options
    )
    expect(plan.deletable.map((m) => m.id)).toEqual(["6", "3"])
    expect(plan.protected).toEqual({ recent: 2, active: 1, prune: 2 })
    expect(plan.estimatedSeconds).toBe(1)
  })

  it("has nothing to do in an empty DM", () => {
    expect(planPrune([], options)).toEqual({
      deletable: [],
      protected: { recent: 0, active: 0, prune: 0 },
      estimatedSeconds: 0
    })
  })
})
