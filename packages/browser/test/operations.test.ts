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
const client = createJobsClient({
  token: "pk_browser_suite",
  baseUrl,
  retryBackoff: { initialDelay: 5, maxDelay: 10 },
});
const { jobs } = client;
const JOB = "us_jb_7Hq2xK9d";

const operations = inject("operations");

describe("every operation from a browser page, cross-origin", () => {
  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s resolves to its 200 body (called with the spec's example arguments)",
    async (operationId, { args, example }) => {
      const method = (jobs as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[operationId];
      expect(typeof method).toBe("function");
      const result = await method?.(...args);
      // Without a 200 example in the spec, Prism answers with a body made from the schema.
      if (example === undefined) expect(typeof result).toBe("object");
      else expect(result).toEqual(example);
    },
  );
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
