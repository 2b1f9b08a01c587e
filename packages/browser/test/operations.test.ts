import { describe, expect, inject, it } from "vitest";
// The package's published ESM build, as an app's bundler would load it.
import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  createJobsClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "../dist/index.mjs";

const baseUrl = inject("prismUrl");
const examples = inject("examples");
const client = createJobsClient({
  token: "pk_browser_suite",
  baseUrl,
  retryBackoff: { initialDelay: 5, maxDelay: 10 },
});
const { jobs } = client;
const JOB = "us_jb_7Hq2xK9d";
const field = (key: string) => ({ type: "string" as const, key });

const calls: Record<string, () => Promise<unknown>> = {
  list: () => jobs.list({ pageSize: 10, sortDirection: "desc", excludeChildJobs: true }),
  create: () => jobs.create({ type: "workbook", operation: "submitAction", source: "us_wb_N4pX8sQe" }),
  get: () => jobs.get(JOB),
  update: () => jobs.update(JOB, { progress: 60, info: "Halfway" }),
  delete: () => jobs.delete(JOB),
  execute: () => jobs.execute(JOB),
  getExecutionPlan: () => jobs.getExecutionPlan(JOB),
  updateExecutionPlan: () =>
    jobs.updateExecutionPlan(JOB, {
      jobId: JOB,
      fileId: "us_fl_1",
      fieldMapping: [{ sourceField: field("a"), destinationField: field("b") }],
      unmappedSourceFields: [],
      unmappedDestinationFields: [],
    }),
  updateExecutionPlanFields: () => jobs.updateExecutionPlanFields(JOB, { jobId: JOB, fileId: "us_fl_1" }),
  ack: () => jobs.ack(JOB, { progress: 10, info: "Working" }),
  ackOutcome: () => jobs.ackOutcome(JOB),
  complete: () => jobs.complete(JOB, { outcome: { heading: "Done" } }),
  fail: () => jobs.fail(JOB),
  cancel: () => jobs.cancel(JOB, { info: "Stop" }),
  retry: () => jobs.retry(JOB),
  previewMutation: () => jobs.previewMutation({ sheetId: "us_sh_1", mutateRecord: "r => r" }),
  split: () => jobs.split(JOB, { parts: 2 }),
};

describe("all 17 operations from a browser page, cross-origin", () => {
  it("covers every operation of the spec", () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(Object.keys(calls))("%s resolves to its 200 body", async (operationId) => {
    expect(await calls[operationId]?.()).toEqual(examples[operationId]);
  });
});

describe("errors, retries, timeouts and aborts behave as on Node", () => {
  it("maps a 404 to NotFoundError with the parsed body", async () => {
    const error = await jobs.get(JOB, { headers: { Prefer: "code=404" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).messages.length).toBeGreaterThan(0);
  });

  it("retries a read after a 500 and reports the attempts", async () => {
    const error = await jobs.get(JOB, { headers: { Prefer: "code=500" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).attempts).toBe(3);
  });

  it("fails at once on a 429 whose Retry-After is beyond the cap", async () => {
    const capped = createJobsClient({ token: "pk_browser_suite", baseUrl, maxRetryAfter: 1000 });
    const error = await capped.jobs
      .complete(JOB, undefined, { headers: { Prefer: "code=429" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(30_000);
  });

  it("times out an attempt that gets no answer in time", async () => {
    const stalled = createJobsClient({ token: "pk_browser_suite", baseUrl: inject("stallUrl") });
    const error = await stalled.jobs.list({}, { timeout: 50, maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).attempts).toBe(2);
  });

  it("stops at once when the caller aborts", async () => {
    const controller = new AbortController();
    const pending = jobs.list({}, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
  });
});
