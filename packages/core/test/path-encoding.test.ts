import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CALL } from "../src/contracts.js";
import { createJobsClient, InvalidArgumentError, type JobsCore, type JobsResource } from "../src/index.js";
import { BASE_URL, json, recordingFetch, TOKEN } from "./recording-fetch.js";
import { callMethod, pathOf, table } from "./spec-calls.js";

const job = { id: "x", type: "workbook", operation: "op", source: "s" };

/**
 * Every operation of the spec whose path has a job id (`/jobs/{jobId}/…`), with what its path has after the id,
 * called with the spec's example arguments and the id under test.
 */
const byId: Array<[string, (jobs: JobsResource, id: string) => Promise<unknown>, string]> = table
  .filter((row) => row.path.startsWith("/jobs/{jobId}"))
  .map((row) => [row.operationId, (jobs, id) => callMethod(row, jobs, id), pathOf(row, "ID").slice("/jobs/ID".length)]);

function setup() {
  const recorder = recordingFetch(() => json(200, { data: job }));
  const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch: recorder.fetch });
  return { ...recorder, jobs: client.jobs };
}

/** The job id as the server sees it: the one segment after /v1/jobs/, decoded. */
function sentJobId(url: URL, suffix: string): string {
  expect(url.origin).toBe(new URL(BASE_URL).origin);
  expect(url.pathname.startsWith("/v1/jobs/")).toBe(true);
  expect(url.pathname.endsWith(suffix)).toBe(true);
  const segment = url.pathname.slice("/v1/jobs/".length, url.pathname.length - suffix.length);
  expect(segment).not.toContain("/");
  expect(url.search).toBe("");
  expect(url.hash).toBe("");
  return decodeURIComponent(segment);
}

const sendableId = fc
  .oneof(
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.stringMatching(/^[./?#%\\ ]{1,12}$/),
    fc.constantFrom("a/b", "a?b=1", "a#b", "100%", "%2e%2e", "../x", "..%2f", "./", "%", " ", "us_jb_1/../../admin"),
  )
  .filter((s) => s !== "" && s !== "." && s !== ".." && s.isWellFormed());

describe("job ids in paths", () => {
  it.each(byId)("%s keeps any job id as exactly one segment under /jobs/", async (_name, call, suffix) => {
    await fc.assert(
      fc.asyncProperty(sendableId, async (jobId) => {
        const { jobs, requests } = setup();
        await call(jobs, jobId);
        expect(requests).toHaveLength(1);
        expect(sentJobId((requests[0] as { url: URL }).url, suffix)).toBe(jobId);
      }),
      { numRuns: 150 },
    );
  });

  it.each(["", ".", "..", "\ud800x", "x\udfff"])("refuses %j before sending anything", async (jobId) => {
    const { jobs, requests } = setup();
    for (const [, call] of byId) {
      await expect(call(jobs, jobId)).rejects.toBeInstanceOf(InvalidArgumentError);
    }
    expect(requests).toHaveLength(0);
  });

  it("refuses a job id that is not a string, and says what it got", async () => {
    const { jobs, requests } = setup();
    await expect(jobs.get(42 as unknown as string)).rejects.toThrow(/jobId must be a string.*got number/);
    await expect(jobs.complete(undefined as unknown as string)).rejects.toThrow(/got undefined/);
    expect(requests).toHaveLength(0);
  });

  it("rejects (never throws synchronously) on a bad id, so .catch() sees it", () => {
    const { jobs } = setup();
    let thrown = false;
    let promise: Promise<unknown> | undefined;
    try {
      promise = jobs.get("..");
    } catch {
      thrown = true;
    }
    expect(thrown).toBe(false);
    return expect(promise).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("paths with parameters besides the job id", () => {
  // An operation Flatfile could add, `GET /jobs/{jobId}/parts/{partId}`: the generated function hands its
  // other parameters to the client's Call, which checks and encodes each one like the job id.
  const partOf = { method: "GET", path: "/jobs/{jobId}/parts/{partId}", idempotent: true } as unknown as Parameters<
    JobsCore[typeof CALL]
  >[0];

  it.each([
    ["without middleware (sent directly)", false],
    ["with middleware (sent through openapi-fetch)", true],
  ])("fills and encodes every parameter of the path, %s", async (_, withMiddleware) => {
    const recorder = recordingFetch(() => json(200, { data: job }));
    const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch: recorder.fetch });
    if (withMiddleware) client.use({ onRequest: ({ request }) => request });
    await client[CALL](partOf, "us_jb_1", { path: { partId: "a/b c" } }, undefined);
    expect(recorder.requests.map((r) => r.url.pathname)).toEqual(["/v1/jobs/us_jb_1/parts/a%2Fb%20c"]);
  });

  it("refuses a parameter that cannot be one path segment, naming it, before anything is sent", async () => {
    const recorder = recordingFetch(() => json(200, { data: job }));
    const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch: recorder.fetch });
    for (const [value, got] of [
      ["..", '"..", which cannot be sent as one path segment'],
      [undefined, "undefined"],
    ] as const) {
      const call = client[CALL](partOf, "us_jb_1", { path: value === undefined ? {} : { partId: value } }, undefined);
      await expect(call).rejects.toThrow(InvalidArgumentError);
      await expect(call).rejects.toThrow(`partId must be a string, got ${got}.`);
    }
    expect(recorder.requests).toEqual([]);
  });
});
