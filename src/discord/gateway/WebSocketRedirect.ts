/**
 * dfx 0.127 opens its first gateway connection to a hard-coded `wss://gateway.discord.gg/` (it never
 * passes the URL from `GET /gateway/bot` on). This WebSocket constructor sends that connection to
 * DISCORD_GATEWAY_URL when set (a local Discord for tests and demos), and everything else unchanged.
 */
import { Socket } from "@effect/platform"
import { NodeSocket } from "@effect/platform-node"
import { Effect, Layer, Option } from "effect"
import { AppConfig } from "../../config.js"

const HARD_CODED_GATEWAY = /^wss:\/\/gateway\.discord\.gg\/?/

export const redirectGateway = (url: string, gatewayUrl: string): string =>
  url.replace(HARD_CODED_GATEWAY, gatewayUrl.endsWith("/") ? gatewayUrl : `${gatewayUrl}/`)

const redirecting = (gatewayUrl: string) =>
  Layer.effect(
    Socket.WebSocketConstructor,
    Effect.map(
      Socket.WebSocketConstructor,
      (connect) => (url: string, protocols?: string | Array<string>) =>
        connect(redirectGateway(url, gatewayUrl), protocols)
    )
  ).pipe(Layer.provide(NodeSocket.layerWebSocketConstructor))

export const WebSocketConstructorLive = Layer.unwrapEffect(
  Effect.map(AppConfig, ({ discord }) =>
    Option.match(discord.gatewayUrl, {
      onNone: () => NodeSocket.layerWebSocketConstructor,
      onSome: redirecting
    })
  )
)
