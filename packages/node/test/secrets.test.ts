// The token never shows: a run through every error class against a real server (some of whose answers echo
// the token back, as a debugging proxy might) must leave no trace of it in any error, cause, log line or
// onRetry call, while the server did receive it on every request.
import { format, inspect } from "node:util";
import { type Fault, type FaultServer, startFaultServer } from "@flatfile-jobs/tools/fault-server";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobsClient, type JobsClient, type RetryInfo } from "../src/index.js";

const TOKEN = "sk_live_SECRETtoken123456";
/** The part no redaction pattern could leave behind by accident. */
const SECRET_PART = "SECRETtoken123456";
const JOB = "us_jb_7Hq2xK9d";
const STALL: Fault = { kind: "slow-headers", ms: 60_000 };

/** Every class a caller can catch, by name. */
// Every class the SDK throws (JobsError itself is only a base class).
const ALL_CLASSES = [
  "InvalidArgumentError",
  "APIConnectionError",
  "APIConnectionTimeoutError",
  "APIUserAbortError",
  "InvalidResponseError",
  "APIError",
  "BadRequestError",
  "AuthenticationError",
  "PermissionDeniedError",
  "NotFoundError",
  "ConflictError",
  "UnprocessableEntityError",
  "RateLimitError",
  "InternalServerError",
  "JobFailedError",
  "JobCanceledError",
  "JobWaitTimeoutError",
];

const status = (code: number, body?: string | object, headers?: Record<string, string>): Fault => ({
  kind: "status",
  status: code,
  body,
  headers,
});

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server?.close();
});

