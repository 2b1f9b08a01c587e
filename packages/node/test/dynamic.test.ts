import { describe, expect, inject, it } from "vitest";
import { createJobsClient, type Job } from "../src/index.js";
import { answering, callsOf, table } from "./operations.js";

// Prism in dynamic mode (-d) answers every request with random data generated from the schemas, so the
// client meets values the examples never show: empty strings, unusual unions, missing optional fields.
const client = createJobsClient({ token: "sk_dynamic_1", baseUrl: inject("prismDynamicUrl") });
const calls = callsOf(client);
const ROUNDS = 5;
// biome-ignore lint/suspicious/noExplicitAny: each test reads the body of the operations it takes
const run = (operationId: string): Promise<any> => {
  const call = calls[operationId];
  if (!call) throw new Error(`no call of ${operationId}`);
  return call();
};

function expectJob(job: Job): void {
  expect(typeof job.id).toBe("string");
  expect(typeof job.operation).toBe("string");
  expect(typeof job.source).toBe("string");
  expect(["file", "workbook", "sheet", "space", "document", "app", "agent", "autobuild", "onboarding"]).toContain(
    job.type,
  );
  expect(Number.isNaN(Date.parse(job.createdAt))).toBe(false);
}

// Generating a random plan or diff takes Prism up to a few seconds (the bodies run to hundreds of kB). The
// operations are taken from the spec by what they answer with, so one Flatfile adds is checked by its response.
describe("random schema-valid responses (Prism -d)", { timeout: 60_000 }, () => {
  it.each(answering("JobResponse"))("%s returns a usable job every time", async (operationId) => {
    for (let i = 0; i < ROUNDS; i++) expectJob((await run(operationId)).data);
  });

  it.each(answering("ListJobsResponse"))("%s returns an array of jobs and valid pagination", async (operationId) => {
    for (let i = 0; i < ROUNDS; i++) {
      const page = await run(operationId);
      expect(Array.isArray(page.data)).toBe(true);
      page.data.forEach(expectJob);
      if (page.pagination) expect(Number.isInteger(page.pagination.totalCount)).toBe(true);
    }
  });

  it.each(answering("Success"))("%s returns Success", async (operationId) => {
    for (let i = 0; i < ROUNDS; i++) {
      const result = await run(operationId);
      if (result.data !== undefined) expect(typeof result.data.success).toBe("boolean");
    }
  });

  it.each(answering("JobPlanResponse"))("%s returns a job and its plan", async (operationId) => {
    for (let i = 0; i < ROUNDS; i++) {
      const { data } = await run(operationId);
      expectJob(data.job);
      expect(Array.isArray(data.plan.fieldMapping)).toBe(true);
      for (const edge of data.plan.fieldMapping) expect(typeof edge.destinationField.key).toBe("string");
    }
  });

  it.each(answering("DiffRecordsResponse"))("%s returns diff records", async (operationId) => {
    for (let i = 0; i < ROUNDS; i++) {
      const { data } = await run(operationId);
      for (const record of data) {
        expect(typeof record.id).toBe("string");
        expect(typeof record.values).toBe("object");
      }
    }
  });

  const known = ["JobResponse", "ListJobsResponse", "Success", "JobPlanResponse", "DiffRecordsResponse"];
  const others = table.filter((row) => !known.includes(row.response ?? "")).map((row) => row.operationId);
  // An operation answering with a schema not listed above (one Flatfile adds) is still called.
  if (others.length > 0)
    it.each(others)("%s returns a JSON object", async (operationId) => {
      for (let i = 0; i < ROUNDS; i++) expect(typeof (await run(operationId))).toBe("object");
    });

  it("checks every operation of the spec by what it answers with", () => {
    const checked = known.flatMap(answering).length + others.length;
    expect(checked).toBe(table.length);
  });
});
