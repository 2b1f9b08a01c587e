// runJob and its own `signal`, against a real server (tools/src/fault-server.ts): an abort that comes before the
// job is acknowledged ends the run like any call, with APIUserAbortError; the handler never runs.
import { describe, expect, it, vi } from "vitest";
import { APIUserAbortError, createJobsClient, runJob } from "../src/index.js";
import { useFaultServer } from "./fault-server-setup.js";

const TOKEN = "sk_test_run_job_abort_3b7c";
const JOB = "us_jb_4Rt6yU8i";

const server = useFaultServer();

const client = () => createJobsClient({ token: TOKEN, baseUrl: server().url, maxRetries: 0 });
const operations = () =>
  server()
    .requests()
    .map((r) => r.operation);

describe("runJob with an aborted signal", () => {
  it("rejects with APIUserAbortError and sends no request when the signal is already aborted", async () => {
    const handler = vi.fn();
    const run = runJob(client(), JOB, handler, { signal: AbortSignal.abort() });
    await expect(run).rejects.toBeInstanceOf(APIUserAbortError);
    expect(handler).not.toHaveBeenCalled();
    expect(operations()).toEqual([]);
  });

  it("rejects with APIUserAbortError and never runs the handler when the signal aborts during the ack", async () => {
    // The ack is answered late, so that the abort comes while it is in flight.
    server().script({ kind: "slow-headers", ms: 2_000 });
    const controller = new AbortController();
    const handler = vi.fn();
    const run = runJob(client(), JOB, handler, { signal: controller.signal });
    await server().waitForRequests(1);
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(APIUserAbortError);
    expect(handler).not.toHaveBeenCalled();
    expect(operations()).toEqual(["ack"]);
    // The ack in flight was given up, not left running.
    await vi.waitFor(() => expect(server().requests()[0]?.outcome).toBe("client-closed"));
  });
});
