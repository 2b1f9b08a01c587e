// The client against a real HTTP server that misbehaves on cue (tools/src/fault-server.ts): retries,
// Retry-After, resets, timeouts, broken bodies, aborts and per-call options, judged by what the caller sees
// and by what the server counted (requests received, operations executed).
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type Fault, type FaultServer, startFaultServer } from "@flatfile-jobs/tools/fault-server";
import getPort from "get-port";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createJobsClient,
  InternalServerError,
  InvalidResponseError,
  type JobsClientOptions,
  type Middleware,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RetryInfo,
  UnprocessableEntityError,
} from "../src/index.js";
import { callsOf, table } from "./operations.js";
import { runToExit } from "./run-to-exit.js";

const TOKEN = "sk_test_faults_8c1d2e4f";
const JOB = "us_jb_7Hq2xK9d";
const NEW_JOB = { type: "workbook", operation: "submitAction", source: "us_wb_N4pX8sQe" } as const;
/** Small delays between attempts keep the tests fast; a test about a delay sets its own. */
const FAST = { initialDelay: 5, maxDelay: 20 };
/**
 * Node's timers may fire up to a few milliseconds before the requested time when measured from outside
 * (the event loop's clock is read once per turn, in whole milliseconds). Waits are checked as lower bounds
 * less this much; the waits under test are 300 ms or more, the backoff they replace is at most 20 ms.
 */
const TIMER_SLACK_MS = 15;
/** A stall long enough that only the client's timeout or abort can end the attempt. */
const STALL_MS = 60_000;

const OK: Fault = { kind: "ok" };
const status = (code: number, headers?: Record<string, string>): Fault => ({ kind: "status", status: code, headers });

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => server.reset());
// Every test ends with no answer pending on the server: a request the client gave up on must be torn down.
afterEach(async () => {
  await server.waitForIdle();
});

function client(options: JobsClientOptions = {}) {
  return createJobsClient({ token: TOKEN, baseUrl: server.url, retryBackoff: FAST, ...options });
}

/** The rejection of a call that must fail. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail, but it resolved");
}

/** Collects what onRetry is told. */
function retries() {
  const seen: RetryInfo[] = [];
  return { seen, onRetry: (info: RetryInfo) => void seen.push(info) };
}

