import { Context, Effect, Layer } from "effect"
import { AppConfig } from "../config.js"
import { rateElo, type Outcome, type RatingPair } from "../domain/Rating.js"

/**
 * How ratings move after a game. Callers only see this interface, so another model (Glicko-2,
 * OpenSkill) can be composed in as a different layer; such a model keeps its extra per-rating state
 * in `ratings.model_state`.
 */
export interface RatingModelShape {
  readonly name: string
  /** A new rating row starts here. */
  readonly initial: number
  readonly rate: (before: RatingPair, outcome: Outcome) => RatingPair
}

export class RatingModel extends Context.Tag("RatingModel")<RatingModel, RatingModelShape>() {
  /** The reference's per-race Elo (start 1500, K 40, divisor 500 unless configured otherwise). */
  static readonly Elo = Layer.effect(
    RatingModel,
    Effect.map(AppConfig, ({ rating }) => ({
      name: "elo",
      initial: rating.initial,
      rate: (before: RatingPair, outcome: Outcome) => rateElo(before, outcome, rating)
    }))
  )
}
