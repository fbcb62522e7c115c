/**
 * dfx 0.127 always opens its first gateway connection to `wss://gateway.discord.gg/` (it ignores
 * the URL `GET /gateway/bot` returns). This `Socket.WebSocketConstructor` rewrites that URL to
 * another gateway, e.g. the fake's, and leaves every other URL (resume URLs) alone. Self-contained
 * so it can be copied into `src/` for a `DISCORD_GATEWAY_URL` setting.
 */
import { Socket } from "@effect/platform"
import { NodeSocket } from "@effect/platform-node"
import { Config, Effect, Layer, Option } from "effect"

const discordGateway = /^wss:\/\/gateway\.discord\.gg\/?/

/** `wss://gateway.discord.gg/?v=10&encoding=json` → `${gatewayUrl}?v=10&encoding=json`. */
export const redirectGatewayUrl = (url: string, gatewayUrl: string): string =>
  url.replace(discordGateway, gatewayUrl.replace(/\/$/, ""))

/** A WebSocket constructor (Node's, from `@effect/platform-node`) that sends dfx's gateway connection to `gatewayUrl`. */
export const layer = (gatewayUrl: string): Layer.Layer<Socket.WebSocketConstructor> =>
  Layer.effect(
    Socket.WebSocketConstructor,
    Effect.map(
      Socket.WebSocketConstructor,
      (make) => (url: string, protocols?: string | Array<string>) =>
        make(redirectGatewayUrl(url, gatewayUrl), protocols)
    )
  ).pipe(Layer.provide(NodeSocket.layerWebSocketConstructor))

/** `layer(url)` when the setting (e.g. `Config.string("DISCORD_GATEWAY_URL")`) is set, Node's plain constructor otherwise. */
export const layerConfig = (gatewayUrl: Config.Config<string>): Layer.Layer<Socket.WebSocketConstructor> =>
  Layer.unwrapEffect(
    Effect.map(
      Effect.orElseSucceed(Config.option(gatewayUrl), () => Option.none<string>()),
      Option.match({ onNone: () => NodeSocket.layerWebSocketConstructor, onSome: layer })
    )
  )
