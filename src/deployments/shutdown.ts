/**
 * Shutdown, in order (SIGTERM / SIGINT interrupt `Layer.launch`, and layers close in the reverse of
 * the order they were built): the front door stops taking interactions, then the engine stops (the
 * job processor puts running jobs back to pending), then the parser pool closes within its budgets,
 * and the database closes last. A transaction that has started commits first (DomainEvents).
 *
 * `closed(stage)` is a layer placed just below a stage: released right after it, it logs that the
 * stage closed, so the order can be read in the log (and is checked by a test).
 */
import { Effect, Layer } from "effect"

export const closed = (stage: string) =>
  Layer.scopedDiscard(Effect.addFinalizer(() => Effect.logInfo(`shutdown: ${stage} closed`)))
