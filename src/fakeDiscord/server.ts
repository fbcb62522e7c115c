/**
 * The HTTP server on 127.0.0.1 (random port): REST below `/api/v10`, uploaded files below
 * `/attachments`, and WebSocket upgrades below `/gateway`. Stopped when the scope closes.
 */
import { Effect, type Scope } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { handleRest } from "./rest.js"
import type { FakeState } from "./state.js"
import { acceptWebSocket } from "./websocket.js"

const serveAttachment = (state: FakeState, res: ServerResponse, path: string) => {
  const id = path.split("/")[3] ?? ""
  const attachment = state.messages.attachment(id)
  if (attachment === undefined) {
    res.writeHead(404, { "content-type": "text/plain" })
    res.end("not found")
    return
  }
  res.writeHead(200, {
    "content-type": attachment.contentType,
    "content-length": String(attachment.bytes.length)
  })
  res.end(Buffer.from(attachment.bytes))
}

const onRequest = async (state: FakeState, req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? "/", "http://fake")
  try {
    if (url.pathname.startsWith("/api/v10/"))
      await handleRest(state, req, res, url.pathname.slice("/api/v10".length), url.searchParams)
    else if (url.pathname.startsWith("/attachments/") && req.method === "GET")
      serveAttachment(state, res, url.pathname)
    else {
      res.writeHead(404, { "content-type": "application/json" })
      res.end(JSON.stringify({ message: "404: Not Found", code: 0 }))
    }
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" })
    res.end(String(error))
  }
}

/** Starts listening; resolves with the port. */
export const listen = (state: FakeState): Effect.Effect<number, never, Scope.Scope> =>
  Effect.gen(function* () {
    const server = createServer((req, res) => {
      void onRequest(state, req, res)
    })
    server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
      if (!(req.url ?? "").startsWith("/gateway")) {
        socket.destroy()
        return
      }
      const connection = acceptWebSocket(req, socket, head)
      if (connection !== undefined) state.gateway.accept(connection)
    })
    yield* Effect.acquireRelease(
      Effect.async<void>((resume) => {
        server.listen(0, "127.0.0.1", () => {
          resume(Effect.void)
        })
      }),
      () =>
        Effect.async<void>((resume) => {
          state.gateway.closeAll()
          server.closeAllConnections()
          server.close(() => {
            resume(Effect.void)
          })
        })
    )
    const address = server.address()
    return typeof address === "object" && address !== null ? (address satisfies AddressInfo).port : 0
  })
