/** A TCP port on 127.0.0.1 that is free right now (the OS picks it). */
import { Effect } from "effect"
import { createServer } from "node:net"

export const freePort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => {
      resume(Effect.succeed(port))
    })
  })
})
