// What a simulator left running holds and how it ends: a bounded request log, request bodies read up to a limit,
// and scripts whose promises settle when it closes.
import { createJobsClient } from "@flatfile-jobs/core";
import { afterEach, expect, it } from "vitest";
import { type JobsSimulator, startJobsSimulator } from "../src/index.js";

let simulator: JobsSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

it("settles a script's promise when the simulator closes mid-script", async () => {
  simulator = await startJobsSimulator();
  const [job] = simulator.seed(1);
  const steps = [{ status: "executing" as const, progress: 10 }, { progress: 50 }, { progress: 90 }];
  const script = simulator.script(job?.id as string, steps, 60_000);
  await simulator.close();
  // Settled, not still waiting for its next step a minute away.
  const state = await Promise.race([
    script.then(() => "settled"),
    new Promise((resolve) => setTimeout(() => resolve("pending"), 1_000)),
  ]);
  expect(state).toBe("settled");
  expect(simulator.job(job?.id as string)).toMatchObject({ status: "executing", progress: 10 });
});

it("keeps the latest requestLogSize requests, 1000 unless set", async () => {
  simulator = await startJobsSimulator({ requestLogSize: 3 });
  const client = createJobsClient({ token: "sk_test", baseUrl: simulator.url });
  const [job] = simulator.seed(1);
  for (const pageSize of [1, 2, 3, 4]) await client.jobs.list({ pageSize });
  await client.jobs.get(job?.id as string);
  const log = simulator.requests();
  expect(log.map((r) => `${r.method} ${r.path} ${r.query.pageSize ?? ""}`)).toEqual([
    "GET /v1/jobs 3",
    "GET /v1/jobs 4",
    `GET /v1/jobs/${job?.id} `,
  ]);
});

it("refuses a request body over 10 MiB with a 413, and goes on answering", async () => {
  simulator = await startJobsSimulator();
  const big = JSON.stringify({
    type: "file",
    operation: "extract",
    source: "us_fl_1",
    input: { x: "a".repeat(11 << 20) },
  });
  const headers = { Authorization: "Bearer sk_test", "Content-Type": "application/json" };
  const response = await fetch(`${simulator.url}/jobs`, { method: "POST", headers, body: big });
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    errors: [{ message: expect.stringMatching(/request body is \d+ bytes; the simulator reads at most 10485760/) }],
  });
  expect(simulator.jobs()).toEqual([]);
  const client = createJobsClient({ token: "sk_test", baseUrl: simulator.url });
  const created = await client.jobs.create({ type: "workbook", operation: "submitAction", source: "us_wb_bounds" });
  expect(simulator.jobs().map((j) => j.id)).toEqual([created.data.id]);
});
