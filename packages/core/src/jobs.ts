import type { JobsCore, RequestOptions } from "./contracts.js";
import {
  ackJob,
  ackJobOutcome,
  cancelJob,
  completeJob,
  createJob,
  deleteJob,
  executeJob,
  failJob,
  getJob,
  getJobExecutionPlan,
  listJobs,
  previewJobMutation,
  retryJob,
  splitJob,
  updateJob,
  updateJobExecutionPlan,
  updateJobExecutionPlanFields,
} from "./operations.js";
import { type IterateOptions, iterateJobs, type JobIterable } from "./pagination.js";
import type {
  Job,
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
import { type WaitForOptions, waitForJob } from "./wait-for-job.js";

/**
 * The 17 operations of the Jobs API. Names and argument order follow `@flatfile/api`'s `jobs` resource:
 * the job id first, then the body or query, then per-request options.
 */
export interface JobsResource {
  /** Lists jobs, one page at a time (`GET /jobs`). */
  list(query?: ListJobsQuery, options?: RequestOptions): Promise<OperationResult<"list">>;
  /**
   * Every job across all pages of `list`, fetching the next page while the current one is used:
   * `for await (const job of client.jobs.iterate({ spaceId }))`; `.pages()` walks a page at a time.
   */
  iterate(query?: ListJobsQuery, options?: IterateOptions): JobIterable;
  /**
   * Polls a job until it ends: resolves with it when `complete`, throws `JobFailedError` when `failed`,
   * `JobCanceledError` when `canceled`, `JobWaitTimeoutError` at the deadline.
   */
  waitFor(jobId: string, options?: WaitForOptions): Promise<Job>;
  /** Creates a job (`POST /jobs`). */
  create(body: JobConfig, options?: RequestOptions): Promise<OperationResult<"create">>;
  /** Gets one job (`GET /jobs/{jobId}`). */
  get(jobId: string, options?: RequestOptions): Promise<OperationResult<"get">>;
  /** Updates a job's config, status, progress, info or metadata (`PATCH /jobs/{jobId}`). */
  update(jobId: string, body: JobUpdate, options?: RequestOptions): Promise<OperationResult<"update">>;
  /** Deletes a job (`DELETE /jobs/{jobId}`). */
  delete(jobId: string, options?: RequestOptions): Promise<OperationResult<"delete">>;
  /** Executes a job (`POST /jobs/{jobId}/execute`). Resolves to `Success`, not to the job. */
  execute(jobId: string, options?: RequestOptions): Promise<OperationResult<"execute">>;
  /** Gets a job's execution plan (`GET /jobs/{jobId}/plan`). */
  getExecutionPlan(jobId: string, options?: RequestOptions): Promise<OperationResult<"getExecutionPlan">>;
  /** Replaces a job's execution plan (`PUT /jobs/{jobId}/plan`). */
  updateExecutionPlan(
    jobId: string,
    body: JobExecutionPlanRequest,
    options?: RequestOptions,
  ): Promise<OperationResult<"updateExecutionPlan">>;
  /** Updates some fields of a job's execution plan (`PATCH /jobs/{jobId}/plan`). */
  updateExecutionPlanFields(
    jobId: string,
    body: JobExecutionPlanConfigRequest,
    options?: RequestOptions,
  ): Promise<OperationResult<"updateExecutionPlanFields">>;
  /** Acknowledges a job, optionally with progress and info (`POST /jobs/{jobId}/ack`). */
  ack(jobId: string, body?: JobAckDetails, options?: RequestOptions): Promise<OperationResult<"ack">>;
  /** Acknowledges a job's outcome (`POST /jobs/{jobId}/outcome/ack`). */
  ackOutcome(jobId: string, options?: RequestOptions): Promise<OperationResult<"ackOutcome">>;
  /** Completes a job, optionally with an outcome (`POST /jobs/{jobId}/complete`). */
  complete(jobId: string, body?: JobCompleteDetails, options?: RequestOptions): Promise<OperationResult<"complete">>;
  /** Fails a job, optionally with an outcome (`POST /jobs/{jobId}/fail`). */
  fail(jobId: string, body?: JobCompleteDetails, options?: RequestOptions): Promise<OperationResult<"fail">>;
  /** Cancels a job (`POST /jobs/{jobId}/cancel`). */
  cancel(jobId: string, body?: JobCancelDetails, options?: RequestOptions): Promise<OperationResult<"cancel">>;
  /** Retries a failed job (`POST /jobs/{jobId}/retry`). */
  retry(jobId: string, options?: RequestOptions): Promise<OperationResult<"retry">>;
  /** Previews what a mutation would change, without changing anything (`POST /jobs/preview-mutation`). */
  previewMutation(body: MutateJobConfig, options?: RequestOptions): Promise<OperationResult<"previewMutation">>;
  /** Splits a job into parts (`POST /jobs/{jobId}/split`). */
  split(jobId: string, body: JobSplitDetails, options?: RequestOptions): Promise<OperationResult<"split">>;
}

/** `client.jobs`: the operation functions, bound to one client. */
export function createJobsResource(client: JobsCore): JobsResource {
  const bind =
    <A extends unknown[], R>(operation: (client: JobsCore, ...args: A) => R) =>
    (...args: A) =>
      operation(client, ...args);
  return {
    list: bind(listJobs),
    iterate: bind(iterateJobs),
    waitFor: bind(waitForJob),
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
