// The worker against the Jobs simulator from @flatfile-jobs/testing, both as installed from the registry.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createJobsClient, JobFailedError, type JobsClient, NotFoundError } from "@flatfile-jobs/node";
import { type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { runReadyJobs } from "../src/worker.js";

let simulator: JobsSimulator;
let client: JobsClient;

before(async () => {
  simulator = await startJobsSimulator();
  client = createJobsClient({ token: "sk_downstream_worker", baseUrl: simulator.url, maxRetries: 0 });
});

after(async () => {
  await client.close();
  await simulator.close();
});

test("runs each ready job of the workbook to complete, with progress and an outcome", async () => {
  simulator.seed([
    { source: "us_wb_worker", type: "workbook", operation: "submitAction", status: "ready" },
    { source: "us_wb_worker", type: "workbook", operation: "submitAction", status: "ready" },
    { source: "us_wb_worker", type: "workbook", operation: "submitAction", status: "complete" },
    { source: "us_wb_other", type: "workbook", operation: "submitAction", status: "ready" },
  ]);
  const seen: number[] = [];
  const finished = await runReadyJobs("us_wb_worker", {
    client,
    process: async (_job, progress) => {
      for (const percent of [25, 50, 100]) {
        progress(percent);
        seen.push(percent);
      }
      return 142;
    },
  });
  assert.equal(finished.length, 2);
  for (const job of finished) {
    assert.equal(job.status, "complete");
    assert.equal(job.info, "142 records");
    assert.deepEqual(job.outcome, { heading: "Done", message: "142 records processed" });
  }
  assert.deepEqual(seen, [25, 50, 100, 25, 50, 100]);
  const other = simulator.jobs().find((job) => job.source === "us_wb_other");
  assert.equal(other?.status, "ready");
});

test("fails a job whose work throws, with a message that leaks nothing, and goes on", async () => {
  simulator.seed([{ source: "us_wb_failing", type: "workbook", operation: "submitAction", status: "ready" }]);
  const finished = await runReadyJobs("us_wb_failing", {
    client,
    process: async () => {
      throw new Error("database password is hunter2");
    },
  });
  assert.equal(finished.length, 0);
  const job = simulator.jobs().find((j) => j.source === "us_wb_failing");
  assert.equal(job?.status, "failed");
  assert.doesNotMatch(JSON.stringify(job), /hunter2/);
  await assert.rejects(client.jobs.waitFor(job?.id ?? "", { maxWait: 1000 }), JobFailedError);
});

test("gets the SDK's typed errors", async () => {
  await assert.rejects(client.jobs.get("us_jb_missing"), NotFoundError);
});
