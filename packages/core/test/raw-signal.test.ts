// `client.raw` against a real server that never answers: the caller's `signal` must end the call, as it ends the
// client's own operations, with `APIUserAbortError`, and the request must be closed on the server's side.
import { type HoldServer, startHoldServer } from "@flatfile-jobs/tools/hold-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { APIUserAbortError, createJobsClient } from "../src/index.js";

const TOKEN = "sk_test_raw_signal_5e2a";

let server: HoldServer;
beforeAll(async () => {
  server = await startHoldServer();
});
afterAll(async () => {
  await server?.close();
});

describe("client.raw and the caller's signal", () => {
  it("aborts a request in flight with APIUserAbortError when the caller's signal aborts", async () => {
    // A timeout far beyond the abort, and no retries: only the caller's signal can end this call early.
    const client = createJobsClient({ token: TOKEN, baseUrl: server.url, timeout: 3_000, maxRetries: 0 });
    const controller = new AbortController();
    const before = server.held().length;
    const call = client.raw.GET("/jobs/{jobId}", {
      params: { path: { jobId: "us_jb_raw1" } },
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(server.held().length).toBe(before + 1));
    controller.abort();
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).message).toBe("Request aborted by the caller (GET /jobs/us_jb_raw1).");
    await vi.waitFor(() => expect(server.held().at(-1)).toMatchObject({ closedByClient: true }));
  });

  it("sends nothing when the caller's signal is already aborted", async () => {
    const client = createJobsClient({ token: TOKEN, baseUrl: server.url, timeout: 3_000, maxRetries: 0 });
    const before = server.held().length;
    await expect(
      client.raw.POST("/jobs/{jobId}/ack", { params: { path: { jobId: "us_jb_raw2" } }, signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.held()).toHaveLength(before);
  });
});
