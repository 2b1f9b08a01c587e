/**
 * Generated from openapi/openapi.yaml by `pnpm generate` (tools/src/codegen-operations.ts).
 * The operations of the Jobs API as functions that take the client first, and the types of their bodies and
 * queries. A bundler keeps only the functions an app imports; `client.jobs` offers the same operations as methods.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

import { CALL, type JobsCore, type RequestOptions } from "../contracts.js";
import type { OperationResult, Schemas } from "../types.js";
import type { operations } from "./schema.js";

type Result<Op extends keyof operations> = Promise<OperationResult<Op>>;

/** Body of `jobs.create`. */
export type JobConfig = Schemas["JobConfig"];
/** Body of `jobs.update`. */
export type JobUpdate = Schemas["JobUpdate"];
/** Body of `jobs.updateExecutionPlan`. */
export type JobExecutionPlanRequest = Schemas["JobExecutionPlanRequest"];
/** Body of `jobs.updateExecutionPlanFields`. */
export type JobExecutionPlanConfigRequest = Schemas["JobExecutionPlanConfigRequest"];
/** Body of `jobs.ack`. */
export type JobAckDetails = Schemas["JobAckDetails"];
/** Body of `jobs.complete` and `jobs.fail`. */
export type JobCompleteDetails = Schemas["JobCompleteDetails"];
/** Body of `jobs.cancel`. */
export type JobCancelDetails = Schemas["JobCancelDetails"];
/** Body of `jobs.previewMutation`. */
export type MutateJobConfig = Schemas["MutateJobConfig"];
/** Body of `jobs.split`. */
export type JobSplitDetails = Schemas["JobSplitDetails"];
/** Query parameters of `jobs.list`. */
export type ListJobsQuery = NonNullable<operations["list"]["parameters"]["query"]>;

/**
 * List jobs (`GET /jobs`).
 *
 * Returns a page of jobs. Every query parameter is optional and narrows the result:
 * by environment, space, workbook, file, parent job or `source`. `pageSize` defaults to 20.
 */
export function listJobs(client: JobsCore, query?: ListJobsQuery, options?: RequestOptions): Result<"list"> {
  return client[CALL]({ method: "GET", path: "/jobs", idempotent: true }, undefined, { query }, options);
}

/**
 * Create a job (`POST /jobs`).
 *
 * Creates a job. The body is a `JobConfig`: `type`, `operation` and `source` are required;
 * `config` carries the type-specific configuration.
 */
export function createJob(client: JobsCore, body: JobConfig, options?: RequestOptions): Result<"create"> {
  return client[CALL]({ method: "POST", path: "/jobs" }, undefined, { body }, options);
}

/**
 * Get a job (`GET /jobs/{jobId}`).
 *
 * Returns a single job.
 */
export function getJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"get"> {
  return client[CALL]({ method: "GET", path: "/jobs/{jobId}", idempotent: true }, jobId, {}, options);
}

/**
 * Update a job (`PATCH /jobs/{jobId}`).
 *
 * Updates a job. Every field of the `JobUpdate` body is optional; only the fields sent
 * are changed.
 */
export function updateJob(client: JobsCore, jobId: string, body: JobUpdate, options?: RequestOptions): Result<"update"> {
  return client[CALL]({ method: "PATCH", path: "/jobs/{jobId}" }, jobId, { body }, options);
}

/**
 * Delete a job (`DELETE /jobs/{jobId}`).
 *
 * Deletes a job. The response is `200` with a `Success` body, not `204`.
 */
export function deleteJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"delete"> {
  return client[CALL]({ method: "DELETE", path: "/jobs/{jobId}", idempotent: true }, jobId, {}, options);
}

/**
 * Execute a job (`POST /jobs/{jobId}/execute`).
 *
 * Execute a job and return the job. Note: despite this wording (taken from Flatfile's
 * definition), the declared `200` body is `Success` (`{data: {success}}`), not the job.
 */
export function executeJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"execute"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/execute" }, jobId, {}, options);
}

/**
 * Get a job's execution plan (`GET /jobs/{jobId}/plan`).
 *
 * Returns a single job's execution plan, together with the job.
 */
export function getJobExecutionPlan(client: JobsCore, jobId: string, options?: RequestOptions): Result<"getExecutionPlan"> {
  return client[CALL]({ method: "GET", path: "/jobs/{jobId}/plan", idempotent: true }, jobId, {}, options);
}

