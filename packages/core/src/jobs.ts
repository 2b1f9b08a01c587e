import type { Client } from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { assertJobId } from "./internal/job-id.js";
import { send } from "./internal/send.js";
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

/** Options accepted as the last argument of every `jobs` method. */
export interface RequestOptions {
  /** Aborts the request; the method then rejects with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Headers added to this request only. */
  headers?: Record<string, string>;
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

export function createJobsResource(http: Client<paths>): JobsResource {
  const init = (options: RequestOptions | undefined) =>
    ({ parseAs: "text", signal: options?.signal, headers: options?.headers }) as const;

  /** Validates the id and names the request in errors, e.g. `/jobs/us_jb_1/ack`. */
  const at = (jobId: string, suffix = "") => {
    assertJobId(jobId);
    return { path: { jobId }, label: `/jobs/${encodeURIComponent(jobId)}${suffix}` };
  };

  return {
    list: (query, options) =>
      send("GET", "/jobs", () => http.GET("/jobs", { ...init(options), params: { header: HOOKS, query } })),

    create: (body, options) =>
      send("POST", "/jobs", () => http.POST("/jobs", { ...init(options), params: { header: HOOKS }, body })),

    get: async (jobId, options) => {
      const { path, label } = at(jobId);
      return send("GET", label, () => http.GET("/jobs/{jobId}", { ...init(options), params: { header: HOOKS, path } }));
    },

    update: async (jobId, body, options) => {
      const { path, label } = at(jobId);
      return send("PATCH", label, () =>
        http.PATCH("/jobs/{jobId}", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    delete: async (jobId, options) => {
      const { path, label } = at(jobId);
      return send("DELETE", label, () =>
        http.DELETE("/jobs/{jobId}", { ...init(options), params: { header: HOOKS, path } }),
      );
    },

    execute: async (jobId, options) => {
      const { path, label } = at(jobId, "/execute");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/execute", { ...init(options), params: { header: HOOKS, path } }),
      );
    },

    getExecutionPlan: async (jobId, options) => {
      const { path, label } = at(jobId, "/plan");
      return send("GET", label, () =>
        http.GET("/jobs/{jobId}/plan", { ...init(options), params: { header: HOOKS, path } }),
      );
    },

    updateExecutionPlan: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/plan");
      return send("PUT", label, () =>
        http.PUT("/jobs/{jobId}/plan", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    updateExecutionPlanFields: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/plan");
      return send("PATCH", label, () =>
        http.PATCH("/jobs/{jobId}/plan", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    ack: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/ack");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/ack", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    ackOutcome: async (jobId, options) => {
      const { path, label } = at(jobId, "/outcome/ack");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/outcome/ack", { ...init(options), params: { header: HOOKS, path } }),
      );
    },

    complete: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/complete");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/complete", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    fail: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/fail");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/fail", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    cancel: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/cancel");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/cancel", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },

    retry: async (jobId, options) => {
      const { path, label } = at(jobId, "/retry");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/retry", { ...init(options), params: { header: HOOKS, path } }),
      );
    },

    previewMutation: (body, options) =>
      send("POST", "/jobs/preview-mutation", () =>
        http.POST("/jobs/preview-mutation", { ...init(options), params: { header: HOOKS }, body }),
      ),

    split: async (jobId, body, options) => {
      const { path, label } = at(jobId, "/split");
      return send("POST", label, () =>
        http.POST("/jobs/{jobId}/split", { ...init(options), params: { header: HOOKS, path }, body }),
      );
    },
  };
}
