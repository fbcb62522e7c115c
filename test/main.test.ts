import { spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { describe, expect, it } from "vitest"

const root = resolve(import.meta.dirname, "..")

/** Runs a TypeScript entry point of the project as a user would, with exactly `env` set. */
const run = (entry: string, args: ReadonlyArray<string>, env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", join(root, entry), ...args], {
    cwd: root,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000
  })

describe("npm start", () => {
  it("without a token prints one line saying what to set, and exits non-zero", () => {
    const dir = mkdtempSync(join(tmpdir(), "evoladder-start-"))
    const result = run("src/main.ts", [], { EVOLADDER_DB: join(dir, "ladder.sqlite") })
    expect(result.status).toBe(1)
    expect(result.stderr.trim().split("\n")).toEqual([
      "EvoLadder needs a Discord bot token: set DISCORD_TOKEN (README.md, 'Create the Discord application', explains where to get one)."
    ])
    expect(result.stdout).toBe("")
  })

  it("with an invalid setting names it in one line", () => {
    const result = run("src/main.ts", [], { DISCORD_TOKEN: "x", EVOLADDER_HTTP_PORT: "eighty" })
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split("\n")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Invalid configuration: .*EVOLADDER_HTTP_PORT/)
  })
})

describe("evoladder db migrate", () => {
  it("creates every table in a new database file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "evoladder-cli-")), "fresh", "ladder.sqlite")
    const result = run("src/cli.ts", ["db", "migrate"], { EVOLADDER_DB: file })
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`Database: ${file}`)
    expect(result.stdout).toContain("Migrations: 1_ladder_schema, 2_interaction_state")
    expect(result.stdout).toContain(
      "Tables: admin_actions, bot_messages, command_calls, interaction_state, jobs, matches, mmr_history, player_action_logs, players, " +
        "queue_activity, queue_entries, queue_preferences, ratings, replays, staff"
    )
  })
})