/** Every `code` along an error's cause chain. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string") codes.push(e.code);
  }
  return codes;
}

describe("5xx then success", () => {
  it("a GET answered 500, 502 and 503 is sent a 4th time and resolves, telling onRetry before each retry", async () => {
    server.script(status(500), status(502), status(503), OK);
    const { seen, onRetry } = retries();
    const { data } = await client({ maxRetries: 3, onRetry }).jobs.get(JOB);

    expect(data.id).toBe(JOB);
    expect(server.counts().byOperation.get?.requests).toBe(4);
    expect(seen.map(({ attempt, reason }) => ({ attempt, reason }))).toEqual([
      { attempt: 2, reason: "status 500" },
      { attempt: 3, reason: "status 502" },
      { attempt: 4, reason: "status 503" },
    ]);
    for (const info of seen) {
      expect(info).toMatchObject({ method: "GET", path: `/jobs/${JOB}` });
      expect(info.delay).toBeGreaterThanOrEqual(0);
      expect(info.delay).toBeLessThanOrEqual(FAST.maxDelay);
    }
  });

  it("504 and 408 are retried too", async () => {
    server.script(status(504), status(408), OK);
    await client().jobs.list();
    expect(server.counts().byOperation.list?.requests).toBe(3);
  });

  it("gives up after maxRetries with InternalServerError: status, attempts, body and the last request id", async () => {
    server.script(status(500), status(500), status(500), OK);
    const error = await failure(client().jobs.get(JOB));

    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, attempts: 3, method: "GET", requestId: "req_3" });
    expect((error as APIError).messages).toEqual(["Internal server error"]);
    expect(error.message).toContain("3 attempts");
    expect(server.counts().byOperation.get?.requests).toBe(3);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [418, APIError],
  ])("%i is thrown at once as its class, never retried", async (code, ErrorClass) => {
    server.script(status(code), OK);
    const error = await failure(client().jobs.get(JOB));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.name).toBe(ErrorClass.name);
    expect(error).toMatchObject({ status: code, attempts: 1 });
    expect(server.counts().total.requests).toBe(1);
  });
});

describe("429 and Retry-After", () => {
  /** Time between the server's answer to request `i` and the arrival of request `i + 1`. */
  const gapAfter = (i: number) => {
    const [answered, next] = server.requests().slice(i, i + 2);
    return (next?.receivedAt ?? Number.NaN) - (answered?.answeredAt ?? Number.NaN);
  };

  it("Retry-After in seconds is waited for, even by a POST create (a 429 was not processed)", async () => {
    server.script(status(429, { "Retry-After": "1" }), OK);
    const { seen, onRetry } = retries();
    await client({ onRetry }).jobs.create(NEW_JOB);

    expect(seen).toEqual([{ method: "POST", path: "/jobs", attempt: 2, delay: 1000, reason: "status 429" }]);
    expect(gapAfter(0)).toBeGreaterThanOrEqual(1000 - TIMER_SLACK_MS);
    expect(server.counts().byOperation.create).toEqual({ requests: 2, effects: 1 });
  });

  it("Retry-After as an HTTP date is waited for until that date", async () => {
    // A whole second (HTTP dates have no milliseconds) at least 1.5 s away.
    const date = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
    server.script(status(429, { "Retry-After": date.toUTCString() }), OK);
    const { seen, onRetry } = retries();
    const startedAt = Date.now();
    const started = performance.now();
    await client({ onRetry }).jobs.get(JOB);

    const secondArrival = server.requests()[1]?.receivedAt ?? Number.NaN;
    expect(secondArrival - started).toBeGreaterThanOrEqual(date.getTime() - startedAt - TIMER_SLACK_MS);
    expect(seen[0]?.delay).toBeGreaterThan(1000);
    expect(seen[0]?.delay).toBeLessThanOrEqual(2500);
  });

  it("retry-after-ms is waited for, and wins over Retry-After", async () => {
    server.script(status(429, { "retry-after-ms": "300", "Retry-After": "30" }), OK);
    const { seen, onRetry } = retries();
    await client({ onRetry }).jobs.ack(JOB, { progress: 10 });

    expect(seen[0]?.delay).toBe(300);
    expect(gapAfter(0)).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
    expect(server.counts().byOperation.ack).toEqual({ requests: 2, effects: 1 });
  });

  it("a 429 without Retry-After is retried with the backoff", async () => {
    server.script(status(429), OK);
    const { seen, onRetry } = retries();
    await client({ onRetry }).jobs.complete(JOB);
    expect(seen[0]?.delay).toBeLessThanOrEqual(FAST.maxDelay);
    expect(server.counts().byOperation.complete).toEqual({ requests: 2, effects: 1 });
  });

  it.each([
    ["seconds", { "Retry-After": "120" }],
    ["an HTTP date", { "Retry-After": new Date(Date.now() + 3_600_000).toUTCString() }],
    ["retry-after-ms", { "retry-after-ms": "90000" }],
  ])("a Retry-After (%s) beyond maxRetryAfter fails at once with RateLimitError saying when", async (_, headers) => {
    server.script(status(429, headers), OK);
    const { seen, onRetry } = retries();
    const error = await failure(client({ maxRetryAfter: 5000, onRetry }).jobs.get(JOB));

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, attempts: 1 });
    const { retryAfter } = error as RateLimitError;
    expect(retryAfter).toBeGreaterThan(5000);
    expect(error.message).toContain(`retry after ${Math.ceil((retryAfter ?? 0) / 1000)} s`);
    expect(error.message).toMatch(/at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(seen).toEqual([]);
    expect(server.counts().total.requests).toBe(1);
  });

  it.each([
    ["Retry-After", { "Retry-After": "0" }],
    ["retry-after-ms", { "retry-after-ms": "10" }],
  ])("a 503 with %s on a POST is retried (the request was shed, not processed)", async (_, headers) => {
    server.script(status(503, headers), OK);
    const { data } = await client().jobs.complete(JOB, { info: "Done" });
    expect(data.status).toBe("complete");
    expect(server.counts().byOperation.complete).toEqual({ requests: 2, effects: 1 });
  });

  it("a 408 on a POST is retried (the server gave up waiting for the request, so never handled it)", async () => {
    server.script(status(408), OK);
    const { seen, onRetry } = retries();
    await client({ onRetry }).jobs.execute(JOB);
    expect(seen.map((info) => info.reason)).toEqual(["status 408"]);
    expect(server.counts().byOperation.execute).toEqual({ requests: 2, effects: 1 });
  });

  it("a 503 without Retry-After on a POST is not retried", async () => {
    server.script(status(503), OK);
    const error = await failure(client().jobs.complete(JOB));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.counts().byOperation.complete?.requests).toBe(1);
  });
});

