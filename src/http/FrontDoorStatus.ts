/**
 * Whether the deployment's front door takes interactions, for `/healthz`: the gateway bot once its
 * shard has a session (READY, or RESUMED after a reconnect), the webhook once its server is up and
 * the commands are registered.
 *
 * dfx publishes dispatches but no connection events; the first dispatch of any kind also counts as
 * READY, so that a READY published before this subscribed (dfx's hub does not replay) still comes
 * through with the GUILD_CREATE that follows it. A dropped connection is seen only when dfx resumes.
 */
import { Discord } from "dfx"
import { DiscordGateway } from "dfx/gateway"
import { Clock, Context, Effect, Layer, Ref, Stream } from "effect"

export interface FrontDoorState {
  readonly kind: "gateway" | "webhook"
  readonly ready: boolean
  readonly detail: string
}

export interface FrontDoorStatusShape {
  readonly current: Effect.Effect<FrontDoorState>
  readonly markReady: (detail: string) => Effect.Effect<void>
}

export class FrontDoorStatus extends Context.Tag("FrontDoorStatus")<FrontDoorStatus, FrontDoorStatusShape>() {
  static readonly make = (kind: FrontDoorState["kind"], waiting: string) =>
    Layer.effect(
      FrontDoorStatus,
      Effect.map(Ref.make<FrontDoorState>({ kind, ready: false, detail: waiting }), (state) => ({
        current: Ref.get(state),
        markReady: (detail: string) => Ref.set(state, { kind, ready: true, detail })
      }))
    )

  /** Ready for interactions once the webhook calls `markReady` (commands registered). */
  static readonly webhook = FrontDoorStatus.make("webhook", "registering commands")

  /** Follows the gateway's dispatches; subscribed while the layer is built, before READY can arrive. */
  static readonly gateway = Layer.scopedDiscard(
    Effect.gen(function* () {
      const gateway = yield* DiscordGateway
      const status = yield* FrontDoorStatus
      yield* gateway.dispatch.pipe(
        Stream.runForEach((payload) =>
          Effect.gen(function* () {
            const event = payload.t === Discord.GatewayDispatchEvents.Resumed ? "RESUMED" : "READY"
            const session = payload.t === Discord.GatewayDispatchEvents.Ready || event === "RESUMED"
            if (!session && (yield* status.current).ready) return
            const now = yield* Clock.currentTimeMillis
            yield* status.markReady(`${event} at ${new Date(now).toISOString()}`)
          })
        ),
        Effect.forkScoped
      )
      // Let the forked subscriber subscribe before anything else happens.
      yield* Effect.yieldNow()
    })
  ).pipe(Layer.provideMerge(FrontDoorStatus.make("gateway", "waiting for READY")))
}
