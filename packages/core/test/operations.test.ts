// Each operation is generated as a function and a `client.jobs` method, and declares its method, path and
// idempotence; the spec (`x-idempotent`) is the source of those facts, and the retry policy reads them from the
// operation instead of knowing paths itself.

import { operationTable } from "@flatfile-jobs/tools/operations-table";
import { spec } from "@flatfile-jobs/tools/spec";
import { describe, expect, it } from "vitest";
import { CALL, type JobsCore, type Operation } from "../src/contracts.js";
import * as core from "../src/index.js";

const table = operationTable(spec);

/** The function an operation is generated as, called on a client that records the operation it is asked to send. */
function declared(functionName: string, pathParams: string[]): Operation {
  let seen: Operation | undefined;
  const recorder = { baseUrl: "", [CALL]: async (operation: Operation) => (seen = operation) } as unknown as JobsCore;
  const operation = (core as unknown as Record<string, (client: JobsCore, ...args: unknown[]) => unknown>)[
    functionName
  ];
  if (typeof operation !== "function") throw new Error(`core exports no function ${functionName}`);
  void operation(recorder, ...pathParams.map((name) => `us_${name}_1`), {});
  if (!seen) throw new Error(`${functionName} sent nothing`);
  return seen;
}

describe("operations declare what the spec says", () => {
  const paths = spec.paths as Record<string, Record<string, { operationId?: string; "x-idempotent"?: boolean }>>;
  const fromSpec = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => typeof op?.operationId === "string")
      .map(([method, op]) => ({ name: op.operationId as string, method: method.toUpperCase(), path, op })),
  );

  it("has a function and a client.jobs method for each of the spec's operations", () => {
    expect(table.map((row) => row.operationId)).toEqual(fromSpec.map((op) => op.name));
    const jobs = core.createJobsResource({ baseUrl: "" } as JobsCore) as unknown as Record<string, unknown>;
    for (const row of table) {
      expect(typeof (core as Record<string, unknown>)[row.functionName], row.functionName).toBe("function");
      expect(typeof jobs[row.operationId], `jobs.${row.operationId}`).toBe("function");
    }
  });

  it.each(fromSpec)("$name: method, path and idempotence as in the spec", ({ name, method, path, op }) => {
    const row = table.find((r) => r.operationId === name);
    if (!row) throw new Error(`no row for ${name}`);
    expect(typeof op["x-idempotent"]).toBe("boolean");
    // An operation that is not idempotent leaves `idempotent` out (the client never sends it twice).
    const { idempotent = false, ...rest } = declared(row.functionName, row.pathParams);
    expect({ ...rest, idempotent }).toEqual({ method, path, idempotent: op["x-idempotent"] });
  });

  it("keeps the function names apps import: the rule (verb + Job + the rest) and the spec's x-function-name", () => {
    const names = Object.fromEntries(table.map((row) => [row.operationId, row.functionName]));
    expect(names).toMatchObject({
      list: "listJobs",
      get: "getJob",
      getExecutionPlan: "getJobExecutionPlan",
      updateExecutionPlanFields: "updateJobExecutionPlanFields",
      ackOutcome: "ackJobOutcome",
      previewMutation: "previewJobMutation",
    });
  });
});