describe("connections that break", () => {
  it.each<Fault>([{ kind: "reset-before-headers" }, { kind: "reset-mid-body" }])(
    "a GET whose connection is reset ($kind) is retried and resolves",
    async (fault) => {
      server.script(fault, OK);
      const { seen, onRetry } = retries();
      const { data } = await client({ onRetry }).jobs.get(JOB);
      expect(data.id).toBe(JOB);
      expect(seen.map((info) => info.reason)).toEqual(["connection error"]);
      expect(server.counts().byOperation.get?.requests).toBe(2);
    },
  );

  it.each<Fault>([{ kind: "reset-before-headers" }, { kind: "reset-mid-body" }])(
    "a POST complete whose connection is reset ($kind) is not retried: APIConnectionError, executed once",
    async (fault) => {
      server.script(fault, OK);
      const error = await failure(client().jobs.complete(JOB));
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
      expect(error).toMatchObject({ method: "POST", path: `/jobs/${JOB}/complete`, attempts: 1 });
      expect(server.counts().byOperation.complete).toEqual({ requests: 1, effects: 1 });
    },
  );

  it("a refused connection is retried even for POST create, then fails with ECONNREFUSED as the cause", async () => {
    const closedPort = await getPort({ host: "127.0.0.1" });
    const { seen, onRetry } = retries();
    const refused = createJobsClient({
      token: TOKEN,
      baseUrl: `http://127.0.0.1:${closedPort}/v1`,
      retryBackoff: FAST,
      onRetry,
    });
    const error = await failure(refused.jobs.create(NEW_JOB));

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).toMatchObject({ method: "POST", path: "/jobs", attempts: 3 });
    expect(causeCodes(error)).toContain("ECONNREFUSED");
    expect(seen.map((info) => info.reason)).toEqual(["connection refused", "connection refused"]);
  });

  it("a POST create refused until the server comes up resolves, and the server executed it once", async () => {
    const port = await getPort({ host: "127.0.0.1" });
    let late: Promise<FaultServer> | undefined;
    const coming = createJobsClient({
      token: TOKEN,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      // Plenty of retries: each one before the server listens is refused again, which is what is tested.
      maxRetries: 20,
      retryBackoff: { initialDelay: 20, maxDelay: 50 },
      onRetry: () => {
        late ??= startFaultServer({ port });
      },
    });
    try {
      const { data } = await coming.jobs.create(NEW_JOB);
      expect(data.type).toBe("workbook");
      const lateServer = await (late as Promise<FaultServer>);
      expect(lateServer.counts().byOperation.create).toEqual({ requests: 1, effects: 1 });
    } finally {
      await (await late)?.close();
    }
  });
});

