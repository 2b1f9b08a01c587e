// A status the simulator does not know (one the API may add later) is a job still running: it can be acknowledged,
// completed and waited for, as the client treats it.
import { createJobsClient } from "@flatfile-jobs/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type JobsSimulator, startJobsSimulator } from "../src/index.js";

let simulator: JobsSimulator;
beforeAll(async () => {
  simulator = await startJobsSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

it("treats a status it does not know as not terminal", async () => {
  const client = createJobsClient({ token: "sk_test", baseUrl: simulator.url, maxRetries: 0 });
  const [job] = simulator.seed(1);
  const id = job?.id as string;
  simulator.update(id, { status: "archived", progress: 30 });
  expect((await client.jobs.get(id)).data.status).toBe("archived");

  const waiting = client.jobs.waitFor(id, { maxWait: 5_000, pollInterval: 20 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  // Still polling: an unknown status is not an end. Acknowledging and completing it work as for a running job.
  expect((await client.jobs.ack(id, { progress: 60 })).data).toMatchObject({ status: "executing", progress: 60 });
  simulator.update(id, { status: "archived" });
  await client.jobs.complete(id, { info: "done" });
  await expect(waiting).resolves.toMatchObject({ status: "complete", info: "done" });
});
