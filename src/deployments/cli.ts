import { Command } from "@effect/cli"
import { runDeployment } from "./run.js"

export const runCommand = Command.make("run", {}, () => runDeployment).pipe(
  Command.withDescription("Run the bot (the deployment EVOLADDER_DEPLOYMENT names; gateway by default)")
)
