import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema, TestClock } from "effect"
import { viewKind, ViewState } from "../../src/discord/ViewState.js"
import { Snowflake } from "../../src/domain/Snowflake.js"
import { testCore } from "../support/layers.js"

const ALICE = Snowflake.make("200000000000000001")
const BOB = Snowflake.make("200000000000000002")
const counter = viewKind("counter", Schema.Struct({ n: Schema.Number }))

describe("ViewState", () => {
  it.layer(ViewState.Default.pipe(Layer.provideMerge(testCore())))((it) => {
    it.effect("keeps a view's state for its owner until the view timeout (450 s), renewed by every use", () =>
      Effect.gen(function* () {
        const views = yield* ViewState
        const id = yield* views.open(counter, ALICE, { n: 1 })
        expect(id).toMatch(/^[a-z0-9]{12}$/)
        expect(yield* views.get(counter, id, ALICE)).toEqual({ n: 1 })
        expect((yield* Effect.flip(views.get(counter, id, BOB)))._tag).toBe("ViewExpired")
        yield* TestClock.adjust("400 seconds")
        yield* views.set(counter, id, ALICE, { n: 2 })
        yield* TestClock.adjust("400 seconds")
        expect(yield* views.get(counter, id, ALICE)).toEqual({ n: 2 })
        yield* TestClock.adjust("51 seconds")
        expect((yield* Effect.flip(views.get(counter, id, ALICE)))._tag).toBe("ViewExpired")
        expect((yield* Effect.flip(views.set(counter, id, ALICE, { n: 3 })))._tag).toBe("ViewExpired")
      })
    )

    it.effect("replaces the owner's older view of the same kind when asked (one live view per user)", () =>
      Effect.gen(function* () {
        const views = yield* ViewState
        const first = yield* views.open(counter, ALICE, { n: 1 })
        const second = yield* views.open(counter, ALICE, { n: 2 }, { replace: true })
        expect((yield* Effect.flip(views.get(counter, first, ALICE)))._tag).toBe("ViewExpired")
        expect(yield* views.get(counter, second, ALICE)).toEqual({ n: 2 })
        expect(yield* views.liveIds(ALICE)).toEqual(new Set([second]))
        yield* views.close(second)
        expect(yield* views.liveIds(ALICE)).toEqual(new Set())
      })
    )
  })
})
