import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createJobsClient,
  createJobsCore,
  getJob,
  type JobsCore,
  listJobs,
  type RequestOptions,
  updateJob,
} from "../src/index.js";
import { BASE_URL, json, type RecordedRequest, recordingFetch, TOKEN } from "./recording-fetch.js";
import { callFunction, table } from "./spec-calls.js";

// createJobsCore builds requests itself, createJobsClient through openapi-fetch's client. Whatever the arguments,
// the two must put the same request on the wire and end the same way.

const job = { id: "us_jb_1", type: "workbook", operation: "submitAction", source: "us_wb_1" };

type Operation = (client: JobsCore, id: string, options: RequestOptions) => Promise<unknown>;

/** Every operation of the spec with the spec's example arguments, and the calls that leave an optional body out. */
const operations: Record<string, Operation> = Object.fromEntries([
  ...table.map((row) => [row.operationId, (c: JobsCore, id: string, o: RequestOptions) => callFunction(row, c, id, o)]),
  ...table
    .filter((row) => row.body && !row.body.required)
    .map((row) => [
      `${row.operationId}WithoutBody`,
      (c: JobsCore, id: string, o: RequestOptions) => callFunction(row, c, id, o, { withoutBody: true }),
    ]),
]);

/**
 * Runs `call` on a client of each kind, all answered by `respond`; returns what each sent and how it ended. A
 * client sends through openapi-fetch's client only while middleware is registered, so the third one has some.
 */
async function onBoth(
  call: (client: JobsCore) => Promise<unknown>,
  respond: () => Response = () => json(200, { data: job }),
  headers?: Record<string, string>,
) {
  const run = async (make: typeof createJobsCore) => {
    const { fetch, requests } = recordingFetch(respond);
    const client = make({ token: TOKEN, baseUrl: BASE_URL, fetch, headers, maxRetries: 0 });
    const outcome = await call(client).then(
      (value) => ({ value }),
      (error: Error) => ({ error: `${error.name}: ${error.message}` }),
    );
    return { sent: requests.map(wire), outcome };
  };
  const seen: string[] = [];
  const withMiddleware = (options: Parameters<typeof createJobsClient>[0]) => {
    const client = createJobsClient(options);
    client.use({ onRequest: ({ request }) => void seen.push(request.method) });
    return client;
  };
  const results = {
    direct: await run(createJobsCore),
    client: await run(createJobsClient),
    openapiFetch: await run(withMiddleware),
  };
  // The middleware saw the request, so that leg went through openapi-fetch.
  expect(seen).toHaveLength(results.openapiFetch.sent.length);
  expect(results.client).toEqual(results.direct);
  return results;
}

/** What a server sees of a request. */
function wire(r: RecordedRequest) {
  return { method: r.method, url: r.url.href, headers: [...r.headers].sort(), body: r.body };
}

describe("createJobsCore and createJobsClient send the same requests as openapi-fetch builds", () => {
  it.each(Object.entries(operations))("%s", async (_name, operation) => {
    const { direct, openapiFetch } = await onBoth((c) =>
      operation(c, "us_jb_7Hq2 x/é", { headers: { "X-Request-Tag": "a" } }),
    );
    expect(direct.sent).toHaveLength(1);
    expect(direct).toEqual(openapiFetch);
  });

  it("for any job id, query, per-call headers and body", async () => {
    const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }));
    const query = fc.record(
      {
        spaceId: text,
        environmentId: fc.constantFrom("us_env_1", "a b&c=d", "ü/?#"),
        pageSize: fc.integer({ min: -5, max: 1000 }),
        pageNumber: fc.option(fc.nat(), { nil: undefined }),
        excludeChildJobs: fc.boolean(),
        sortDirection: fc.constantFrom("asc", "desc"),
      },
      { requiredKeys: [] },
    );
    const headers = fc.dictionary(
      fc.constantFrom("x-tag", "Accept", "X-Disable-Hooks", "content-type", "X-Trace-Id"),
      fc.stringMatching(/^[\x21-\x7e]{1,16}$/),
      { maxKeys: 3 },
    );
    const body = fc.record({ info: text, progress: fc.integer(), config: fc.jsonValue({ maxDepth: 2 }) });
    await fc.assert(
      fc.asyncProperty(text, query, headers, headers, body, async (jobId, q, clientHeaders, callHeaders, b) => {
        const options = { headers: callHeaders };
        const list = await onBoth((c) => listJobs(c, q as never, options), undefined, clientHeaders);
        expect(list.direct).toEqual(list.openapiFetch);
        const update = await onBoth((c) => updateJob(c, jobId, b as never, options), undefined, clientHeaders);
        expect(update.direct).toEqual(update.openapiFetch);
      }),
      { numRuns: 200 },
    );
    // 200 runs of four clients take about 3 s of CPU alone, well over vitest's 5 s default beside other suites.
  }, 30_000);

  it("and ends the same way on error statuses and broken bodies", async () => {
    const replies = [
      () => json(404, { errors: [{ key: "jobId", message: "not found" }] }, { "x-request-id": "r1" }),
      () => new Response("<html>bad gateway</html>", { status: 502 }),
      () => new Response("", { status: 500 }),
      () => new Response("not json", { status: 200 }),
      () => new Response(null, { status: 204 }),
      () => json(200, [1, 2]),
    ];
    for (const reply of replies) {
      const { direct, openapiFetch } = await onBoth((c) => getJob(c, "us_jb_1", {}), reply);
      expect(direct.outcome).toHaveProperty("error");
      expect(direct).toEqual(openapiFetch);
    }
  });
});
