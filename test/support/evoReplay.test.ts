import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { checkModHandles } from "../../src/domain/ModCheck.js"
import { decodeReplay } from "../../src/replay/decodeReplay.js"
import { ModHandleList } from "../../src/domain/Mod.js"
import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { corpusAvailable } from "./corpus.js"
import { evoReplay } from "./evoReplay.js"

describe.skipIf(!corpusAvailable)("the match-flow test replay", () => {
  it("decodes to the game it describes, on the official mod", () => {
    const startedAt = Date.UTC(2026, 10, 29, 12, 0, 0)
    const bytes = evoReplay({
      players: [
        { name: "Alice", race: "BW Zerg", result: 1 },
        { name: "Bob", race: "Terran", result: 2 }
      ],
      map: "Khione SEL",
      startedAt,
      durationSeconds: 600
    })
    const replay = Either.getOrThrow(decodeReplay(bytes))
    expect(replay.players.map((p) => [p.name, p.race, p.result])).toEqual([
      ["Alice", "BW Zerg", "win"],
      ["Bob", "Terran", "loss"]
    ])
    expect(replay.map).toBe("Khione SEL")
    expect(Date.parse(replay.playedAt) - replay.durationSeconds * 1000).toBeCloseTo(startedAt, -3)
    expect([replay.privacy, replay.gameSpeed, replay.gameDuration, replay.lockedAlliances]).toEqual([
      "Normal",
      "Faster",
      "Infinite",
      "Yes"
    ])
    expect(replay.observers).toEqual([])
    const list = Schema.decodeUnknownSync(Schema.parseJson(ModHandleList))(
      readFileSync(new URL("../../data/mod-handles/mod-handles-2025-11-07.json", import.meta.url), "utf8")
    )
    expect(checkModHandles(replay.cacheHandles, list)._tag).toBe("Official")
  })
})
