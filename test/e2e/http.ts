/** Plain HTTP for the operations tests: a free port, and GET with status, content type and body. */
import { Effect } from "effect"

export { freePort } from "../../src/simulation/freePort.js"

export interface Answer {
  readonly status: number
  readonly contentType: string
  readonly body: string
}

/** Fails (rather than dies) when nothing listens, so that callers can wait for a server. */
export const get = (url: string) =>
  Effect.tryPromise(async (): Promise<Answer> => {
    const response = await fetch(url)
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      body: await response.text()
    }
  })

/** The value of the sample `series` (name and labels exactly as exposed), if present. */
export const sample = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}