/**
 * Replace a job's plan (`PUT /jobs/{jobId}/plan`).
 *
 * Update a job's entire execution plan. The body repeats `jobId` (and names the `fileId`)
 * even though the job is already in the path.
 */
export function updateJobExecutionPlan(client: JobsCore, jobId: string, body: JobExecutionPlanRequest, options?: RequestOptions): Result<"updateExecutionPlan"> {
  return client[CALL]({ method: "PUT", path: "/jobs/{jobId}/plan", idempotent: true }, jobId, { body }, options);
}

/**
 * Update a job's plan (`PATCH /jobs/{jobId}/plan`).
 *
 * Update one or more individual fields on a job's execution plan. Only `fileId` and
 * `jobId` are required in the body.
 */
export function updateJobExecutionPlanFields(client: JobsCore, jobId: string, body: JobExecutionPlanConfigRequest, options?: RequestOptions): Result<"updateExecutionPlanFields"> {
  return client[CALL]({ method: "PATCH", path: "/jobs/{jobId}/plan" }, jobId, { body }, options);
}

/**
 * Acknowledge a job (`POST /jobs/{jobId}/ack`).
 *
 * Acknowledge a job and return the job. A listener calls this when it picks the job up;
 * the optional body reports `info`, `progress` and an estimated completion time. Without a
 * body, nothing is sent.
 */
export function ackJob(client: JobsCore, jobId: string, body?: JobAckDetails, options?: RequestOptions): Result<"ack"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/ack" }, jobId, { body }, options);
}

/**
 * Acknowledge a job outcome (`POST /jobs/{jobId}/outcome/ack`).
 *
 * Acknowledge a job outcome and return the job. This sets the job's
 * `outcomeAcknowledgedAt`.
 */
export function ackJobOutcome(client: JobsCore, jobId: string, options?: RequestOptions): Result<"ackOutcome"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/outcome/ack" }, jobId, {}, options);
}

/**
 * Complete a job (`POST /jobs/{jobId}/complete`).
 *
 * Complete a job and return the job. The optional body sets the outcome shown to the user
 * and a final status text. Without a body, nothing is sent.
 */
export function completeJob(client: JobsCore, jobId: string, body?: JobCompleteDetails, options?: RequestOptions): Result<"complete"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/complete" }, jobId, { body }, options);
}

/**
 * Fail a job (`POST /jobs/{jobId}/fail`).
 *
 * Fail a job and return the job. The optional body has the same type as `complete`'s
 * (`JobCompleteDetails`); there is no separate fail type. Without a body, nothing is sent.
 */
export function failJob(client: JobsCore, jobId: string, body?: JobCompleteDetails, options?: RequestOptions): Result<"fail"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/fail" }, jobId, { body }, options);
}

/**
 * Cancel a job (`POST /jobs/{jobId}/cancel`).
 *
 * Cancel a job and return the job. The optional body gives the reason. Without a body,
 * nothing is sent.
 */
export function cancelJob(client: JobsCore, jobId: string, body?: JobCancelDetails, options?: RequestOptions): Result<"cancel"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/cancel" }, jobId, { body }, options);
}

/**
 * Retry a failed job (`POST /jobs/{jobId}/retry`).
 *
 * Retry a failed job and return the job. (Flatfile's own text reads "Retry a failt job and
 * return the job".)
 */
export function retryJob(client: JobsCore, jobId: string, options?: RequestOptions): Result<"retry"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/retry" }, jobId, {}, options);
}

/**
 * Preview a mutation (`POST /jobs/preview-mutation`).
 *
 * Preview the results of a mutation: runs `mutateRecord` against the selected records of a
 * sheet and returns the records as they would look, without saving them.
 */
export function previewJobMutation(client: JobsCore, body: MutateJobConfig, options?: RequestOptions): Result<"previewMutation"> {
  return client[CALL]({ method: "POST", path: "/jobs/preview-mutation", idempotent: true }, undefined, { body }, options);
}

/**
 * Split a job (`POST /jobs/{jobId}/split`).
 *
 * Split a job into parts and return the (parent) job. `parts` is either the number of
 * parts to create or one data object per part.
 */
export function splitJob(client: JobsCore, jobId: string, body: JobSplitDetails, options?: RequestOptions): Result<"split"> {
  return client[CALL]({ method: "POST", path: "/jobs/{jobId}/split" }, jobId, { body }, options);
}
