import { describe, expect, it, vi } from "vitest";
import { createJobsClient, type Job, JobCanceledError, runJob } from "../src/index.js";
import { BASE_URL, json, requestFetch, TOKEN } from "./recording-fetch.js";

/** One job kept in memory behind ack/get/complete/fail, recording every call the worker makes. */
function jobServer() {
  const job: Job = {
    id: "us_jb_9",
    type: "workbook",
    operation: "submitAction",
    source: "us_wb_1",
    createdBy: "us_usr_1",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    status: "ready",
  };
  const calls: Array<{ op: string; body: unknown }> = [];
  const fetch = requestFetch(async (request: Request): Promise<Response> => {
    const op = new URL(request.url).pathname.split("/").at(-1) ?? "";
    const body = request.body ? JSON.parse(await request.text()) : undefined;
    calls.push({ op, body });
    if (op === "ack") Object.assign(job, { status: job.status === "canceled" ? "canceled" : "executing", ...body });
    if (op === "complete") Object.assign(job, { status: "complete", ...body });
    if (op === "fail") Object.assign(job, { status: "failed", ...body });
    return json(200, { data: { ...job } });
  });
  const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
  const acks = () => calls.filter((c) => c.op === "ack").map((c) => c.body);
  return { client, job, calls, acks };
}

describe("runJob", () => {
  it("acknowledges the job, completes it with the handler's outcome and resolves with it", async () => {
    const { client, calls } = jobServer();
    const done = await runJob(client, "us_jb_9", async ({ job, progress }) => {
      expect(job.status).toBe("executing");
      progress(50, "Halfway");
      return { info: "Imported 12 rows", outcome: { heading: "Done", message: "12 rows" } };
    });
    expect(done.status).toBe("complete");
    expect(calls.map((c) => c.op)).toEqual(["ack", "ack", "complete"]);
    expect(calls.at(-1)?.body).toEqual({ info: "Imported 12 rows", outcome: { heading: "Done", message: "12 rows" } });
  });

  it("coalesces progress: at most one acknowledgement per interval, and the last value always sent", async () => {
    const { client, acks } = jobServer();
    await runJob(
      client,
      "us_jb_9",
      async ({ progress }) => {
        for (let p = 1; p <= 100; p++) {
          progress(p, `row ${p}`);
          if (p % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 30));
        }
      },
      { progressInterval: 50 },
    );
    const sent = acks();
    expect(sent[0]).toEqual({ progress: 0 });
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)).toEqual({ progress: 100, info: "row 100" });
  });

  it("fails the job with a safe message when the handler throws, and rethrows the error", async () => {
    const { client, calls, job } = jobServer();
    const boom = new Error(`db password hunter2 for ${TOKEN}`);
    await expect(
      runJob(client, "us_jb_9", async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(job.status).toBe("failed");
    const failBody = JSON.stringify(calls.find((c) => c.op === "fail")?.body);
    expect(failBody).toContain("The job could not be completed.");
    expect(failBody).not.toContain("hunter2");
    expect(failBody).not.toContain(TOKEN);
    expect(failBody).not.toContain("at ");
  });

  it("lets the worker choose the failure message", async () => {
    const { client, calls } = jobServer();
    await runJob(
      client,
      "us_jb_9",
      () => {
        throw new RangeError("Row 12 has no email");
      },
      { failureMessage: (e) => (e instanceof RangeError ? e.message : "Failed") },
    ).catch(() => undefined);
    expect(calls.at(-1)).toEqual({
      op: "fail",
      body: { info: "Row 12 has no email", outcome: { message: "Row 12 has no email" } },
    });
  });

  it("aborts the handler's signal when the job is canceled meanwhile, and neither completes nor fails it", async () => {
    const { client, calls, job } = jobServer();
    const run = runJob(
      client,
      "us_jb_9",
      ({ signal }) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
      { cancelCheckInterval: 10 },
    );
    await vi.waitFor(() => expect(calls.length).toBeGreaterThan(0));
    job.status = "canceled";
    await expect(run).rejects.toBeInstanceOf(JobCanceledError);
    expect(calls.map((c) => c.op)).not.toContain("complete");
    expect(calls.map((c) => c.op)).not.toContain("fail");
  });
});
