/**
 * Generated from openapi/openapi.yaml by `pnpm generate` (tools/src/codegen-operations.ts).
 * `client.jobs`: the operations as methods of one client, and the helpers `iterate` and `waitFor`.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

import type { JobsCore, RequestOptions } from "../contracts.js";
import { type IterateOptions, iterateJobs, type JobIterable } from "../pagination.js";
import type { Job, OperationResult } from "../types.js";
import { type WaitForOptions, waitForJob } from "../wait-for-job.js";
import {
  listJobs,
  createJob,
  getJob,
  updateJob,
  deleteJob,
  executeJob,
  getJobExecutionPlan,
  updateJobExecutionPlan,
  updateJobExecutionPlanFields,
  ackJob,
  ackJobOutcome,
  completeJob,
  failJob,
  cancelJob,
  retryJob,
  previewJobMutation,
  splitJob,
  type ListJobsQuery,
  type JobConfig,
  type JobUpdate,
  type JobExecutionPlanRequest,
  type JobExecutionPlanConfigRequest,
  type JobAckDetails,
  type JobCompleteDetails,
  type JobCancelDetails,
  type MutateJobConfig,
  type JobSplitDetails,
} from "./operations.js";

/**
 * The operations of the Jobs API as methods. Names and argument order follow `@flatfile/api`'s `jobs` resource:
 * the path's parameters (the job id) first, then the body or query, then per-request options. Apps use it and
 * never implement it: a method added with a new operation of the API is a minor release.
 *
 * @sealed
 */