describe("timeouts (per attempt, headers and body)", () => {
  it.each<[string, Fault]>([
    ["slow headers", { kind: "slow-headers", ms: STALL_MS }],
    ["a stalled body", { kind: "slow-body", ms: STALL_MS }],
  ])("%s: a GET is tried maxRetries + 1 times, then APIConnectionTimeoutError", async (_, fault) => {
    server.script(fault, fault, fault, OK);
    const started = performance.now();
    const error = await failure(client({ timeout: 100 }).jobs.get(JOB));
    const elapsed = performance.now() - started;

    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toMatchObject({ timeout: 100, attempts: 3, method: "GET" });
    // Each attempt waited out its whole timeout before giving up.
    expect(elapsed).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
    // The server shares the test's process: on a busy machine it may read the last attempt only after the client
    // has given up on it, so it is waited for before the server's record is read.
    await server.waitForRequests(3);
    await server.waitForIdle();
    expect(server.requests().map((r) => r.outcome)).toEqual(["client-closed", "client-closed", "client-closed"]);
  });

  it.each<[string, Fault]>([
    ["slow headers", { kind: "slow-headers", ms: STALL_MS }],
    ["a stalled body", { kind: "slow-body", ms: STALL_MS }],
  ])("%s: a POST is tried once (it may have been executed)", async (_, fault) => {
    server.script(fault, OK);
    // The request must reach the server before the attempt's time runs out (that is the case under test: it may
    // have been executed). A new client opens its first connection inside that time, which on a loaded CI
    // machine has taken more than 100 ms; 1 s leaves the stall (60 s) still far longer.
    const error = await failure(client({ timeout: 1000 }).jobs.fail(JOB, { info: "x" }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toMatchObject({ timeout: 1000, attempts: 1, method: "POST" });
    expect(server.counts().byOperation.fail).toEqual({ requests: 1, effects: 1 });
  });

  it("an answer slower than one attempt's timeout but retried in time resolves", async () => {
    server.script({ kind: "slow-headers", ms: STALL_MS }, { kind: "slow-headers", ms: 20 });
    const { data } = await client({ timeout: 500 }).jobs.getExecutionPlan(JOB);
    expect(data.plan.fieldMapping.length).toBeGreaterThan(0);
    expect(server.counts().byOperation.getExecutionPlan?.requests).toBe(2);
  });
});

describe("2xx answers that are not the JSON promised", () => {
  it.each<[string, Fault, string]>([
    ["truncated JSON", { kind: "truncated-json" }, "the body is not JSON"],
    ["an HTML page", { kind: "html", status: 200 }, "the body is not JSON"],
    ["an empty body", { kind: "empty-200" }, "the body is empty"],
  ])("200 with %s → InvalidResponseError, not retried even for a GET", async (_, fault, reason) => {
    server.script(fault, OK);
    const error = await failure(client().jobs.get(JOB));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, attempts: 1, requestId: "req_1" });
    expect(error.message).toContain(reason);
    // The error shows what arrived: these bodies are all shorter than the 500-character snippet.
    expect((error as InvalidResponseError).bodySnippet).toHaveLength(server.requests()[0]?.responseBytes ?? -1);
    expect(server.counts().total.requests).toBe(1);
  });

  it("a proxy's HTML 502 page is retried on a GET, then InternalServerError carrying the page's start", async () => {
    const page: Fault = { kind: "html", status: 502 };
    server.script(page, page, page);
    const error = await failure(client().jobs.get(JOB));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, attempts: 3 });
    expect((error as APIError).error).toContain("<title>502 Bad Gateway</title>");
  });

  it("a multi-MB list parses whole", async () => {
    server.script({ kind: "huge-body", mb: 8 });
    const page = await client().jobs.list();
    expect(server.requests()[0]?.responseBytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(page.data.length).toBe(page.pagination?.totalCount);
    expect(page.data.at(-1)?.id).toBe(`us_jb_h${page.data.length - 1}`);
  });
});

