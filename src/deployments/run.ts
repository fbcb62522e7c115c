/** Starts the deployment `EVOLADDER_DEPLOYMENT` names and runs it until interrupted. */
import type { Teardown } from "@effect/platform/Runtime"
import { Cause, ConfigError, Effect, Exit, Layer } from "effect"
import { AppConfig, describeConfigError } from "../config.js"
import { ExitStatus, exitStatusTeardown } from "../ExitStatus.js"
import { GatewayLive } from "./gateway.js"
import { WebhookLive } from "./webhook.js"
import { WorkerLive } from "./worker.js"

/**
 * Runs the configured deployment. Mistakes an operator can fix (a missing token, an invalid
 * setting, a broken data file) end as one readable line and exit status 1.
 */
export const runDeployment = Effect.gen(function* () {
  const { operations } = yield* AppConfig
  switch (operations.deployment) {
    case "gateway":
      return yield* Layer.launch(GatewayLive)
    case "webhook":
      return yield* Layer.launch(WebhookLive)
    case "worker":
      return yield* Layer.launch(WorkerLive)
  }
}).pipe(
  Effect.provide(AppConfig.Default),
  Effect.catchIf(
    (error) => ConfigError.isConfigError(error),
    (error) => new ExitStatus({ code: 1, message: `Invalid configuration: ${describeConfigError(error)}` })
  ),
  Effect.catchTags({
    MissingSetting: (error) => new ExitStatus({ code: 1, message: error.message }),
    LadderDataError: (error) => new ExitStatus({ code: 1, message: `data/${error.file}: ${error.message}` })
  })
)

/**
 * Teardown for the bot: SIGTERM or SIGINT interrupt it, and once every layer has closed in order
 * (see shutdown.ts) that is a clean stop, status 0, as process managers expect; anything else is
 * reported as `exitStatusTeardown` does.
 */
export const deploymentTeardown: Teardown = (exit, onExit) => {
  if (Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause)) onExit(0)
  else exitStatusTeardown(exit, onExit)
}
