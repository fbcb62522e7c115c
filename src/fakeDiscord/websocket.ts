/**
 * A minimal RFC 6455 server side on a raw socket: handshake, masked client frames (text, close,
 * ping, fragments), unmasked server frames. It is all the gateway needs, and it gives the tests
 * exact control over how a connection ends (clean close with a code, or an abrupt drop).
 * No extensions are negotiated, so clients never compress.
 */
import { createHash } from "node:crypto"
import type { IncomingMessage } from "node:http"
import type { Duplex } from "node:stream"

const acceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

export interface WsConnection {
  /** Request path and query, e.g. `/gateway?v=10&encoding=json`. */
  readonly url: string
  readonly isOpen: () => boolean
  readonly send: (text: string) => void
  /** A clean close with a code: the client sees that code. */
  readonly close: (code: number, reason?: string) => void
  /** Drops the TCP connection without a close frame, like a network failure (client sees 1006). */
  readonly destroy: () => void
  readonly onMessage: (listener: (text: string) => void) => void
  readonly onClose: (listener: (code: number | undefined) => void) => void
}

/** Completes the upgrade, or answers 400 and returns `undefined` when it is not a WebSocket request. */
export const acceptWebSocket = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer
): WsConnection | undefined => {
  const key = req.headers["sec-websocket-key"]
  if (typeof key !== "string" || req.headers.upgrade?.toLowerCase() !== "websocket") {
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
    return undefined
  }
  const accept = createHash("sha1")
    .update(key + acceptGuid)
    .digest("base64")
  socket.write(
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`
  )
  return connection(req.url ?? "/", socket, head)
}

const connection = (url: string, socket: Duplex, head: Buffer): WsConnection => {
  let open = true
  let closeCode: number | undefined
  let buffered: Buffer = Buffer.from(head)
  let fragments: Array<Buffer> = []
  const messageListeners: Array<(text: string) => void> = []
  const closeListeners: Array<(code: number | undefined) => void> = []

  const write = (opcode: number, payload: Buffer) => {
    if (!open || socket.destroyed) return
    const length = payload.length
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : length < 65536
          ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)])
    socket.write(Buffer.concat([header, payload]))
  }

  const finish = () => {
    if (!open) return
    open = false
    for (const listener of closeListeners) listener(closeCode)
  }

  const close = (code: number, reason = "") => {
    if (!open) return
    const payload = Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)])
    write(0x8, payload)
    closeCode = code
    socket.end()
    finish()
  }

  const onFrame = (fin: boolean, opcode: number, payload: Buffer) => {
    if (opcode === 0x8) {
      closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005
      close(closeCode)
    } else if (opcode === 0x9) {
      write(0xa, payload)
    } else if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
      fragments.push(payload)
      if (fin) {
        const text = Buffer.concat(fragments).toString("utf8")
        fragments = []
        for (const listener of messageListeners) listener(text)
      }
    }
  }

  const parse = () => {
    for (;;) {
      if (buffered.length < 2) return
      const b0 = buffered[0] ?? 0
      const b1 = buffered[1] ?? 0
      let length = b1 & 0x7f
      let offset = 2
      if (length === 126) {
        if (buffered.length < 4) return
        length = buffered.readUInt16BE(2)
        offset = 4
      } else if (length === 127) {
        if (buffered.length < 10) return
        length = Number(buffered.readBigUInt64BE(2))
        offset = 10
      }
      const masked = (b1 & 0x80) !== 0
      const frameEnd = offset + (masked ? 4 : 0) + length
      if (buffered.length < frameEnd) return
      const mask = masked ? buffered.subarray(offset, offset + 4) : undefined
      const payload = Buffer.from(buffered.subarray(frameEnd - length, frameEnd))
      if (mask !== undefined)
        for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0)
      buffered = buffered.subarray(frameEnd)
      onFrame((b0 & 0x80) !== 0, b0 & 0x0f, payload)
    }
  }

  socket.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk])
    parse()
  })
  socket.on("close", finish)
  socket.on("error", finish)
  if (buffered.length > 0) parse()

  return {
    url,
    isOpen: () => open,
    send: (text) => {
      write(0x1, Buffer.from(text, "utf8"))
    },
    close,
    destroy: () => {
      socket.destroy()
      finish()
    },
    onMessage: (listener) => messageListeners.push(listener),
    onClose: (listener) => closeListeners.push(listener)
  }
}

const bigLength = (length: number): Buffer => {
  const bytes = Buffer.alloc(8)
  bytes.writeBigUInt64BE(BigInt(length))
  return bytes
}
