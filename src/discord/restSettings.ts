/** dfx's REST settings from ours, the same for both front doors. */
import { Duration } from "effect"
import type { AppConfigShape } from "../config.js"

export const restSettings = (config: AppConfigShape) => ({
  baseUrl: config.discord.apiUrl,
  globalRateLimit: { limit: config.discord.globalRateLimit, window: Duration.seconds(1) }
})
