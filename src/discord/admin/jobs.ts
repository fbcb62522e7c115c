/** `/admin job_stats` and `/admin dead_jobs`: the replay job queue as an operator needs to see it. */
import { Effect } from "effect"
import { JobQueue } from "../../jobs/JobQueue.js"
import { parserStatus } from "../../http/status.js"
import { Colors } from "../ui/colors.js"
import type { Embed } from "../ui/responses.js"
import { adminEmbed, field } from "./responses.js"

const at = (epochMs: number) => `<t:${Math.floor(epochMs / 1000)}:R>`

export const jobStatsEmbed = Effect.gen(function* () {
  const stats = yield* (yield* JobQueue).stats()
  const parser = yield* parserStatus
  return adminEmbed("📝 Admin: Job Queue", "Replay jobs by status.", Colors.blue, [
    field("Pending", String(stats.pending), true),
    field("Running", String(stats.running), true),
    field("Failed (retrying)", String(stats.failed), true),
    field("Dead", String(stats.dead), true),
    field("Completed", String(stats.completed), true),
    field(
      "Parser",
      parser.mode === "inline"
        ? "inline"
        : `${parser.live}/${parser.configured} workers, ${parser.replacements} replaced`,
      true
    )
  ])
})

export const deadJobsEmbed = (limit: number) =>
  Effect.gen(function* () {
    const dead = yield* (yield* JobQueue).listDead({ limit })
    return adminEmbed(
      "💀 Admin: Dead Jobs",
      dead.length === 0
        ? "No dead jobs."
        : `The ${dead.length} most recent. \`/admin redrive_job\` puts one back to pending.`,
      dead.length === 0 ? Colors.green : Colors.red,
      dead.map((job) =>
        field(
          `#${job.id} · ${job.kind} · ${job.attempts}/${job.maxAttempts} attempts`,
          `died ${at(job.updatedAt)} · key \`${job.idempotencyKey}\`\n${job.lastError ?? "no error recorded"}`
        )
      )
    ) satisfies Embed
  })
