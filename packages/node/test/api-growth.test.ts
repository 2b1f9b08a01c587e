// A client built today must keep working when the API grows. Prism serves random data (dynamic mode) from a
// variant of the spec in which every job has a status this client does not know, a field it does not know, and
// the API has an operation it does not know: the client passes what it does not know through, and nothing that
// waits on a status takes an unknown one for an end.

import { type PrismServer, startPrism } from "@flatfile-jobs/tools/prism";
import { spec } from "@flatfile-jobs/tools/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobsClient, type JobsClient, JobWaitTimeoutError, runJob } from "../src/index.js";

const UNKNOWN_STATUSES = ["archived", "paused"];
let prism: PrismServer;
let client: JobsClient;

beforeAll(async () => {
  const grown = structuredClone(spec);
  const schemas = grown.components.schemas;
  // Only statuses this client has never heard of, so that every job Prism makes up has one.
  schemas.JobStatus.enum = UNKNOWN_STATUSES;
  schemas.Job.properties.priority = { type: "integer", minimum: 1, maximum: 5 };
  schemas.Job.required = [...schemas.Job.required, "priority"];
  grown.paths["/jobs/{jobId}/pause"] = {
    post: { ...grown.paths["/jobs/{jobId}/retry"].post, operationId: "pause", summary: "Pause a job" },
  };
  prism = await startPrism({ dynamic: true, spec: grown });
  client = createJobsClient({ token: "sk_growth", baseUrl: prism.url, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await prism?.stop();
});

describe("when the API grows", () => {
  it("passes unknown statuses and fields through list, get and iterate, as the wire has them", async () => {
    const page = await client.jobs.list({ pageSize: 5 });
    const { data: job } = await client.jobs.get("us_jb_growth");
    const walked = [];
    for await (const j of client.jobs.iterate({ pageSize: 3 }, { maxPages: 2 })) walked.push(j);
    for (const j of [...page.data, job, ...walked]) {
      expect(UNKNOWN_STATUSES).toContain(j.status);
      expect((j as { priority?: number }).priority).toBeGreaterThanOrEqual(1);
    }
  });

  it("waitFor takes an unknown status for a job still running, until maxWait", async () => {
    const error = await client.jobs.waitFor("us_jb_growth", { maxWait: 2000, pollInterval: 50 }).catch((e) => e);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect(UNKNOWN_STATUSES).toContain(error.job?.status);
    expect(error.message).toMatch(/still (archived|paused)/);
  });

  it("runJob runs and completes a job whose status it does not know", async () => {
    let ran = false;
    const completed = await runJob(client, "us_jb_growth", async ({ progress }) => {
      progress(50);
      ran = true;
    });
    expect(ran).toBe(true);
    expect(UNKNOWN_STATUSES).toContain(completed.status);
  });
});
