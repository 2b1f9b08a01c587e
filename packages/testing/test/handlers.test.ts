// What the simulator answers for an operation of the spec it has no behaviour for (one Flatfile added): 501 with
// the API's Errors body, naming the operation, which clients do not retry. The operations it implements are the
// subject of simulator.test.ts.
import { createJobsClient, InternalServerError } from "@flatfile-jobs/core";
import { describe, expect, it } from "vitest";
import { HANDLERS, respond } from "../src/handlers.js";
import { JobStore } from "../src/store.js";

describe("an operation the simulator has no behaviour for", () => {
  const pause = { operationId: "pause", method: "POST", path: "/jobs/{jobId}/pause" };

  it("is answered 501 with an Errors body that names it", () => {
    expect(HANDLERS.pause).toBeUndefined();
    const answer = respond(pause, new JobStore(), { jobId: "us_jb_1", query: {}, body: undefined });
    expect(answer.status).toBe(501);
    expect(answer.body).toEqual({
      errors: [
        {
          key: "pause",
          message:
            "The Jobs simulator does not implement pause (POST /jobs/{jobId}/pause): the request is valid, but the simulator has no behaviour for this operation yet.",
        },
      ],
    });
  });

  it("reaches a client as an error it does not retry", async () => {
    const answer = respond(pause, new JobStore(), { jobId: "us_jb_1", query: {}, body: undefined });
    let requests = 0;
    const client = createJobsClient({
      token: "sk_test_501",
      baseUrl: "http://127.0.0.1:9/v1",
      fetch: async () => {
        requests += 1;
        return new Response(JSON.stringify(answer.body), { status: answer.status });
      },
    });
    const error = await client.jobs.get("us_jb_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 501, attempts: 1 });
    expect((error as InternalServerError).messages[0]).toContain("does not implement pause");
    expect(requests).toBe(1);
  });

  it("is not the answer of an operation it implements", () => {
    const store = new JobStore();
    const answer = respond({ operationId: "list", method: "GET", path: "/jobs" }, store, {
      jobId: "",
      query: {},
      body: undefined,
    });
    expect(answer.status).toBe(200);
  });
});
