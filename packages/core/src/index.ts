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
export type { JobsResource } from "./jobs.js";
export { createJobsResource } from "./jobs.js";
export {
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
  JobAckDetails,
  JobCancelDetails,
  JobCompleteDetails,
  JobConfig,
  JobExecutionPlan,
  JobExecutionPlanConfigRequest,
  JobExecutionPlanRequest,
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
  JobSplitDetails,
  JobStatus,
  JobSubject,
  JobsApiComponents,
  JobsApiPaths,
  JobTrigger,
  JobType,
  JobUpdate,
  JobUpdateConfig,
  ListJobsQuery,
  ListJobsResponse,
  MutateJobConfig,
  OperationResult,
  Pagination,
  Property,
  SortDirection,
  Success,
} from "./types.js";
export type { WaitForOptions } from "./wait-for-job.js";
export { waitForJob } from "./wait-for-job.js";
