/** A `jobs` row as stored, and the lease a processor holds on a running one. */
import { Schema } from "effect"
import { rowDecoder } from "../db/rows.js"

/**
 * `failed` means "waiting for a retry at `next_run_at`"; `dead` means "given up, kept with its last
 * error for an operator to inspect or redrive".
 */
export const JobStatus = Schema.Literal("pending", "running", "completed", "failed", "dead")
export type JobStatus = typeof JobStatus.Type

export const JobRow = Schema.Struct({
  id: Schema.Number,
  kind: Schema.String,
  /** JSON, encoded with the kind's payload schema. */
  payload: Schema.String,
  idempotencyKey: Schema.String,
  status: JobStatus,
  /** Attempts started so far, including the one running now. */
  attempts: Schema.Number,
  maxAttempts: Schema.Number,
  nextRunAt: Schema.Number,
  leaseOwner: Schema.NullOr(Schema.String),
  leaseExpiresAt: Schema.NullOr(Schema.Number),
  lastError: Schema.NullOr(Schema.String),
  /** JSON, encoded with the kind's result schema, once completed. */
  result: Schema.NullOr(Schema.String),
  /** No retry is scheduled after this time (see migration 0003). */
  retryUntil: Schema.Number,
  createdAt: Schema.Number,
  updatedAt: Schema.Number,
  completedAt: Schema.NullOr(Schema.Number)
})
export type JobRow = typeof JobRow.Type

export const JobRows = rowDecoder(JobRow)

/**
 * What a processor holds while it runs a job. `attempt` is part of the token: a fiber left over
 * from an earlier claim of the same job (same owner, older attempt) can change nothing.
 */
export interface Lease {
  readonly jobId: number
  readonly owner: string
  readonly attempt: number
}

export const leaseOf = (job: JobRow, owner: string): Lease => ({
  jobId: job.id,
  owner,
  attempt: job.attempts
})
