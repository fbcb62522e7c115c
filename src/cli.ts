#!/usr/bin/env node
/**
 * The `evoladder` command line (`npx evoladder …`): run the bot, inspect replays, database tasks,
 * simulated seasons.
 * Each subcommand lives beside the feature it belongs to; this file only assembles them.
 */
import { Command } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect } from "effect"
import { dbCommand } from "./db/cli.js"
import { runCommand } from "./deployments/cli.js"
import { deploymentTeardown } from "./deployments/run.js"
import { replayCommand } from "./replay/cli.js"
import { simulateCommand } from "./simulation/cli.js"

const evoladder = Command.make("evoladder").pipe(
  Command.withDescription("EvoLadder: the SC: Evo Complete ladder bot"),
  Command.withSubcommands([runCommand, replayCommand, dbCommand, simulateCommand])
)

const cli = Command.run(evoladder, { name: "evoladder", version: "0.1.0" })

cli(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  // As in main.ts: the bot's own logger only, and a stop by SIGTERM or SIGINT is a clean exit.
  NodeRuntime.runMain({
    disableErrorReporting: true,
    disablePrettyLogger: true,
    teardown: deploymentTeardown
  })
)
