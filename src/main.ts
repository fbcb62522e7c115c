/** `npm start`: runs the deployment that EVOLADDER_DEPLOYMENT names (the gateway bot by default). */
import { NodeRuntime } from "@effect/platform-node"
import { runDeployment } from "./deployments/run.js"
import { exitStatusTeardown } from "./ExitStatus.js"

NodeRuntime.runMain(runDeployment, { disableErrorReporting: true, teardown: exitStatusTeardown })
