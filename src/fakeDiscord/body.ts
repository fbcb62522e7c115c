/**
 * Request and response bodies: JSON, or `multipart/form-data` with `payload_json` and `files[n]`
 * (how dfx uploads files).
 */
import type { IncomingMessage } from "node:http"
import { parseJson, type Json } from "./json.js"

export interface UploadedFile {
  /** The form field name, e.g. `files[0]`; `n` matches `attachments[].id` in the payload. */
  readonly field: string
  readonly filename: string
  readonly contentType: string
  readonly bytes: Uint8Array
}

export interface ParsedBody {
  readonly json: Json | undefined
  readonly files: ReadonlyArray<UploadedFile>
  /** Set when the body was present but not decodable. */
  readonly malformed: boolean
}

export const emptyBody: ParsedBody = { json: undefined, files: [], malformed: false }

export const readRequest = async (req: IncomingMessage): Promise<Uint8Array> => {
  const chunks: Array<Uint8Array> = []
  for await (const chunk of req) {
    if (chunk instanceof Uint8Array) chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export const parseBody = (bytes: Uint8Array, contentType: string | undefined): ParsedBody => {
  if (bytes.length === 0) return emptyBody
  const type = contentType ?? ""
  if (type.startsWith("multipart/form-data")) return parseMultipart(Buffer.from(bytes), type)
  const json = parseJson(Buffer.from(bytes).toString("utf8"))
  return { json, files: [], malformed: json === undefined }
}

const crlf = Buffer.from("\r\n")
const headerEnd = Buffer.from("\r\n\r\n")

/** RFC 7578 parts: `--boundary CRLF headers CRLF CRLF content CRLF`, ending with `--boundary--`. */
const parseMultipart = (bytes: Buffer, contentType: string): ParsedBody => {
  const found = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const boundary = found?.[1] ?? found?.[2]
  if (boundary === undefined) return { json: undefined, files: [], malformed: true }
  const delimiter = Buffer.from(`--${boundary}`)
  let json: Json | undefined
  const files: Array<UploadedFile> = []
  let at = bytes.indexOf(delimiter)
  while (at >= 0) {
    const start = at + delimiter.length
    if (bytes.subarray(start, start + 2).toString() === "--") break
    const next = bytes.indexOf(delimiter, start)
    if (next < 0) return { json: undefined, files: [], malformed: true }
    const part = bytes.subarray(start + crlf.length, next - crlf.length)
    const split = part.indexOf(headerEnd)
    const headers = part.subarray(0, split < 0 ? 0 : split).toString("utf8")
    const content = split < 0 ? Buffer.alloc(0) : part.subarray(split + headerEnd.length)
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? ""
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1]
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim()
    if (name === "payload_json") json = parseJson(content.toString("utf8"))
    else if (filename !== undefined)
      files.push({
        field: name,
        filename,
        contentType: type ?? "application/octet-stream",
        bytes: new Uint8Array(content)
      })
    at = next
  }
  return { json, files, malformed: false }
}

/** The `n` of a `files[n]` field, which links an upload to `attachments[].id` in `payload_json`. */
export const fileIndex = (file: UploadedFile): string | undefined => /^files\[(\d+)\]$/.exec(file.field)?.[1]
