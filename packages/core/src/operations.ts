// The 17 operations of the Jobs API as functions that take the client first. A bundler keeps only the ones an
// app imports; `client.jobs` offers the same operations as methods.
import { CALL, type JobsCore, type RequestOptions } from "./contracts.js";
import type { operations } from "./generated/schema.js";
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

type Result<Op extends keyof operations> = Promise<OperationResult<Op>>;

/** Lists jobs, one page at a time (`GET /jobs`). */
export function listJobs(client: JobsCore, query?: ListJobsQuery, options?: RequestOptions): Result<"list"> {
  return client[CALL]({ method: "GET", path: "/jobs", idempotent: true }, undefined, { query }, options);
}

/** Creates a job (`POST /jobs`). */
export function createJob(client: JobsCore, body: JobConfig, options?: RequestOptions): Result<"create"> {
  return client[CALL]({ method: "POST", path: "/jobs", idempotent: false }, undefined, { body }, options);
}

/** Gets one job (`GET /jobs/{jobId}`). */
export function getJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"get"> {
  return client[CALL]({ method: "GET", path: "/jobs/{jobId}", idempotent: true }, jobId, {}, options);
}

/** Updates a job's config, status, progress, info or metadata (`PATCH /jobs/{jobId}`). */
export function updateJob(
  client: JobsCore,
  jobId: string,
  body: JobUpdate,
  options?: RequestOptions,
): Result<"update"> {
  return client[CALL]({ method: "PATCH", path: "/jobs/{jobId}", idempotent: false }, jobId, { body }, options);
}

/** Deletes a job (`DELETE /jobs/{jobId}`). */
export function deleteJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"delete"> {
  return client[CALL]({ method: "DELETE", path: "/jobs/{jobId}", idempotent: true }, jobId, {}, options);
}

/** Executes a job (`POST /jobs/{jobId}/execute`). Resolves to `Success`, not to the job. */
export function executeJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"execute"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/execute", idempotent: false }, jobId, {}, options);
}

/** Gets a job's execution plan (`GET /jobs/{jobId}/plan`). */
export function getJobExecutionPlan(
  client: JobsCore,
  jobId: string,
  options?: RequestOptions,
): Result<"getExecutionPlan"> {
  return client[CALL]({ method: "GET", path: "/jobs/{jobId}/plan", idempotent: true }, jobId, {}, options);
}

/** Replaces a job's execution plan (`PUT /jobs/{jobId}/plan`). */
export function updateJobExecutionPlan(
  client: JobsCore,
  jobId: string,
  body: JobExecutionPlanRequest,
  options?: RequestOptions,
): Result<"updateExecutionPlan"> {
  return client[CALL]({ method: "PUT", path: "/jobs/{jobId}/plan", idempotent: true }, jobId, { body }, options);
}

/** Updates some fields of a job's execution plan (`PATCH /jobs/{jobId}/plan`). */
export function updateJobExecutionPlanFields(
  client: JobsCore,
  jobId: string,
  body: JobExecutionPlanConfigRequest,
  options?: RequestOptions,
): Result<"updateExecutionPlanFields"> {
  return client[CALL]({ method: "PATCH", path: "/jobs/{jobId}/plan", idempotent: false }, jobId, { body }, options);
}

/** Acknowledges a job, optionally with progress and info (`POST /jobs/{jobId}/ack`). */
export function ackJob(client: JobsCore, jobId: string, body?: JobAckDetails, options?: RequestOptions): Result<"ack"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/ack", idempotent: false }, jobId, { body }, options);
}

/** Acknowledges a job's outcome (`POST /jobs/{jobId}/outcome/ack`). */
export function ackJobOutcome(client: JobsCore, jobId: string, options?: RequestOptions): Result<"ackOutcome"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/outcome/ack", idempotent: false }, jobId, {}, options);
}

/** Completes a job, optionally with an outcome (`POST /jobs/{jobId}/complete`). */
export function completeJob(
  client: JobsCore,
  jobId: string,
  body?: JobCompleteDetails,
  options?: RequestOptions,
): Result<"complete"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/complete", idempotent: false }, jobId, { body }, options);
}

/** Fails a job, optionally with an outcome (`POST /jobs/{jobId}/fail`). */
export function failJob(
  client: JobsCore,
  jobId: string,
  body?: JobCompleteDetails,
  options?: RequestOptions,
): Result<"fail"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/fail", idempotent: false }, jobId, { body }, options);
}

/** Cancels a job (`POST /jobs/{jobId}/cancel`). */
export function cancelJob(
  client: JobsCore,
  jobId: string,
  body?: JobCancelDetails,
  options?: RequestOptions,
): Result<"cancel"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/cancel", idempotent: false }, jobId, { body }, options);
}

/** Retries a failed job (`POST /jobs/{jobId}/retry`). */
export function retryJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"retry"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/retry", idempotent: false }, jobId, {}, options);
}

/** Previews what a mutation would change, without changing anything (`POST /jobs/preview-mutation`). */
export function previewJobMutation(
  client: JobsCore,
  body: MutateJobConfig,
  options?: RequestOptions,
): Result<"previewMutation"> {
  return client[CALL](
    { method: "POST", path: "/jobs/preview-mutation", idempotent: true },
    undefined,
    { body },
    options,
  );
}

/** Splits a job into parts (`POST /jobs/{jobId}/split`). */
export function splitJob(
  client: JobsCore,
  jobId: string,
  body: JobSplitDetails,
  options?: RequestOptions,
): Result<"split"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/split", idempotent: false }, jobId, { body }, options);
}
