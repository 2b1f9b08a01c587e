import { describe, expect, inject, it } from "vitest";
import { createJobsClient, type Job } from "../src/index.js";
import { callsOf } from "./operations.js";

// Prism in dynamic mode (-d) answers every request with random data generated from the schemas, so the
// client meets values the examples never show: empty strings, unusual unions, missing optional fields.
const client = createJobsClient({ token: "sk_dynamic_1", baseUrl: inject("prismDynamicUrl") });
const calls = callsOf(client);
const ROUNDS = 5;

function expectJob(job: Job): void {
  expect(typeof job.id).toBe("string");
  expect(typeof job.operation).toBe("string");
  expect(typeof job.source).toBe("string");
  expect(["file", "workbook", "sheet", "space", "document", "app", "agent", "autobuild", "onboarding"]).toContain(
    job.type,
  );
  expect(Number.isNaN(Date.parse(job.createdAt))).toBe(false);
}

// Generating a random plan or diff takes Prism up to a few seconds (the bodies run to hundreds of kB).
describe("random schema-valid responses (Prism -d)", { timeout: 60_000 }, () => {
  it.each(["create", "get", "update", "ack", "ackOutcome", "complete", "fail", "cancel", "retry", "split"] as const)(
    "%s returns a usable job every time",
    async (operationId) => {
      for (let i = 0; i < ROUNDS; i++) expectJob((await calls[operationId]()).data);
    },
  );

  it("list returns an array of jobs and valid pagination", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const page = await calls.list();
      expect(Array.isArray(page.data)).toBe(true);
      page.data.forEach(expectJob);
      if (page.pagination) expect(Number.isInteger(page.pagination.totalCount)).toBe(true);
    }
  });

  it.each(["delete", "execute"] as const)("%s returns Success", async (operationId) => {
    for (let i = 0; i < ROUNDS; i++) {
      const result = await calls[operationId]();
      if (result.data !== undefined) expect(typeof result.data.success).toBe("boolean");
    }
  });

  it.each(["getExecutionPlan", "updateExecutionPlan", "updateExecutionPlanFields"] as const)(
    "%s returns a job and its plan",
    async (operationId) => {
      for (let i = 0; i < ROUNDS; i++) {
        const { data } = await calls[operationId]();
        expectJob(data.job);
        expect(Array.isArray(data.plan.fieldMapping)).toBe(true);
        for (const edge of data.plan.fieldMapping) expect(typeof edge.destinationField.key).toBe("string");
      }
    },
  );

  it("previewMutation returns diff records", async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const { data } = await calls.previewMutation();
      for (const record of data) {
        expect(typeof record.id).toBe("string");
        expect(typeof record.values).toBe("object");
      }
    }
  });
});
