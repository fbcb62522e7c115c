/** `npm start`: runs the deployment that EVOLADDER_DEPLOYMENT names (the gateway bot by default). */
import { NodeRuntime } from "@effect/platform-node"
import { deploymentTeardown, runDeployment } from "./deployments/run.js"

NodeRuntime.runMain(runDeployment, {
  disableErrorReporting: true,
  // Logging.ts installs the pretty or the JSON logger; runMain's own pretty logger would print every line twice.
  disablePrettyLogger: true,
  teardown: deploymentTeardown
})
