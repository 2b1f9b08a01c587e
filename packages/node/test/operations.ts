// One call of each operation of the spec, keyed by operationId, for the tests that run every operation (contract,
// dynamic, faults): its path parameters, body and query from the spec's examples (tools/src/operation-examples.ts),
// sent through `client.jobs`. An operation Flatfile adds is in it as soon as `pnpm spec:update` takes it in.
import { exampleArguments } from "@flatfile-jobs/tools/operation-examples";
import { operationTable } from "@flatfile-jobs/tools/operations-table";
import type { JobsClient } from "../src/index.js";
import { spec } from "./spec.js";

/** Every operation of the spec, as the generated code has them. */
export const table = operationTable(spec);

/** The operations whose 200 body is the given schema (`JobResponse`: the ones that answer with a job). */
export const answering = (schema: string) => table.filter((row) => row.response === schema).map((r) => r.operationId);

// biome-ignore lint/suspicious/noExplicitAny: each operation's body is checked by the test that reads it
type Call = () => Promise<any>;

/** A call of each operation, keyed by operationId. */
export function callsOf(client: JobsClient): Record<string, Call> {
  const jobs = client.jobs as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return Object.fromEntries(
    table.map((row) => {
      const method = jobs[row.operationId];
      if (typeof method !== "function") throw new Error(`client.jobs has no method ${row.operationId}`);
      const args = exampleArguments(spec, row);
      return [row.operationId, () => method(...structuredClone(args))];
    }),
  );
}

/** A call of one operation through `jobs` with the spec's example arguments and the given job id. */
export function callWithJobId(jobs: JobsClient["jobs"], operationId: string, jobId: string): Promise<unknown> {
  const row = table.find((r) => r.operationId === operationId);
  const method = (jobs as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[operationId];
  if (!row || typeof method !== "function") throw new Error(`client.jobs has no method ${operationId}`);
  const args = exampleArguments(spec, row);
  args[row.pathParams.indexOf("jobId")] = jobId;
  return method(...args);
}

/**
 * The operations whose path is a job's (`/jobs/{jobId}…`), with what follows the id in it as sent (any other
 * parameter of the path filled with its example, percent-encoded).
 */
export const byJobId: [operationId: string, suffix: string][] = table
  .filter((row) => row.path.startsWith("/jobs/{jobId}"))
  .map((row) => {
    const args = exampleArguments(spec, row);
    const suffix = row.path
      .slice("/jobs/{jobId}".length)
      .replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(args[row.pathParams.indexOf(name)])));
    return [row.operationId, suffix];
  });
