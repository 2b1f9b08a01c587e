export type { Middleware } from "openapi-fetch";
export type { JobsClient, JobsClientOptions, JobsCoreOptions, RawPaths } from "./client.js";
export { createJobsClient, createJobsCore, DEFAULT_BASE_URL } from "./client.js";
export type {
  Backoff,
  Fetch,
  JobsCore,
  Logger,
  LogLevel,
  RequestOptions,
  RetryInfo,
} from "./contracts.js";
export type { APIErrorInfo } from "./errors.js";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidArgumentError,
  InvalidResponseError,
  JobCanceledError,
  JobFailedError,
  JobsError,
  JobWaitTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
export type { JobsResource } from "./generated/jobs.js";
export { createJobsResource } from "./generated/jobs.js";
// Every operation function and the types of their bodies and queries, as generated from the spec: a new operation
// is exported with no edit here.
export * from "./generated/operations.js";
export type { JobEnding, TerminalJobStatus } from "./generated/statuses.js";
export { jobEnding, TERMINAL_JOB_STATUSES } from "./generated/statuses.js";
export type { IterateOptions, JobIterable } from "./pagination.js";
export { iterateJobs } from "./pagination.js";
export type { Region } from "./regions.js";
export { REGION_BASE_URLS } from "./regions.js";
export type { JobContext, JobHandlerResult, RunJobOptions } from "./run-job.js";
export { runJob } from "./run-job.js";
export type {
  DiffRecord,
  DiffRecordsResponse,
  Edge,
  ErrorsBody,
  Job,
  JobExecutionPlan,
  JobId,
  JobMode,
  JobOutcome,
  JobOutcomeNext,
  JobOutcomeTrigger,
  JobPartExecution,
  JobParts,
  JobPlan,
  JobPlanResponse,
  JobResponse,
  JobStatus,
  JobSubject,
  JobsApiComponents,
  JobsApiPaths,
  JobTrigger,
  JobType,
  JobUpdateConfig,
  ListJobsResponse,
  OperationResult,
  Pagination,
  Property,
  SortDirection,
  Success,
} from "./types.js";
export type { WaitForOptions } from "./wait-for-job.js";
export { waitForJob } from "./wait-for-job.js";