export interface JobsResource {
  /**
   * Every job across all pages of `list`, fetching the next page while the current one is used:
   * `for await (const job of client.jobs.iterate({ spaceId }))`; `.pages()` walks a page at a time.
   */
  iterate(query?: ListJobsQuery, options?: IterateOptions): JobIterable;
  /**
   * Polls a job until it ends (`TERMINAL_JOB_STATUSES`): resolves with it when it succeeded (`complete`), throws
   * `JobFailedError` when it `failed`, `JobCanceledError` when `canceled`, `JobWaitTimeoutError` at the deadline.
   */
  waitFor(jobId: string, options?: WaitForOptions): Promise<Job>;
  /**
   * List jobs (`GET /jobs`).
   *
   * Returns a page of jobs. Every query parameter is optional and narrows the result:
   * by environment, space, workbook, file, parent job or `source`. `pageSize` defaults to 20.
   */
  list(query?: ListJobsQuery, options?: RequestOptions): Promise<OperationResult<"list">>;
  /**
   * Create a job (`POST /jobs`).
   *
   * Creates a job. The body is a `JobConfig`: `type`, `operation` and `source` are required;
   * `config` carries the type-specific configuration.
   */
  create(body: JobConfig, options?: RequestOptions): Promise<OperationResult<"create">>;
  /**
   * Get a job (`GET /jobs/{jobId}`).
   *
   * Returns a single job.
   */
  get(jobId: string, options?: RequestOptions): Promise<OperationResult<"get">>;
  /**
   * Update a job (`PATCH /jobs/{jobId}`).
   *
   * Updates a job. Every field of the `JobUpdate` body is optional; only the fields sent
   * are changed.
   */
  update(jobId: string, body: JobUpdate, options?: RequestOptions): Promise<OperationResult<"update">>;
  /**
   * Delete a job (`DELETE /jobs/{jobId}`).
   *
   * Deletes a job. The response is `200` with a `Success` body, not `204`.
   */
  delete(jobId: string, options?: RequestOptions): Promise<OperationResult<"delete">>;
  /**
   * Execute a job (`POST /jobs/{jobId}/execute`).
   *
   * Execute a job and return the job. Note: despite this wording (taken from Flatfile's
   * definition), the declared `200` body is `Success` (`{data: {success}}`), not the job.
   */
  execute(jobId: string, options?: RequestOptions): Promise<OperationResult<"execute">>;
  /**
   * Get a job's execution plan (`GET /jobs/{jobId}/plan`).
   *
   * Returns a single job's execution plan, together with the job.
   */
  getExecutionPlan(jobId: string, options?: RequestOptions): Promise<OperationResult<"getExecutionPlan">>;
  /**
   * Replace a job's plan (`PUT /jobs/{jobId}/plan`).
   *
   * Update a job's entire execution plan. The body repeats `jobId` (and names the `fileId`)
   * even though the job is already in the path.
   */
  updateExecutionPlan(jobId: string, body: JobExecutionPlanRequest, options?: RequestOptions): Promise<OperationResult<"updateExecutionPlan">>;
  /**
   * Update a job's plan (`PATCH /jobs/{jobId}/plan`).
   *
   * Update one or more individual fields on a job's execution plan. Only `fileId` and
   * `jobId` are required in the body.
   */
  updateExecutionPlanFields(jobId: string, body: JobExecutionPlanConfigRequest, options?: RequestOptions): Promise<OperationResult<"updateExecutionPlanFields">>;
  /**
   * Acknowledge a job (`POST /jobs/{jobId}/ack`).
   *
   * Acknowledge a job and return the job. A listener calls this when it picks the job up;
   * the optional body reports `info`, `progress` and an estimated completion time. Without a
   * body, nothing is sent.
   */
  ack(jobId: string, body?: JobAckDetails, options?: RequestOptions): Promise<OperationResult<"ack">>;
  /**
   * Acknowledge a job outcome (`POST /jobs/{jobId}/outcome/ack`).
   *
   * Acknowledge a job outcome and return the job. This sets the job's
   * `outcomeAcknowledgedAt`.
   */
  ackOutcome(jobId: string, options?: RequestOptions): Promise<OperationResult<"ackOutcome">>;
  /**
   * Complete a job (`POST /jobs/{jobId}/complete`).
   *
   * Complete a job and return the job. The optional body sets the outcome shown to the user
   * and a final status text. Without a body, nothing is sent.
   */
  complete(jobId: string, body?: JobCompleteDetails, options?: RequestOptions): Promise<OperationResult<"complete">>;
  /**
   * Fail a job (`POST /jobs/{jobId}/fail`).
   *
   * Fail a job and return the job. The optional body has the same type as `complete`'s
   * (`JobCompleteDetails`); there is no separate fail type. Without a body, nothing is sent.
   */
  fail(jobId: string, body?: JobCompleteDetails, options?: RequestOptions): Promise<OperationResult<"fail">>;
  /**
   * Cancel a job (`POST /jobs/{jobId}/cancel`).
   *
   * Cancel a job and return the job. The optional body gives the reason. Without a body,
   * nothing is sent.
   */
  cancel(jobId: string, body?: JobCancelDetails, options?: RequestOptions): Promise<OperationResult<"cancel">>;
  /**
   * Retry a failed job (`POST /jobs/{jobId}/retry`).
   *
   * Retry a failed job and return the job. (Flatfile's own text reads "Retry a failt job and
   * return the job".)
   */
  retry(jobId: string, options?: RequestOptions): Promise<OperationResult<"retry">>;
  /**
   * Preview a mutation (`POST /jobs/preview-mutation`).
   *
   * Preview the results of a mutation: runs `mutateRecord` against the selected records of a
   * sheet and returns the records as they would look, without saving them.
   */
  previewMutation(body: MutateJobConfig, options?: RequestOptions): Promise<OperationResult<"previewMutation">>;
  /**
   * Split a job (`POST /jobs/{jobId}/split`).
   *
   * Split a job into parts and return the (parent) job. `parts` is either the number of
   * parts to create or one data object per part.
   */
  split(jobId: string, body: JobSplitDetails, options?: RequestOptions): Promise<OperationResult<"split">>;
}

/** `client.jobs`: the operation functions, bound to one client. */
export function createJobsResource(client: JobsCore): JobsResource {
  const bind =
    <A extends unknown[], R>(operation: (client: JobsCore, ...args: A) => R) =>
    (...args: A) =>
      operation(client, ...args);
  return {
    iterate: bind(iterateJobs),
    waitFor: bind(waitForJob),
    list: bind(listJobs),
    create: bind(createJob),
    get: bind(getJob),
    update: bind(updateJob),
    delete: bind(deleteJob),
    execute: bind(executeJob),
    getExecutionPlan: bind(getJobExecutionPlan),
    updateExecutionPlan: bind(updateJobExecutionPlan),
    updateExecutionPlanFields: bind(updateJobExecutionPlanFields),
    ack: bind(ackJob),
    ackOutcome: bind(ackJobOutcome),
    complete: bind(completeJob),
    fail: bind(failJob),
    cancel: bind(cancelJob),
    retry: bind(retryJob),
    previewMutation: bind(previewJobMutation),
    split: bind(splitJob),
  };
}
