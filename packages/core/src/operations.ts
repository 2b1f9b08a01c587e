// The 17 operations of the Jobs API as functions that take the client first. A bundler keeps only the ones an
// app imports; `client.jobs` offers the same operations as methods.
import type { JobsCore } from "./client.js";
import type { operations } from "./generated/schema.js";
import { CALL } from "./internal/call.js";
import type {
  JobAckDetails,
  JobCancelDetails,
  JobCompleteDetails,
  JobConfig,
  JobExecutionPlanConfigRequest,
  JobExecutionPlanRequest,
  JobSplitDetails,
  JobUpdate,
  ListJobsQuery,
  MutateJobConfig,
  OperationResult,
} from "./types.js";

/** Options accepted as the last argument of every operation. */
export interface RequestOptions {
  /** Aborts the request (and any retry); the method then rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Time allowed for each attempt, headers and body, in milliseconds. @default the client's `timeout` */
  timeout?: number | undefined;
  /** How many times a failed attempt may be retried. @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /**
   * Overrides the retry policy for this call: `true` retries it like an idempotent request (use it when the
   * operation is safe to repeat), `false` never retries it.
   */
  retry?: boolean | undefined;
  /** Headers added to this request only. */
  headers?: Record<string, string> | undefined;
  /** `@flatfile/api`'s name for `signal`. */
  abortSignal?: AbortSignal | undefined;
  /** `@flatfile/api`'s name for `timeout`, in seconds. */
  timeoutInSeconds?: number | undefined;
}

type Result<Op extends keyof operations> = Promise<OperationResult<Op>>;

/** Lists jobs, one page at a time (`GET /jobs`). */
export function listJobs(client: JobsCore, query?: ListJobsQuery, options?: RequestOptions): Result<"list"> {
  return client[CALL]("GET", "/jobs", undefined, { query }, options);
}

/** Creates a job (`POST /jobs`). */
export function createJob(client: JobsCore, body: JobConfig, options?: RequestOptions): Result<"create"> {
  return client[CALL]("POST", "/jobs", undefined, { body }, options);
}

/** Gets one job (`GET /jobs/{jobId}`). */
export function getJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"get"> {
  return client[CALL]("GET", "/jobs/{jobId}", jobId, {}, options);
}

/** Updates a job's config, status, progress, info or metadata (`PATCH /jobs/{jobId}`). */
export function updateJob(
  client: JobsCore,
  jobId: string,
  body: JobUpdate,
  options?: RequestOptions,
): Result<"update"> {
  return client[CALL]("PATCH", "/jobs/{jobId}", jobId, { body }, options);
}

/** Deletes a job (`DELETE /jobs/{jobId}`). */
export function deleteJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"delete"> {
  return client[CALL]("DELETE", "/jobs/{jobId}", jobId, {}, options);
}

/** Executes a job (`POST /jobs/{jobId}/execute`). Resolves to `Success`, not to the job. */
export function executeJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"execute"> {
  return client[CALL]("POST", "/jobs/{jobId}/execute", jobId, {}, options);
}

/** Gets a job's execution plan (`GET /jobs/{jobId}/plan`). */
export function getJobExecutionPlan(
  client: JobsCore,
  jobId: string,
  options?: RequestOptions,
): Result<"getExecutionPlan"> {
  return client[CALL]("GET", "/jobs/{jobId}/plan", jobId, {}, options);
}

/** Replaces a job's execution plan (`PUT /jobs/{jobId}/plan`). */
export function updateJobExecutionPlan(
  client: JobsCore,
  jobId: string,
  body: JobExecutionPlanRequest,
  options?: RequestOptions,
): Result<"updateExecutionPlan"> {
  return client[CALL]("PUT", "/jobs/{jobId}/plan", jobId, { body }, options);
}

/** Updates some fields of a job's execution plan (`PATCH /jobs/{jobId}/plan`). */
export function updateJobExecutionPlanFields(
  client: JobsCore,
  jobId: string,
  body: JobExecutionPlanConfigRequest,
  options?: RequestOptions,
): Result<"updateExecutionPlanFields"> {
  return client[CALL]("PATCH", "/jobs/{jobId}/plan", jobId, { body }, options);
}

/** Acknowledges a job, optionally with progress and info (`POST /jobs/{jobId}/ack`). */
export function ackJob(client: JobsCore, jobId: string, body?: JobAckDetails, options?: RequestOptions): Result<"ack"> {
  return client[CALL]("POST", "/jobs/{jobId}/ack", jobId, { body }, options);
}

/** Acknowledges a job's outcome (`POST /jobs/{jobId}/outcome/ack`). */
export function ackJobOutcome(client: JobsCore, jobId: string, options?: RequestOptions): Result<"ackOutcome"> {
  return client[CALL]("POST", "/jobs/{jobId}/outcome/ack", jobId, {}, options);
}

/** Completes a job, optionally with an outcome (`POST /jobs/{jobId}/complete`). */
export function completeJob(
  client: JobsCore,
  jobId: string,
  body?: JobCompleteDetails,
  options?: RequestOptions,
): Result<"complete"> {
  return client[CALL]("POST", "/jobs/{jobId}/complete", jobId, { body }, options);
}

/** Fails a job, optionally with an outcome (`POST /jobs/{jobId}/fail`). */
export function failJob(
  client: JobsCore,
  jobId: string,
  body?: JobCompleteDetails,
  options?: RequestOptions,
): Result<"fail"> {
  return client[CALL]("POST", "/jobs/{jobId}/fail", jobId, { body }, options);
}

/** Cancels a job (`POST /jobs/{jobId}/cancel`). */
export function cancelJob(
  client: JobsCore,
  jobId: string,
  body?: JobCancelDetails,
  options?: RequestOptions,
): Result<"cancel"> {
  return client[CALL]("POST", "/jobs/{jobId}/cancel", jobId, { body }, options);
}

/** Retries a failed job (`POST /jobs/{jobId}/retry`). */
export function retryJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"retry"> {
  return client[CALL]("POST", "/jobs/{jobId}/retry", jobId, {}, options);
}

/** Previews what a mutation would change, without changing anything (`POST /jobs/preview-mutation`). */
export function previewJobMutation(
  client: JobsCore,
  body: MutateJobConfig,
  options?: RequestOptions,
): Result<"previewMutation"> {
  return client[CALL]("POST", "/jobs/preview-mutation", undefined, { body }, options);
}

/** Splits a job into parts (`POST /jobs/{jobId}/split`). */
export function splitJob(
  client: JobsCore,
  jobId: string,
  body: JobSplitDetails,
  options?: RequestOptions,
): Result<"split"> {
  return client[CALL]("POST", "/jobs/{jobId}/split", jobId, { body }, options);
}