describe("the token stays secret through every kind of failure", () => {
  const logLines: string[] = [];
  const retryInfos: RetryInfo[] = [];
  const errors: unknown[] = [];
  const logger = {
    debug: (...args: unknown[]) => void logLines.push(format(...args)),
    info: (...args: unknown[]) => void logLines.push(format(...args)),
    warn: (...args: unknown[]) => void logLines.push(format(...args)),
    error: (...args: unknown[]) => void logLines.push(format(...args)),
  };
  const options = {
    token: TOKEN,
    maxRetries: 1,
    // Long enough that only a stall times out, even on a starved machine; the stalls get 150 ms per call.
    timeout: 10_000,
    retryBackoff: { initialDelay: 5, maxDelay: 20 },
    maxRetryAfter: 1000,
    logger,
    logLevel: "debug" as const,
    onRetry: (info: RetryInfo) => void retryInfos.push(info),
  };

  /**
   * Runs a call scripted with `faults`, which must fail, and keeps its error. Each fault is one of the call's
   * attempts: all of them are waited for, since the server (in this process) may read a stalled attempt only after
   * the client gave up on it, and it must not take the next call's script.
   */
  async function failWith(faults: Fault[], call: (jobs: JobsClient["jobs"]) => Promise<unknown>) {
    const before = server.requests().length;
    server.script(...faults);
    const jobs = createJobsClient({ ...options, baseUrl: server.url }).jobs;
    const error = await call(jobs).then(
      () => new Error("the call resolved"),
      (caught: unknown) => caught,
    );
    errors.push(error);
    await server.waitForRequests(before + faults.length);
    await server.waitForIdle();
  }

  beforeAll(async () => {
    // A server that quotes the request's credentials back, in JSON and in a proxy's HTML page.
    const echoed = { errors: [{ key: "authorization", message: `Invalid API key ${TOKEN} (Bearer ${TOKEN})` }] };
    const echoPage = `<html><body><h1>Bad gateway</h1><pre>Authorization: Bearer ${TOKEN}</pre></body></html>`;

    await failWith([status(400)], (jobs) => jobs.get(JOB));
    await failWith([status(401, echoed)], (jobs) => jobs.get(JOB));
    await failWith([status(403)], (jobs) => jobs.complete(JOB));
    await failWith([status(404)], (jobs) => jobs.get(JOB));
    await failWith([status(409)], (jobs) => jobs.ack(JOB));
    await failWith([status(422, echoed)], (jobs) => jobs.update(JOB, { progress: 5 }));
    await failWith([status(429, undefined, { "Retry-After": "120" })], (jobs) => jobs.list());
    await failWith([status(500), status(502, echoPage)], (jobs) => jobs.get(JOB));
    await failWith([status(418, `teapot says ${TOKEN}`)], (jobs) => jobs.get(JOB));
    await failWith([{ kind: "reset-before-headers" }, { kind: "reset-mid-body" }], (jobs) => jobs.get(JOB));
    await failWith([STALL, STALL], (jobs) => jobs.get(JOB, { timeout: 150 }));
    await failWith([{ kind: "truncated-json" }], (jobs) => jobs.get(JOB));
    await failWith([status(200, echoPage)], (jobs) => jobs.cancel(JOB));
    await failWith([], (jobs) => jobs.get(".."));
    await failWith([], (jobs) => jobs.list({ source: "\ud800" }));

    // jobs.waitFor's own errors: a job that failed, one that was canceled, one still running at the deadline.
    const ended = (jobStatus: string): Fault =>
      status(200, {
        data: { id: JOB, type: "workbook", operation: "submitAction", status: jobStatus, info: "Stopped" },
      });
    await failWith([ended("failed")], (jobs) => jobs.waitFor(JOB));
    await failWith([ended("canceled")], (jobs) => jobs.waitFor(JOB));
    await failWith([], (jobs) => jobs.waitFor(JOB, { maxWait: 50, pollInterval: 10 }));

    server.script(STALL);
    const controller = new AbortController();
    const aborted = createJobsClient({ ...options, baseUrl: server.url }).jobs.get(JOB, { signal: controller.signal });
    await server.waitForRequests(server.requests().length + 1);
    controller.abort();
    errors.push(await aborted.catch((caught: unknown) => caught));
    await server.waitForIdle();

    const closedPort = await getPort({ host: "127.0.0.1" });
    const refused = createJobsClient({ ...options, baseUrl: `http://127.0.0.1:${closedPort}/v1` });
    errors.push(await refused.jobs.create({ type: "file", operation: "extract", source: "x" }).catch((e) => e));

    // Mistakes in the token itself are refused before anything is sent, without quoting it.
    for (const token of [`Bearer ${TOKEN}`, `${TOKEN}\n`, ` ${TOKEN}`, `${TOKEN}é`]) {
      try {
        createJobsClient({ ...options, token, baseUrl: server.url });
        errors.push(new Error(`token ${JSON.stringify(token)} was accepted`));
      } catch (caught) {
        errors.push(caught);
      }
    }
  });

  it("ran into every error class", () => {
    const names = new Set(errors.map((e) => (e as Error).name));
    expect([...names].sort()).toEqual([...ALL_CLASSES].sort());
  });

  it("sent the token to the server on every request (so the checks below can fail)", () => {
    const sent = server.requests();
    expect(sent.length).toBeGreaterThan(15);
    for (const request of sent) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("appears in no error's message, stack, String(), JSON, inspect() or cause chain", () => {
    for (const error of errors) {
      const seen: string[] = [JSON.stringify(error), inspect(error, { depth: 20 })];
      for (let e = error as { message?: unknown; stack?: unknown; cause?: unknown } | undefined; e; ) {
        seen.push(String(e), String(e.message), String(e.stack), JSON.stringify(e) ?? "");
        e = e.cause as typeof e;
      }
      for (const text of seen) {
        expect(text, (error as Error).name).not.toContain(SECRET_PART);
      }
    }
  });

  it("appears in no log line; the headers are logged with authorization: [redacted]", () => {
    const log = logLines.join("\n");
    expect(log).toContain("→ GET /jobs/us_jb_7Hq2xK9d ");
    expect(log).toContain("authorization: [redacted]");
    // The echoed bodies were logged (at debug), with the token taken out.
    expect(log).toContain("Invalid API key [redacted]");
    expect(log).not.toContain(SECRET_PART);
  });

  it("appears in nothing onRetry is told", () => {
    expect(retryInfos.length).toBeGreaterThan(0);
    expect(JSON.stringify(retryInfos)).not.toContain(SECRET_PART);
    expect(inspect(retryInfos)).not.toContain(SECRET_PART);
  });
});
