// Every operation of the spec, as the tests that run each one call it: the table of operations
// (tools/src/operations-table.ts) and each one's example arguments (tools/src/operation-examples.ts), with the job id
// chosen by the test. An operation Flatfile adds is called by these tests with no edit.
import { exampleArguments } from "@flatfile-jobs/tools/operation-examples";
import { type OperationRow, operationTable } from "@flatfile-jobs/tools/operations-table";
import { spec } from "@flatfile-jobs/tools/spec";
import type { JobsCore, JobsResource, RequestOptions } from "../src/index.js";
import * as core from "../src/index.js";

export const table: OperationRow[] = operationTable(spec);

/**
 * The arguments after the client: the spec's examples, with `jobId` (when the path has one) as given, and with
 * `withoutBody` no body (for an operation whose body is optional).
 */
export function argumentsOf(row: OperationRow, jobId: string, { withoutBody = false } = {}): unknown[] {
  const args = exampleArguments(spec, row);
  const at = row.pathParams.indexOf("jobId");
  if (at !== -1) args[at] = jobId;
  if (withoutBody && row.body) args[row.pathParams.length] = undefined;
  return args;
}

type Operation = (client: JobsCore, ...args: unknown[]) => Promise<unknown>;

/** A call of the operation's function (`getJob(client, …)`), with `options` last. */
export function callFunction(
  row: OperationRow,
  client: JobsCore,
  jobId: string,
  options?: RequestOptions,
  { withoutBody = false } = {},
) {
  const operation = (core as unknown as Record<string, Operation>)[row.functionName];
  if (typeof operation !== "function") throw new Error(`core exports no function ${row.functionName}`);
  return operation(client, ...argumentsOf(row, jobId, { withoutBody }), options);
}

/** A call of the operation's method of `client.jobs`, with `options` last. */
export function callMethod(row: OperationRow, jobs: JobsResource, jobId: string, options?: RequestOptions) {
  const method = (jobs as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[row.operationId];
  if (typeof method !== "function") throw new Error(`client.jobs has no method ${row.operationId}`);
  return method(...argumentsOf(row, jobId), options);
}

/** The path a call of the operation is sent to, for `jobId` and the other parameters' examples, percent-encoded. */
export function pathOf(row: OperationRow, jobId: string): string {
  const args = argumentsOf(row, jobId);
  return row.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(args[row.pathParams.indexOf(name)])),
  );
}
