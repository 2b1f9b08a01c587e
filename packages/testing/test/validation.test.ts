import { deref, type Node, spec } from "@flatfile-jobs/tools/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDLERS } from "../src/handlers.js";
import { type JobsSimulator, startJobsSimulator } from "../src/index.js";
import { compileAll } from "../src/validation.js";

// The simulator on its own, sent raw requests: what an app's tests see when they send what the API refuses.
let simulator: JobsSimulator;
beforeAll(async () => {
  simulator = await startJobsSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

/** Every operation of the spec with its method and path. */
const operations: Array<{ method: string; path: string; operation: Node }> = Object.entries(spec.paths).flatMap(
  ([path, item]) =>
    Object.entries(item as Record<string, Node>)
      .filter(([, operation]) => typeof operation?.operationId === "string")
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

/** The named examples of an operation's request body. */
function examplesOf(operation: Node): Record<string, Node> {
  return deref(deref(operation.requestBody)?.content?.["application/json"]?.examples) ?? {};
}

const HEADERS = { Authorization: "Bearer sk_test", "X-Disable-Hooks": "true", "Content-Type": "application/json" };

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, checked by the assertions
  body: any;
}

async function send(
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(simulator.url + path, { method, headers: options.headers ?? HEADERS, body });
  return { status: response.status, body: await response.json() };
}

const newJob = (fields = {}) => simulator.seed([fields])[0]?.id ?? "";

/** The refusal as the API shapes it: a 400 whose `Errors` body names `key`. */
function expectRefused(answer: Answer, key: string | undefined, message: RegExp) {
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({ errors: expect.any(Array) });
  expect(answer.body.errors).toContainEqual(
    key === undefined ? { message: expect.stringMatching(message) } : { key, message: expect.stringMatching(message) },
  );
}

describe("a request the spec refuses gets a 400 with the API's Errors body", () => {
  it.each([150, -20, 33.3, 101, "50"])(
    "ack with progress %j is refused, and the job keeps its progress",
    async (progress) => {
      const jobId = newJob();
      expectRefused(
        await send("POST", `/jobs/${jobId}/ack`, { body: { progress } }),
        "progress",
        /^progress must be a whole number from 0 to 100, got /,
      );
      expect(simulator.job(jobId)).toMatchObject({ status: "created", progress: 0 });
    },
  );

  it("update with progress 101 and an unknown status names both fields", async () => {
    const answer = await send("PATCH", `/jobs/${newJob()}`, { body: { progress: 101, status: "done" } });
    expectRefused(answer, "progress", /from 0 to 100, got 101\.$/);
    expectRefused(answer, "status", /^status must be one of created, planning, .*, got "done"\.$/);
  });

  it.each([
    ["pageSize=1.5", "pageSize", /^Query parameter pageSize must be a whole number, 1 or more, got "1\.5"\.$/],
    ["pageSize=abc", "pageSize", /got "abc"/],
    ["pageSize=0", "pageSize", /1 or more, got 0\.$/],
    ["pageNumber=-1", "pageNumber", /1 or more, got -1\.$/],
    ["sortDirection=up", "sortDirection", /^Query parameter sortDirection must be one of asc, desc, got "up"\.$/],
    ["excludeChildJobs=yes", "excludeChildJobs", /must be true or false, got "yes"/],
    ["pageSize=5&pageSize=10", "pageSize", /must be given once, got it 2 times/],
  ])("list with %s is refused", async (query, key, message) => {
    expectRefused(await send("GET", `/jobs?${query}`), key, message);
  });

  it("create without its required fields names each one", async () => {
    const answer = await send("POST", "/jobs", { body: { destination: "us_wb_1" } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { key: string }) => e.key)).toEqual(["type", "operation", "source"]);
    expect(answer.body.errors[0].message).toBe(
      "type is required (one of file, workbook, sheet, space, document, app, agent, autobuild, onboarding).",
    );
    expect(simulator.jobs().some((job) => job.destination === "us_wb_1")).toBe(false);
  });

  it("create with a value outside an enum is refused", async () => {
    const answer = await send("POST", "/jobs", {
      body: { type: "spreadsheet", operation: "export", source: "us_wb_1" },
    });
    expectRefused(answer, "type", /^type must be one of file, workbook, .*, got "spreadsheet"\.$/);
  });

  it.each([
    ["an array", "[]", "an array"],
    ["a string", '"progress"', '"progress"'],
    ["a number", "42", "42"],
    ["null", "null", "null"],
  ])("a body that is %s is refused", async (_what, raw, shown) => {
    const answer = await send("POST", `/jobs/${newJob()}/ack`, { raw });
    expect(answer).toEqual({
      status: 400,
      body: { errors: [{ message: `The request body must be an object, got ${shown}.` }] },
    });
  });

  it("a required body that is missing is refused, a body an operation does not take too", async () => {
    expectRefused(
      await send("POST", "/jobs"),
      undefined,
      /^The request body is required: POST \/v1\/jobs takes a JSON object \(JobConfig\)\.$/,
    );
    expectRefused(await send("POST", `/jobs/${newJob()}/split`), undefined, /takes a JSON object \(JobSplitDetails\)/);
    expectRefused(
      await send("POST", `/jobs/${newJob()}/execute`, { body: {} }),
      undefined,
      /^POST \/v1\/jobs\/\{jobId\}\/execute takes no request body\.$/,
    );
  });

  it("a body that is not JSON, or not sent as JSON, is refused", async () => {
    expectRefused(
      await send("POST", `/jobs/${newJob()}/ack`, { raw: "{progress: 5" }),
      undefined,
      /^The request body is not valid JSON\.$/,
    );
    const asText = await send("POST", `/jobs/${newJob()}/ack`, {
      raw: "{}",
      headers: { ...HEADERS, "Content-Type": "text/plain" },
    });
    expectRefused(asText, "Content-Type", /must be JSON, sent with Content-Type: application\/json, got "text\/plain"/);
  });

  it("X-Disable-Hooks must be there, and true", async () => {
    const { "X-Disable-Hooks": _, ...without } = HEADERS;
    expectRefused(
      await send("GET", "/jobs", { headers: without }),
      "X-Disable-Hooks",
      /^Header X-Disable-Hooks is required \(its only value is "true"\)\.$/,
    );
    const wrong = await send("GET", "/jobs", { headers: { ...HEADERS, "X-Disable-Hooks": "false" } });
    expectRefused(wrong, "X-Disable-Hooks", /^Header X-Disable-Hooks must be "true", got "false"\.$/);
  });

  it("a request without a bearer token is a 401, even when it is also invalid", async () => {
    const answer = await send("GET", "/jobs?pageSize=0", { headers: { "X-Disable-Hooks": "true" } });
    expect(answer).toEqual({
      status: 401,
      body: { errors: [{ message: "Unauthorized: a bearer token is required" }] },
    });
  });

  it("a nested field is named by its path", async () => {
    const jobId = newJob();
    const complete = await send("POST", `/jobs/${jobId}/complete`, { body: { outcome: { next: { type: "url" } } } });
    expectRefused(complete, "outcome.next.url", /^outcome\.next\.url is required\.$/);
    const tag = await send("POST", `/jobs/${jobId}/complete`, { body: { outcome: { next: { type: "link" } } } });
    expectRefused(tag, "outcome.next.type", /must be one of id, url, download, .*, got "link"\.$/);
    expectRefused(
      await send("POST", `/jobs/${jobId}/split`, { body: { parts: [{}, 2] } }),
      "parts[1]",
      /^parts\[1\] must be an object, got 2\.$/,
    );
    expectRefused(
      await send("POST", `/jobs/${jobId}/split`, { body: { parts: "3" } }),
      "parts",
      /^parts must be a whole number or an array of objects, got "3"\.$/,
    );
    expect(simulator.job(jobId)?.status).toBe("created");
  });

  it("a date-time field must be a date and time", async () => {
    const answer = await send("POST", `/jobs/${newJob()}/ack`, { body: { estimatedCompletionAt: "tomorrow" } });
    expectRefused(answer, "estimatedCompletionAt", /must be a date and time such as .*, got "tomorrow"\.$/);
  });
});

describe("a request the spec allows still works", () => {
  it.each(
    operations.flatMap(({ operation }) => {
      const names = Object.keys(examplesOf(operation));
      return (names.length > 0 ? names : ["(no body)"]).map((name) => [operation.operationId as string, name]);
    }),
  )("%s with the spec's example %s", async (operationId, exampleName) => {
    const { method, path, operation } = operations.find((o) => o.operation.operationId === operationId) ?? {};
    const jobId = newJob(operationId === "retry" ? { status: "failed" } : {});
    const body = deref(examplesOf(operation)[exampleName])?.value;
    const query = (operation.parameters ?? [])
      .map(deref)
      .filter((p: { in: string }) => p.in === "query")
      .map((p: { name: string; example: unknown }) => `${p.name}=${encodeURIComponent(String(p.example))}`)
      .join("&");
    const answer = await send(method ?? "", `${path?.replace("{jobId}", jobId)}${query ? `?${query}` : ""}`, { body });
    // Accepted: answered by the operation's behaviour, or 501 for an operation the simulator has none for.
    if (operationId in HANDLERS) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.status).toBe(200);
    } else {
      expect(answer.status).toBe(501);
      expect(answer.body.errors).toEqual([expect.objectContaining({ key: operationId })]);
    }
  });

  it("coerces query parameters to their types, ignores unknown ones and treats an empty one as absent", async () => {
    simulator.seed(Array.from({ length: 5 }, () => ({ spaceId: "us_sp_coerce" })));
    const page = await send(
      "GET",
      "/jobs?spaceId=us_sp_coerce&pageSize=2&pageNumber=2&sortDirection=desc&excludeChildJobs=true&utm=1&sortDirection2=up",
    );
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.pagination).toEqual({ currentPage: 2, pageCount: 3, totalCount: 5 });
    const empty = await send("GET", "/jobs?spaceId=us_sp_coerce&pageSize=");
    expect(empty.status).toBe(200);
    expect(empty.body.data).toHaveLength(5);
  });

  it("ack takes no body, or progress at the ends of its range", async () => {
    const jobId = newJob();
    expect((await send("POST", `/jobs/${jobId}/ack`)).status).toBe(200);
    for (const progress of [0, 100]) {
      expect((await send("POST", `/jobs/${jobId}/ack`, { body: { progress } })).body.data.progress).toBe(progress);
    }
  });

  it("fields the API sets itself, or that an operation does not declare, do not reach the job", async () => {
    const created = await send("POST", "/jobs", {
      body: { type: "file", operation: "extract", source: "us_fl_1", id: "us_jb_mine", createdAt: "yesterday" },
    });
    expect(created.status).toBe(200);
    expect(created.body.data.id).not.toBe("us_jb_mine");
    expect(created.body.data.createdAt).not.toBe("yesterday");
    const acked = await send("POST", `/jobs/${created.body.data.id}/ack`, {
      body: { progress: 5, status: "complete" },
    });
    expect(acked.body.data).toMatchObject({ status: "executing", progress: 5 });
  });
});

describe("the validators", () => {
  it("compile for every operation (ajv's strict mode accepts the spec)", () => {
    expect(compileAll()).toBeGreaterThanOrEqual(operations.length * 3);
  });
});
