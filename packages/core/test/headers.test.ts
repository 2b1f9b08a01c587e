import { describe, expect, it } from "vitest";
import { createJobsClient, createJobsCore, REGION_BASE_URLS, type Region } from "../src/index.js";
import { BASE_URL, json, recordingFetch, TOKEN } from "./recording-fetch.js";
import { callMethod, pathOf, table } from "./spec-calls.js";

const job = { id: "us_jb_1", type: "workbook", operation: "submitAction", source: "us_wb_1" };

describe("request headers and bodies", () => {
  it("sends the bearer token and X-Disable-Hooks on every request", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: job }));
    const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
    await client.jobs.get("us_jb_1");
    await client.jobs.create({ type: "workbook", operation: "submitAction", source: "us_wb_1" });
    await client.jobs.ack("us_jb_1");
    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(r.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
      expect(r.headers.get("x-disable-hooks")).toBe("true");
    }
  });

  it("sends client-wide and per-request headers, but never lets them replace the auth or hooks headers", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: job }));
    const client = createJobsClient({
      token: TOKEN,
      baseUrl: BASE_URL,
      fetch,
      headers: { "X-Team": "ingest", authorization: "Bearer other", "X-Disable-Hooks": "false" },
    });
    await client.jobs.get("us_jb_1", { headers: { "X-Request-Tag": "nightly", "X-Disable-Hooks": "false" } });
    const [r] = requests;
    expect(r?.headers.get("x-team")).toBe("ingest");
    expect(r?.headers.get("x-request-tag")).toBe("nightly");
    expect(r?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(r?.headers.get("x-disable-hooks")).toBe("true");
  });

  it("sends JSON bodies with Content-Type, and no body at all when an optional body is omitted", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: job }));
    const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
    await client.jobs.complete("us_jb_1", { info: "done", outcome: { heading: "Done", acknowledge: true } });
    await client.jobs.complete("us_jb_1");
    await client.jobs.split("us_jb_1", { parts: 3, runInParallel: true });

    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({
      info: "done",
      outcome: { heading: "Done", acknowledge: true },
    });
    expect(requests[1]?.body).toBeNull();
    expect(requests[1]?.headers.get("content-type")).toBeNull();
    expect(JSON.parse(requests[2]?.body ?? "")).toEqual({ parts: 3, runInParallel: true });
  });

  it("uses each operation's method and path, every parameter of the path filled in", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: job }));
    const { jobs } = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
    for (const row of table) await callMethod(row, jobs, "j");
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(
      table.map((row) => `${row.method} /v1${pathOf(row, "j")}`),
    );
    // Read off the spec, so the table holds what the API's paths look like.
    expect(table.map((row) => `${row.method} ${pathOf(row, "j")}`)).toEqual(
      expect.arrayContaining([
        "GET /jobs",
        "POST /jobs/j/outcome/ack",
        "POST /jobs/preview-mutation",
        "PUT /jobs/j/plan",
      ]),
    );
  });

  it("defaults to Flatfile's production base URL and drops a trailing slash", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: [] }));
    const client = createJobsClient({ token: TOKEN, fetch });
    expect(client.baseUrl).toBe("https://api.x.flatfile.com/v1");
    await client.jobs.list();
    await createJobsClient({ token: TOKEN, fetch, baseUrl: "https://platform.eu.flatfile.com/api/v1/" }).jobs.list();
    expect(requests.map((r) => r.url.href)).toEqual([
      "https://api.x.flatfile.com/v1/jobs",
      "https://platform.eu.flatfile.com/api/v1/jobs",
    ]);
  });

  it("uses a region's platform URL unless a baseUrl is given, and refuses an unknown region", () => {
    expect(createJobsClient({ token: TOKEN, region: "au" }).baseUrl).toBe("https://platform.au.flatfile.com/api/v1");
    expect(createJobsClient({ token: TOKEN, region: "au", baseUrl: BASE_URL }).baseUrl).toBe(BASE_URL);
    expect(() => createJobsClient({ token: TOKEN, region: "xx" as never })).toThrow(/Unknown region "xx"/);
    // The client builds each region's URL from its pattern; it must be the documented one, for every region.
    for (const [region, url] of Object.entries(REGION_BASE_URLS)) {
      expect(createJobsCore({ token: TOKEN, region: region as Region }).baseUrl).toBe(url);
    }
  });

  it("gives the raw openapi-fetch client for { data, error, response } access", async () => {
    const { fetch, requests } = recordingFetch(() => json(404, { errors: [{ message: "Job not found" }] }));
    const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
    const { data, error, response } = await client.raw.GET("/jobs/{jobId}", {
      params: { path: { jobId: "us_jb_404" }, header: { "X-Disable-Hooks": "true" } },
    });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errors: [{ message: "Job not found" }] });
    expect(response.status).toBe(404);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });
});