describe("caller abort", () => {
  it.each(["signal"] as const)(
    "aborting (%s) while the server is slow rejects with APIUserAbortError and sends nothing more",
    async (option) => {
      const stall: Fault = { kind: "slow-headers", ms: STALL_MS };
      server.script(stall, stall, stall);
      const controller = new AbortController();
      const call = failure(client().jobs.get(JOB, { [option]: controller.signal }));
      await server.waitForRequests(1);
      controller.abort();
      const error = await call;

      expect(error).toBeInstanceOf(APIUserAbortError);
      expect(error).toMatchObject({ method: "GET", attempts: 1 });
      await server.waitForIdle();
      expect(server.requests()[0]?.outcome).toBe("client-closed");
      // A retry would be sent within the backoff; watching for several of them shows none comes.
      await delay(FAST.maxDelay * 5);
      expect(server.counts().total.requests).toBe(1);
    },
  );

  it("aborting during the wait before a retry rejects at once; the retry is never sent", async () => {
    server.script(status(500), OK);
    const controller = new AbortController();
    const slowBackoff = client({
      retryBackoff: { initialDelay: 10_000, maxDelay: 10_000 },
      // Aborts once the client is waiting out the (10 s) delay before attempt 2.
      onRetry: () => void setTimeout(() => controller.abort(), 20),
    });
    const error = await failure(slowBackoff.jobs.get(JOB, { signal: controller.signal }));

    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(server.counts().total.requests).toBe(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const error = await failure(client().jobs.create(NEW_JOB, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(server.counts().total.requests).toBe(0);
  });
});

describe("per-call and per-client options", () => {
  it("idempotent: true retries a POST after a 500", async () => {
    server.script(status(500), OK);
    await client().jobs.complete(JOB, undefined, { idempotent: true });
    expect(server.counts().byOperation.complete?.requests).toBe(2);
  });

  it("maxRetries: 0 does not retry a GET after a 503, even one with Retry-After", async () => {
    server.script(status(503, { "Retry-After": "0" }), OK);
    const error = await failure(client().jobs.get(JOB, { maxRetries: 0 }));
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.counts().total.requests).toBe(1);
  });

  it.each([0, 1])("maxRetries: %i on the client caps the attempts", async (maxRetries) => {
    server.script(status(500), status(500), status(500), OK);
    const error = await failure(client({ maxRetries }).jobs.get(JOB));
    expect(error).toMatchObject({ status: 500, attempts: maxRetries + 1 });
    expect(server.counts().total.requests).toBe(maxRetries + 1);
  });

  it("maxRetries on a call overrides the client's", async () => {
    server.script(status(500), status(500), status(500), OK);
    await client({ maxRetries: 0 }).jobs.get(JOB, { maxRetries: 3 });
    expect(server.counts().total.requests).toBe(4);
  });

  it("timeout on a call overrides the client's 60 s timeout", async () => {
    server.script({ kind: "slow-headers", ms: STALL_MS });
    const started = performance.now();
    const error = await failure(client().jobs.cancel(JOB, undefined, { timeout: 150 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toMatchObject({ timeout: 150, attempts: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
  });
});

describe("middleware added with client.use", () => {
  function observer() {
    const seen = { requests: 0, responses: [] as number[], errors: [] as string[] };
    const middleware: Middleware = {
      onRequest: () => void seen.requests++,
      onResponse: ({ response }) => void seen.responses.push(response.status),
      onError: ({ error }) => void seen.errors.push((error as Error).name),
    };
    return { seen, middleware };
  }

  it("sees one request and one response per call, although the transport made 3 attempts", async () => {
    server.script(status(500), { kind: "reset-before-headers" }, OK);
    const { seen, middleware } = observer();
    const c = client();
    c.use(middleware);
    await c.jobs.get(JOB);
    expect(server.counts().total.requests).toBe(3);
    expect(seen).toEqual({ requests: 1, responses: [200], errors: [] });
  });

  it("sees the final answer or error of a call that fails after its retries", async () => {
    server.script(status(500), status(500), status(502), { kind: "reset-before-headers" }, status(503), status(504));
    const { seen, middleware } = observer();
    const c = client();
    c.use(middleware);
    await failure(c.jobs.get(JOB));
    await failure(c.jobs.get(JOB));
    expect(server.counts().total.requests).toBe(6);
    expect(seen).toEqual({ requests: 2, responses: [502, 504], errors: [] });

    server.script({ kind: "reset-before-headers" }, { kind: "reset-before-headers" }, { kind: "reset-mid-body" });
    await failure(c.jobs.get(JOB));
    expect(seen.errors).toEqual(["APIConnectionError"]);
  });
});

describe("non-idempotent operations are never executed twice", () => {
  // Every operation the spec says is not idempotent (x-idempotent: false), as the generated code has it.
  const NON_IDEMPOTENT = table.filter((row) => !row.idempotent).map((row) => row.operationId);
  const stall = (kind: "slow-headers" | "slow-body"): Fault => ({ kind, ms: STALL_MS });
  const SCENARIOS: { faults: Fault[]; outcome: string; requests: number }[] = [
    { faults: [{ kind: "reset-before-headers" }, OK], outcome: "APIConnectionError", requests: 1 },
    { faults: [{ kind: "reset-before-headers", beforeBody: true }, OK], outcome: "APIConnectionError", requests: 1 },
    { faults: [{ kind: "reset-mid-body" }, OK], outcome: "APIConnectionError", requests: 1 },
    { faults: [stall("slow-headers"), OK], outcome: "APIConnectionTimeoutError", requests: 1 },
    { faults: [stall("slow-body"), OK], outcome: "APIConnectionTimeoutError", requests: 1 },
    { faults: [status(500), OK], outcome: "InternalServerError", requests: 1 },
    { faults: [status(502), OK], outcome: "InternalServerError", requests: 1 },
    { faults: [status(503), OK], outcome: "InternalServerError", requests: 1 },
    { faults: [status(504), OK], outcome: "InternalServerError", requests: 1 },
    { faults: [{ kind: "html", status: 502 }, OK], outcome: "InternalServerError", requests: 1 },
    // A 408 means the server gave up waiting for the request, so it is sent again, but only that once.
    { faults: [status(408), OK], outcome: "resolved", requests: 2 },
    { faults: [status(408), { kind: "reset-mid-body" }, OK], outcome: "APIConnectionError", requests: 2 },
    { faults: [{ kind: "truncated-json" }, OK], outcome: "InvalidResponseError", requests: 1 },
    // Retried after a 429 / shed 503, then a fault that may have executed it: never sent a third time.
    {
      faults: [status(429, { "retry-after-ms": "5" }), { kind: "reset-before-headers" }, OK],
      outcome: "APIConnectionError",
      requests: 2,
    },
    {
      faults: [status(503, { "Retry-After": "0" }), stall("slow-headers"), OK],
      outcome: "APIConnectionTimeoutError",
      requests: 2,
    },
    { faults: [status(429), status(500), OK], outcome: "InternalServerError", requests: 2 },
    { faults: [status(429), status(503, { "retry-after-ms": "5" }), OK], outcome: "resolved", requests: 3 },
  ];

  it("the server's count does catch a duplicate: idempotent: true sends a reset complete again", async () => {
    server.script({ kind: "reset-before-headers" }, OK);
    await client().jobs.complete(JOB, undefined, { idempotent: true });
    expect(server.counts().byOperation.complete).toEqual({ requests: 2, effects: 2 });
  });

  it.each(NON_IDEMPOTENT)("%s", async (operation) => {
    // Only a stall may end an attempt by timeout. The fault server shares the test's process, so on a busy
    // machine even a plain exchange can take longer than a short timeout; a request that timed out on the client
    // would then still reach the server later and take the next scenario's faults. So a scenario without a stall
    // runs with the default 60 s timeout, and one with a stall with 500 ms, still far below STALL_MS.
    const calls = callsOf(client({ maxRetries: 5 }));
    const stallCalls = callsOf(client({ timeout: 500, maxRetries: 5 }));
    for (const scenario of SCENARIOS) {
      const stalls = scenario.faults.some((f) => f.kind === "slow-headers" || f.kind === "slow-body");
      const call = (stalls ? stallCalls : calls)[operation];
      if (!call) throw new Error(`no call of ${operation}`);
      server.reset();
      server.script(...scenario.faults);
      const outcome = await call().then(
        () => "resolved",
        (error: Error) => error.name,
      );
      await server.waitForIdle();
      const counted = server.counts().byOperation[operation];
      const label = scenario.faults.map((f) => f.kind).join(", ");
      expect({ label, outcome, requests: counted?.requests }).toEqual({
        label,
        outcome: scenario.outcome,
        requests: scenario.requests,
      });
      expect(counted?.effects, label).toBeLessThanOrEqual(1);
    }
  });
});

describe("a process with nothing left to do", () => {
  it("exits by itself after its calls, long before the default 60 s timeout", async () => {
    server.script(OK, status(500), OK, status(404));
    const dist = fileURLToPath(new URL("../dist/index.mjs", import.meta.url));
    const program = `
      import { createJobsClient, NotFoundError } from ${JSON.stringify(dist)};
      const client = createJobsClient({ token: "sk_test_exit_4821", baseUrl: ${JSON.stringify(server.url)} });
      const first = await client.jobs.get("us_jb_1");
      const retried = await client.jobs.get("us_jb_2");
      const missing = await client.jobs.get("us_jb_3").catch((error) => error);
      if (!(missing instanceof NotFoundError)) throw missing;
      console.log("done", first.data.id, retried.data.id);
    `;
    // 15 s: far above what the calls need and far below the 60 s timeout.
    const result = await runToExit(["--input-type=module", "-e", program], { limitMs: 15_000 });
    expect(result).toEqual({ exit: 0, output: "done us_jb_1 us_jb_2" });
    expect(server.counts().total.requests).toBe(4);
  }, 30_000);
});
