import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { assertJobId } from "./internal/job-id.js";
import { type RawResult, send } from "./internal/send.js";
import type { CallSettings, FetchLike } from "./internal/transport.js";
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

/** Options accepted as the last argument of every `jobs` method. */
export interface RequestOptions {
  /** Aborts the request (and any retry); the method then rejects with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Time allowed for each attempt, headers and body, in milliseconds. @default the client's `timeout` */
  timeout?: number;
  /** How many times a failed attempt may be retried. @default the client's `maxRetries` */
  maxRetries?: number;
  /**
   * Overrides the retry policy for this call: `true` retries it like an idempotent request (use it when the
   * operation is safe to repeat), `false` never retries it.
   */
  retry?: boolean;
  /** Headers added to this request only. */
  headers?: Record<string, string>;
  /** `@flatfile/api`'s name for `signal`. */
  abortSignal?: AbortSignal;
  /** `@flatfile/api`'s name for `timeout`, in seconds. */
  timeoutInSeconds?: number;
}

/** The openapi-fetch options every call passes. */
interface CallInit {
  parseAs: "text";
  signal: AbortSignal | undefined;
  headers: Record<string, string> | undefined;
  fetch: FetchLike;
}

// Flatfile requires this header on every Jobs operation; it keeps the request from firing event hooks.
const HOOKS = { "X-Disable-Hooks": "true" } as const;

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

export function createJobsResource(
  http: Client<paths>,
  transport: (settings: CallSettings) => FetchLike,
  secret: string,
): JobsResource {
  /** Sends one call with its own options: openapi-fetch builds the request, the transport sends it. */
  const run = <T>(
    method: string,
    path: string,
    options: RequestOptions | undefined,
    call: (init: CallInit) => Promise<RawResult>,
  ): Promise<T> => {
    const settings: CallSettings = {
      timeout:
        options?.timeout ?? (options?.timeoutInSeconds === undefined ? undefined : options.timeoutInSeconds * 1000),
      maxRetries: options?.maxRetries,
      retry: options?.retry,
      signal: options?.signal ?? options?.abortSignal,
    };
    const init: CallInit = {
      parseAs: "text",
      signal: options?.signal ?? options?.abortSignal,
      headers: options?.headers,
      fetch: transport(settings),
    };
    return send<T>({ method, path, settings, secret }, () => call(init));
  };

  /** Validates the id and names the request in errors, e.g. `/jobs/us_jb_1/ack`. */
  const at = (jobId: string, suffix = "") => {
    assertJobId(jobId);
    return { path: { jobId }, label: `/jobs/${encodeURIComponent(jobId)}${suffix}` };
  };

  const resource: JobsResource = {
    list: (query, options) =>
      run("GET", "/jobs", options, (init) => http.GET("/jobs", { ...init, params: { header: HOOKS, query } })),

    create: (body, options) =>
      run("POST", "/jobs", options, (init) => http.POST("/jobs", { ...init, params: { header: HOOKS }, body })),

    get: async (jobId, options) => {
      const { path, label } = at(jobId);
      return run("GET", label, options, (init) =>
        http.GET("/jobs/{jobId}", { ...init, params: { header: HOOKS, path } }),
      );
    },

    update: async (jobId, body, options) => {
      const { path, label } = at(jobId);
      return run("PATCH", label, options, (init) =>
        http.PATCH("/jobs/{jobId}", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    delete: async (jobId, options) => {
      const { path, label } = at(jobId);
      return run("DELETE", label, options, (init) =>
        http.DELETE("/jobs/{jobId}", { ...init, params: { header: HOOKS, path } }),
      );
    },

    execute: async (jobId, options) => {
      const { path, label } = at(jobId, "/execute");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/execute", { ...init, params: { header: HOOKS, path } }),
      );
    },

    getExecutionPlan: async (jobId, options) => {
      const { path, label } = at(jobId, "/plan");
      return run("GET", label, options, (init) =>
        http.GET("/jobs/{jobId}/plan", { ...init, params: { header: HOOKS, path } }),
      );
    },

    updateExecutionPlan: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/plan");
      return run("PUT", label, options, (init) =>
        http.PUT("/jobs/{jobId}/plan", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    updateExecutionPlanFields: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/plan");
      return run("PATCH", label, options, (init) =>
        http.PATCH("/jobs/{jobId}/plan", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    ack: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/ack");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/ack", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    ackOutcome: async (jobId, options) => {
      const { path, label } = at(jobId, "/outcome/ack");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/outcome/ack", { ...init, params: { header: HOOKS, path } }),
      );
    },

    complete: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/complete");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/complete", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    fail: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/fail");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/fail", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    cancel: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/cancel");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/cancel", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    retry: async (jobId, options) => {
      const { path, label } = at(jobId, "/retry");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/retry", { ...init, params: { header: HOOKS, path } }),
      );
    },

    previewMutation: (body, options) =>
      run("POST", "/jobs/preview-mutation", options, (init) =>
        http.POST("/jobs/preview-mutation", { ...init, params: { header: HOOKS }, body }),
      ),

    split: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/split");
      return run("POST", label, options, (init) =>
        http.POST("/jobs/{jobId}/split", { ...init, params: { header: HOOKS, path }, body }),
      );
    },

    iterate: (query, options) => iterateJobs(resource.list, query, options),
    waitFor: async (jobId, options) => {
      assertJobId(jobId);
      return waitForJob(resource.get, jobId, options);
    },
  };
  return resource;
}
