/**
 * Rate-limit headers on every answer (so dfx's limiter has buckets to track) and 429s that a test
 * arms for a route. The fake never rate-limits on its own: only armed 429s happen.
 */
import { createHash } from "node:crypto"

export interface RateLimitOptions {
  /** Seconds the bot must wait; Discord's `retry_after` (default 0.2). */
  readonly retryAfter?: number
  /** A global limit: `x-ratelimit-global`, scope "global", and only `retry-after` (whole seconds). */
  readonly global?: boolean
  /** How many consecutive matching requests are answered 429 (default 1). */
  readonly times?: number
}

/** A route template as the fake names it (`"POST /channels/:channel/messages"`), or a regexp on `"METHOD /path"`. */
export type RoutePattern = string | RegExp

interface Armed {
  readonly pattern: RoutePattern
  readonly retryAfter: number
  readonly global: boolean
  remaining: number
}

export interface LimitAnswer {
  readonly headers: Record<string, string>
  readonly body: { readonly message: string; readonly retry_after: number; readonly global: boolean }
}

export class RateLimits {
  private readonly armed: Array<Armed> = []

  constructor(
    private readonly now: () => number,
    private readonly limit: number,
    private readonly resetAfterSeconds: number
  ) {}

  arm(pattern: RoutePattern, options: RateLimitOptions = {}): void {
    this.armed.push({
      pattern,
      retryAfter: options.retryAfter ?? 0.2,
      global: options.global ?? false,
      remaining: options.times ?? 1
    })
  }

  /** Consumes an armed 429 for this request, if one matches. */
  take(route: string, method: string, path: string): LimitAnswer | undefined {
    const request = `${method} ${path}`
    const armed = this.armed.find((a) =>
      typeof a.pattern === "string" ? a.pattern === route : a.pattern.test(request)
    )
    if (armed === undefined) return undefined
    armed.remaining -= 1
    if (armed.remaining <= 0) this.armed.splice(this.armed.indexOf(armed), 1)
    const body = {
      message: "You are being rate limited.",
      retry_after: armed.retryAfter,
      global: armed.global
    }
    if (armed.global)
      return {
        body,
        headers: {
          "retry-after": String(Math.ceil(armed.retryAfter)),
          "x-ratelimit-global": "true",
          "x-ratelimit-scope": "global"
        }
      }
    return {
      body,
      headers: {
        ...this.bucketHeaders(route, 0, armed.retryAfter),
        "retry-after": String(Math.ceil(armed.retryAfter)),
        "x-ratelimit-scope": "user"
      }
    }
  }

  /** Headers for a successful answer: a generous bucket, so dfx never waits on its own. */
  success(route: string): Record<string, string> {
    return this.bucketHeaders(route, this.limit - 1, this.resetAfterSeconds)
  }

  private bucketHeaders(route: string, remaining: number, resetAfter: number): Record<string, string> {
    return {
      "x-ratelimit-bucket": createHash("sha1").update(route).digest("hex").slice(0, 16),
      "x-ratelimit-limit": String(this.limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": ((this.now() + resetAfter * 1000) / 1000).toFixed(3),
      "x-ratelimit-reset-after": resetAfter.toFixed(3)
    }
  }
}
