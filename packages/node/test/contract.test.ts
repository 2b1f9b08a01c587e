import { afterEach, describe, expect, inject, it } from "vitest";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  createJobsClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "../src/index.js";
import { callsOf } from "./operations.js";
import { firstExample, operationIds } from "./spec.js";

const baseUrl = inject("prismUrl");
const TOKEN = "sk_contract_9d1e77";

/** Prism reports every way a request breaks the spec in an `sl-violations` header; any of them fails the test. */
let violations: string[] = [];
const client = createJobsClient({
  token: TOKEN,
  baseUrl,
  fetch: async (url, init) => {
    const response = await fetch(url, init);
    const found = response.headers.get("sl-violations");
    if (found) violations.push(`${init.method} ${url}: ${found}`);
    return response;
  },
});
afterEach(() => {
  const seen = violations;
  violations = [];
  expect(seen).toEqual([]);
});

const calls = callsOf(client);

function hasExample(operationId: string): boolean {
  try {
    firstExample(operationId);
    return true;
  } catch {
    return false;
  }
}

describe("every operation against the Prism mock of the spec", () => {
  it("covers every operation of the spec", () => {
    expect(operationIds.length).toBeGreaterThan(0);
    expect(Object.keys(calls).sort()).toEqual([...operationIds].sort());
  });

  it.each(Object.entries(calls))(
    "%s resolves to its 200 body (sent with the spec's example)",
    async (operationId, call) => {
      const result = await call();
      // Without a 200 example in the spec (an operation Flatfile added, not yet given one in the overlay), Prism
      // answers with a body made from the schema, which it has validated.
      if (hasExample(operationId)) expect(result).toEqual(firstExample(operationId));
      else expect(typeof result).toBe("object");
    },
  );

  it("gives typed results a program can use", async () => {
    const { data: job } = await client.jobs.get("us_jb_7Hq2xK9d");
    expect(job.id).toMatch(/^us_jb_/);
    expect(new Date(job.createdAt).getTime()).not.toBeNaN();
    const page = await client.jobs.list({ pageSize: 10, sortDirection: "desc" });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.pagination?.pageCount).toBeGreaterThanOrEqual(page.pagination?.currentPage ?? 0);
    const executed = await client.jobs.execute("us_jb_7Hq2xK9d");
    expect(executed.data?.success).toBe(true);
    const { data: planned } = await client.jobs.getExecutionPlan("us_jb_7Hq2xK9d");
    expect(planned.plan.fieldMapping.length).toBeGreaterThan(0);
  });
});

describe("errors the mock declares", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, InternalServerError],
  ])("a %i parses into its APIError class with the declared Errors body", async (status, ErrorClass) => {
    const error = await client.jobs
      .get("us_jb_7Hq2xK9d", { headers: { Prefer: `code=${status}` }, maxRetries: 0 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    expect(error.attempts).toBe(1);
    expect(error.error).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]),
    });
    expect(error.message).toContain(error.error.errors[0].message);
    expect(error.message).not.toContain(TOKEN);
  });

  it("retries a 500 on a read, then reports every attempt", async () => {
    const retrying = createJobsClient({ token: TOKEN, baseUrl, retryBackoff: { initialDelay: 10, maxDelay: 20 } });
    const error = await retrying.jobs.get("us_jb_7Hq2xK9d", { headers: { Prefer: "code=500" } }).catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain("3 attempts");
  });

  it("fails at once on a 429 whose Retry-After is beyond the cap, saying when to come back", async () => {
    const capped = createJobsClient({ token: TOKEN, baseUrl, maxRetryAfter: 5_000 });
    const error = await capped.jobs
      .complete("us_jb_7Hq2xK9d", undefined, { headers: { Prefer: "code=429" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.attempts).toBe(1);
    expect(error.retryAfter).toBe(30_000);
    expect(error.message).toMatch(/retry after 30 s \(at \d{4}-\d\d-\d\dT/);
  });
});

describe("the mock really validates requests", () => {
  const headers = { Authorization: `Bearer ${TOKEN}`, "X-Disable-Hooks": "true", "Content-Type": "application/json" };

  it("rejects a body that breaks the spec, naming the violation", async () => {
    const response = await fetch(`${baseUrl}/jobs`, {
      method: "POST",
      headers,
      body: JSON.stringify({ type: "spreadsheet", operation: "submitAction" }),
    });
    expect(response.status).toBe(400);
    const found = JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ message: string }>;
    expect(found.map((v) => v.message).join(" ")).toMatch(/source|allowed values/);
  });

  it("rejects a request without X-Disable-Hooks", async () => {
    const { "X-Disable-Hooks": _, ...withoutHooks } = headers;
    const response = await fetch(`${baseUrl}/jobs/us_jb_7Hq2xK9d`, { headers: withoutHooks });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(/x-disable-hooks/i);
  });

  it("rejects a request without a bearer token", async () => {
    const response = await fetch(`${baseUrl}/jobs`, { headers: { "X-Disable-Hooks": "true" } });
    expect(response.status).toBe(401);
  });

  it("surfaces a rejected body through the client as a 400 APIError", async () => {
    const error = await client.jobs
      .create({ type: "spreadsheet", operation: "x", source: "s" } as never)
      .catch((e: unknown) => e);
    violations = [];
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(400);
    expect((error as APIError).headers.get("sl-violations")).toContain("type");
  });
});
