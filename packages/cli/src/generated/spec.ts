/**
 * Generated from openapi/openapi.yaml by `pnpm generate` (tools/src/codegen-cli.ts).
 * Every operation of the spec as the CLI makes commands of it, and the spec's enums of strings.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

export interface SpecOperation {
  operationId: string;
  /** The command's name: the operation id in kebab-case. */
  command: string;
  method: string;
  path: string;
  /** The path's parameters, in order: the command's arguments. */
  pathParams: string[];
  body?: "required" | "optional";
  /** The names of its query parameters: `--query name=value`. */
  query: string[];
  /** Whether it answers with a job, which prints as the other commands print one. */
  returnsJob: boolean;
  summary: string;
}

export const OPERATIONS: readonly SpecOperation[] = [
  {"operationId":"list","command":"list","method":"GET","path":"/jobs","pathParams":[],"query":["environmentId","spaceId","workbookId","fileId","parentId","pageSize","pageNumber","sortDirection","excludeChildJobs","source"],"returnsJob":false,"summary":"List jobs"},
  {"operationId":"create","command":"create","method":"POST","path":"/jobs","pathParams":[],"body":"required","query":[],"returnsJob":true,"summary":"Create a job"},
  {"operationId":"get","command":"get","method":"GET","path":"/jobs/{jobId}","pathParams":["jobId"],"query":[],"returnsJob":true,"summary":"Get a job"},
  {"operationId":"update","command":"update","method":"PATCH","path":"/jobs/{jobId}","pathParams":["jobId"],"body":"required","query":[],"returnsJob":true,"summary":"Update a job"},
  {"operationId":"delete","command":"delete","method":"DELETE","path":"/jobs/{jobId}","pathParams":["jobId"],"query":[],"returnsJob":false,"summary":"Delete a job"},
  {"operationId":"execute","command":"execute","method":"POST","path":"/jobs/{jobId}/execute","pathParams":["jobId"],"query":[],"returnsJob":false,"summary":"Execute a job"},
  {"operationId":"getExecutionPlan","command":"get-execution-plan","method":"GET","path":"/jobs/{jobId}/plan","pathParams":["jobId"],"query":[],"returnsJob":false,"summary":"Get a job's execution plan"},
  {"operationId":"updateExecutionPlan","command":"update-execution-plan","method":"PUT","path":"/jobs/{jobId}/plan","pathParams":["jobId"],"body":"required","query":[],"returnsJob":false,"summary":"Replace a job's plan"},
  {"operationId":"updateExecutionPlanFields","command":"update-execution-plan-fields","method":"PATCH","path":"/jobs/{jobId}/plan","pathParams":["jobId"],"body":"required","query":[],"returnsJob":false,"summary":"Update a job's plan"},
  {"operationId":"ack","command":"ack","method":"POST","path":"/jobs/{jobId}/ack","pathParams":["jobId"],"body":"optional","query":[],"returnsJob":true,"summary":"Acknowledge a job"},
  {"operationId":"ackOutcome","command":"ack-outcome","method":"POST","path":"/jobs/{jobId}/outcome/ack","pathParams":["jobId"],"query":[],"returnsJob":true,"summary":"Acknowledge a job outcome"},
  {"operationId":"complete","command":"complete","method":"POST","path":"/jobs/{jobId}/complete","pathParams":["jobId"],"body":"optional","query":[],"returnsJob":true,"summary":"Complete a job"},
  {"operationId":"fail","command":"fail","method":"POST","path":"/jobs/{jobId}/fail","pathParams":["jobId"],"body":"optional","query":[],"returnsJob":true,"summary":"Fail a job"},
  {"operationId":"cancel","command":"cancel","method":"POST","path":"/jobs/{jobId}/cancel","pathParams":["jobId"],"body":"optional","query":[],"returnsJob":true,"summary":"Cancel a job"},
  {"operationId":"retry","command":"retry","method":"POST","path":"/jobs/{jobId}/retry","pathParams":["jobId"],"query":[],"returnsJob":true,"summary":"Retry a failed job"},
  {"operationId":"previewMutation","command":"preview-mutation","method":"POST","path":"/jobs/preview-mutation","pathParams":[],"body":"required","query":[],"returnsJob":false,"summary":"Preview a mutation"},
  {"operationId":"split","command":"split","method":"POST","path":"/jobs/{jobId}/split","pathParams":["jobId"],"body":"required","query":[],"returnsJob":true,"summary":"Split a job"},
];

/** The values of each enum of strings, and whether the spec leaves it open to values added later. */
export const ENUMS: Readonly<Record<string, { values: string[]; open: boolean }>> = {
  "SortDirection": {"values":["asc","desc"],"open":false},
  "JobType": {"values":["file","workbook","sheet","space","document","app","agent","autobuild","onboarding"],"open":true},
  "Filter": {"values":["valid","error","all","none"],"open":false},
  "Driver": {"values":["csv"],"open":false},
  "ResolveTo": {"values":["clip","main","snapshot"],"open":false},
  "RemovedFromMainResolution": {"values":["ignore","restore"],"open":false},
  "AgentExportType": {"values":["AUTOBUILD_INLINED","SYSTEM_COMBINED","SOURCE"],"open":false},
  "FlagOperation": {"values":["apply","update","delete","replace"],"open":false},
  "Trigger": {"values":["manual","immediate"],"open":false},
  "JobStatus": {"values":["created","planning","scheduled","ready","executing","complete","failed","canceled","waiting"],"open":true},
  "JobMode": {"values":["foreground","background","toolbarBlocking","hidden"],"open":true},
  "JobPartExecution": {"values":["sequential","parallel"],"open":false},
  "ValidationType": {"values":["error","warn","info"],"open":false},
  "FieldSize": {"values":["xs","s","m","l","xl"],"open":false},
  "ActionMode": {"values":["foreground","background","toolbarBlocking"],"open":false},
  "ActionMessageType": {"values":["error","info"],"open":false},
  "ActionSchedule": {"values":["weekly","daily","hourly"],"open":false},
  "InputFormType": {"values":["simple"],"open":false},
  "InputConstraintType": {"values":["required"],"open":false},
  "StringConfigOptions": {"values":["tiny","normal","medium","long"],"open":false},
  "EnumPropertySortBy": {"values":["label","value","ordinal"],"open":false},
  "ReferencePropertyRelationship": {"values":["has-one","has-many"],"open":false},
  "Certainty": {"values":["absolute","strong","moderate","weak"],"open":false},
  "JobOutcomeTriggerType": {"values":["manual","automatic","automatic_silent"],"open":false},
  "JobOutcomeTriggerAudience": {"values":["originator","all"],"open":false},
  "ValidationSource": {"values":["required-constraint","unique-constraint","custom-logic","unlinked","invalid-option","is-artifact"],"open":false},
  "ResolveType": {"values":["conflict","resolve"],"open":false},
};
