// Each operation function declares its method, path and idempotence; the spec (`x-idempotent`) is the source of
// those facts, and the retry policy reads them from the operation instead of knowing paths itself.

import { spec } from "@flatfile-jobs/tools/spec";
import { describe, expect, it } from "vitest";
import { CALL, type JobsCore, type Operation } from "../src/contracts.js";
import * as core from "../src/index.js";

/** The functions, each called on a client that records the operation it is asked to send. */
const FUNCTIONS = {
  list: core.listJobs,
  create: core.createJob,
  get: core.getJob,
  update: core.updateJob,
  delete: core.deleteJob,
  execute: core.executeJob,
  getExecutionPlan: core.getJobExecutionPlan,
  updateExecutionPlan: core.updateJobExecutionPlan,
  updateExecutionPlanFields: core.updateJobExecutionPlanFields,
  ack: core.ackJob,
  ackOutcome: core.ackJobOutcome,
  complete: core.completeJob,
  fail: core.failJob,
  cancel: core.cancelJob,
  retry: core.retryJob,
  previewMutation: core.previewJobMutation,
  split: core.splitJob,
} as Record<string, (client: JobsCore, ...args: unknown[]) => Promise<unknown>>;

function declared(name: string): Operation {
  let seen: Operation | undefined;
  const recorder = { baseUrl: "", [CALL]: async (operation: Operation) => (seen = operation) } as unknown as JobsCore;
  void FUNCTIONS[name]?.(recorder, "us_jb_1", {});
  if (!seen) throw new Error(`${name} sent nothing`);
  return seen;
}

describe("operations declare what the spec says", () => {
  const paths = spec.paths as Record<string, Record<string, { operationId?: string; "x-idempotent"?: boolean }>>;
  const fromSpec = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => typeof op?.operationId === "string")
      .map(([method, op]) => ({
        name: op.operationId as string,
        operation: { method: method.toUpperCase(), path, idempotent: op["x-idempotent"] },
      })),
  );

  it("has a function for each of the spec's 17 operations", () => {
    expect(fromSpec).toHaveLength(17);
    expect(Object.keys(FUNCTIONS).sort()).toEqual(fromSpec.map((op) => op.name).sort());
  });

  it.each(fromSpec)("$name: method, path and idempotence as in the spec", ({ name, operation }) => {
    expect(typeof operation.idempotent).toBe("boolean");
    expect(declared(name)).toEqual(operation);
  });
});
