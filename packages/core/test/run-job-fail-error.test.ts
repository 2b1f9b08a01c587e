// runJob when the handler throws and failing the job fails too, against a real server
// (tools/src/fault-server.ts) that refuses the fail: the caller gets the handler's error, not the fail's.
import { describe, expect, it, vi } from "vitest";
import { ConflictError, createJobsClient, runJob } from "../src/index.js";
import { useFaultServer } from "./fault-server-setup.js";

const TOKEN = "sk_test_run_job_fail_9d1e";
const JOB = "us_jb_2Wq4eR6t";

const server = useFaultServer();

describe("runJob when failing the job fails", () => {
  it("rejects with the handler's error, keeps the fail's error on it, and asks for the message once", async () => {
    server().script((request) => (request.operation === "fail" ? { kind: "status", status: 409 } : { kind: "ok" }));
    const client = createJobsClient({ token: TOKEN, baseUrl: server().url, maxRetries: 0 });
    const boom = new Error("row 12 has no email");
    const failureMessage = vi.fn(() => "Row 12 has no email");
    const run = runJob(
      client,
      JOB,
      () => {
        throw boom;
      },
      { failureMessage },
    );
    await expect(run).rejects.toBe(boom);
    expect((boom as Error & { failJobError?: unknown }).failJobError).toBeInstanceOf(ConflictError);
    expect(failureMessage).toHaveBeenCalledTimes(1);
    expect(failureMessage).toHaveBeenCalledWith(boom);
    expect(
      server()
        .requests()
        .map((r) => r.operation),
    ).toEqual(["ack", "fail"]);
  });

  it("rejects with the handler's error when it is not an object", async () => {
    server().script((request) => (request.operation === "fail" ? { kind: "status", status: 409 } : { kind: "ok" }));
    const client = createJobsClient({ token: TOKEN, baseUrl: server().url, maxRetries: 0 });
    await expect(
      runJob(client, JOB, () => {
        throw "no email in row 12";
      }),
    ).rejects.toBe("no email in row 12");
  });
});
