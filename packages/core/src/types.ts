import type { components, operations, paths } from "./generated/schema.js";

/** Every schema of the spec by name: what the aliases below and the generated operations' types are taken from. */
export type Schemas = components["schemas"];

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
/** The type-specific `config` of a job: an undiscriminated union that includes `{}`. */
export type JobUpdateConfig = Schemas["JobUpdateConfig"];

// Lifecycle (the bodies of the operations are generated with them, src/generated/operations.ts)
export type JobParts = Schemas["JobParts"];
/** The structured outcome sent with `complete`/`fail` (a job's own `outcome` is a free-form map). */
export type JobOutcome = Schemas["JobOutcome"];
export type JobOutcomeNext = Schemas["JobOutcomeNext"];
export type JobOutcomeTrigger = Schemas["JobOutcomeTrigger"];

// Execution plans
export type JobPlan = Schemas["JobPlan"];
export type JobExecutionPlan = Schemas["JobExecutionPlan"];
export type Edge = Schemas["Edge"];
export type Property = Schemas["Property"];

// Mutations
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

export type SortDirection = Schemas["SortDirection"];
