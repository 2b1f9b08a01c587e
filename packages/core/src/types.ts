import type { components, operations, paths } from "./generated/schema.js";

type Schemas = components["schemas"];

/** The 200 body of an operation, exactly as the spec types it. */
export type OperationResult<Op extends keyof operations> =
  operations[Op]["responses"][200]["content"]["application/json"];

/** Every path and operation of the Jobs API, as generated from `openapi/openapi.yaml`. */
export type JobsApiPaths = paths;
/** Every schema of the Jobs API, as generated from `openapi/openapi.yaml`. */
export type JobsApiComponents = components;

// Jobs
export type Job = Schemas["Job"];
export type JobId = Schemas["JobId"];
export type JobStatus = Schemas["JobStatus"];
export type JobType = Schemas["JobType"];
export type JobMode = Schemas["JobMode"];
export type JobTrigger = Schemas["Trigger"];
export type JobPartExecution = Schemas["JobPartExecution"];
export type JobSubject = Schemas["JobSubject"];
/** Body of `jobs.create`. */
export type JobConfig = Schemas["JobConfig"];
/** Body of `jobs.update`. */
export type JobUpdate = Schemas["JobUpdate"];
/** The type-specific `config` of a job: an undiscriminated union that includes `{}`. */
export type JobUpdateConfig = Schemas["JobUpdateConfig"];

// Lifecycle bodies
export type JobAckDetails = Schemas["JobAckDetails"];
/** Body of `jobs.complete` and `jobs.fail`. */
export type JobCompleteDetails = Schemas["JobCompleteDetails"];
export type JobCancelDetails = Schemas["JobCancelDetails"];
export type JobSplitDetails = Schemas["JobSplitDetails"];
export type JobParts = Schemas["JobParts"];
/** The structured outcome sent with `complete`/`fail` (a job's own `outcome` is a free-form map). */
export type JobOutcome = Schemas["JobOutcome"];
export type JobOutcomeNext = Schemas["JobOutcomeNext"];
export type JobOutcomeTrigger = Schemas["JobOutcomeTrigger"];

// Execution plans
export type JobPlan = Schemas["JobPlan"];
export type JobExecutionPlan = Schemas["JobExecutionPlan"];
/** Body of `jobs.updateExecutionPlan` (replaces the whole plan). */
export type JobExecutionPlanRequest = Schemas["JobExecutionPlanRequest"];
/** Body of `jobs.updateExecutionPlanFields` (changes some fields of the plan). */
export type JobExecutionPlanConfigRequest = Schemas["JobExecutionPlanConfigRequest"];
export type Edge = Schemas["Edge"];
export type Property = Schemas["Property"];

// Mutations
/** Body of `jobs.previewMutation`. */
export type MutateJobConfig = Schemas["MutateJobConfig"];
export type DiffRecord = Schemas["DiffRecord"];

// Responses
export type ListJobsResponse = Schemas["ListJobsResponse"];
export type JobResponse = Schemas["JobResponse"];
export type JobPlanResponse = Schemas["JobPlanResponse"];
export type DiffRecordsResponse = Schemas["DiffRecordsResponse"];
export type Success = Schemas["Success"];
export type Pagination = Schemas["Pagination"];
/** The error body the API sends with 4xx/5xx statuses: `{ errors: [{ key?, message }] }`. */
export type ErrorsBody = Schemas["Errors"];

/** Query parameters of `jobs.list`. */
export type ListJobsQuery = NonNullable<operations["list"]["parameters"]["query"]>;
export type SortDirection = Schemas["SortDirection"];
