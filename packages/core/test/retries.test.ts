import { describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  createJobsClient,
  InternalServerError,
  InvalidArgumentError,
  type JobsClientOptions,
  type Middleware,
  RateLimitError,
  type RetryInfo,
} from "../src/index.js";
import { backoffDelay, decide, parseRetryAfter } from "../src/internal/retry-policy.js";
import { BASE_URL, type Handler, json, recordingFetch, TOKEN } from "./recording-fetch.js";

const job = { data: { id: "j", type: "workbook", operation: "op", source: "s" } };
const FAST = { retryBackoff: { initialDelay: 1, maxDelay: 4 } } as const;

/** A client whose fetch answers from `script` in order (the last entry repeats). */
function scripted(script: Handler[], options: Partial<JobsClientOptions> = {}) {
  let n = 0;
  const recorder = recordingFetch((request, signal) => {
    const next = script[Math.min(n, script.length - 1)] as Handler;
    n += 1;
    return next(request, signal);
  });
  const retries: RetryInfo[] = [];
  const client = createJobsClient({
    token: TOKEN,
    baseUrl: BASE_URL,
    fetch: recorder.fetch,
    onRetry: (info) => retries.push(info),
    ...FAST,
    ...options,
  });
  return { client, requests: recorder.requests, retries };
}

const refused = () => {
  throw new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
};
const reset = () => {
  throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
};

describe("the retry policy", () => {
  it("retries a read through transient failures and reports each retry", async () => {
    const { client, requests, retries } = scripted([() => json(503, {}), () => json(502, {}), () => json(200, job)]);
    await expect(client.jobs.get("j")).resolves.toEqual(job);
    expect(requests).toHaveLength(3);
    expect(retries.map((r) => [r.attempt, r.reason, r.method, r.path])).toEqual([
      [2, "status 503", "GET", "/jobs/j"],
      [3, "status 502", "GET", "/jobs/j"],
    ]);
  });

  it("does not retry a 501: the server does not implement the operation, and a second try will not change that", async () => {
    const { client, requests, retries } = scripted([() => json(501, { errors: [{ message: "not implemented" }] })]);
    const error = await client.jobs.get("j").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 501, attempts: 1 });
    expect(requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it("sends the same body on every attempt", async () => {
    const { client, requests } = scripted([() => json(500, {}), () => json(200, { data: [] })]);
    await client.jobs.previewMutation({ sheetId: "us_sh_1", mutateRecord: "r => r" });
    expect(requests.map((r) => r.body)).toEqual([
      '{"sheetId":"us_sh_1","mutateRecord":"r => r"}',
      '{"sheetId":"us_sh_1","mutateRecord":"r => r"}',
    ]);
  });

  it("does not resend a non-idempotent POST or PATCH that may have been processed", async () => {
    for (const call of [
      (c: ReturnType<typeof scripted>["client"]) => c.jobs.complete("j"),
      (c: ReturnType<typeof scripted>["client"]) => c.jobs.update("j", { progress: 1 }),
    ]) {
      const { client, requests } = scripted([() => json(500, {})]);
      const error = await call(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      expect(requests).toHaveLength(1);
    }
    const { client, requests } = scripted([reset, () => json(200, job)]);
    await expect(client.jobs.create({ type: "workbook", operation: "op", source: "s" })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(requests).toHaveLength(1);
  });

  it("resends a non-idempotent request that provably did not reach the server", async () => {
    for (const first of [
      refused,
      () => json(408, {}),
      () => json(429, {}),
      () => json(503, {}, { "Retry-After": "0" }),
    ]) {
      const { client, requests } = scripted([first, () => json(200, job)]);
      await expect(client.jobs.ack("j", { progress: 5 })).resolves.toEqual(job);
      expect(requests).toHaveLength(2);
    }
  });

  it("lets a call say whether it is idempotent, and set the retry count", async () => {
    let s = scripted([() => json(500, {}), () => json(200, job)]);
    await expect(s.client.jobs.complete("j", undefined, { idempotent: true })).resolves.toEqual(job);
    expect(s.requests).toHaveLength(2);
    // A read declared not idempotent is retried only after failures that prove nothing was processed.
    s = scripted([() => json(500, {}), () => json(200, job)]);
    await expect(s.client.jobs.get("j", { idempotent: false })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.requests).toHaveLength(1);
    s = scripted([() => json(503, {})]);
    await expect(s.client.jobs.get("j", { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(s.requests).toHaveLength(1);
    s = scripted([() => json(503, {})], { maxRetries: 5 });
    const error = await s.client.jobs.get("j").catch((e) => e);
    expect([error.attempts, s.requests.length]).toEqual([6, 6]);
    s = scripted([() => json(503, {})], { maxRetries: 5 });
    await s.client.jobs.get("j", { maxRetries: 0 }).catch(() => undefined);
    expect(s.requests).toHaveLength(1);
  });

  it("fails at once, even a read, when the fetch throws an error marked retryable: false", async () => {
    const closed = () => {
      throw Object.assign(new Error("this pool was closed"), { retryable: false });
    };
    const { client, requests, retries } = scripted([closed, () => json(200, job)], { maxRetries: 5 });
    const error = await client.jobs.get("j").catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect([error.attempts, requests.length, retries.length]).toEqual([1, 1, 0]);
    expect(error.message).toContain("this pool was closed");
    // Any other value of retryable leaves the policy as it was.
    const maybe = () => {
      throw Object.assign(new Error("flaky"), { retryable: true });
    };
    const again = scripted([maybe, () => json(200, job)]);
    await expect(again.client.jobs.get("j")).resolves.toEqual(job);
    expect(again.retries.map((r) => r.reason)).toEqual(["connection error"]);
  });

  it("never retries other 4xx statuses", async () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      const { client, requests } = scripted([() => json(status, {})]);
      await client.jobs.get("j").catch(() => undefined);
      expect(requests).toHaveLength(1);
    }
  });

  it("waits as long as Retry-After or retry-after-ms says, and fails at once beyond the cap", async () => {
    const now = Date.parse("2026-11-28T12:00:00Z");
    expect(parseRetryAfter(new Headers({ "Retry-After": "7" }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ "Retry-After": "Sat, 28 Nov 2026 12:00:30 GMT" }), now)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ "Retry-After": "Sat, 28 Nov 2026 11:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "250.5", "Retry-After": "9" }), now)).toBe(251);
    expect(parseRetryAfter(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();

    const { client, retries } = scripted([() => json(429, {}, { "retry-after-ms": "30" }), () => json(200, job)]);
    await client.jobs.get("j");
    expect(retries[0]?.delay).toBe(30);

    const capped = scripted([() => json(429, { errors: [{ message: "slow down" }] }, { "Retry-After": "120" })], {
      maxRetryAfter: 1000,
    });
    const error = await capped.client.jobs.get("j").catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect([error.attempts, error.retryAfter, capped.requests.length]).toEqual([1, 120_000, 1]);
    expect(error.message).toMatch(/slow down .* the server asks to retry after 120 s \(at 20\d\d-/);
  });

  it("backs off exponentially, capped, with at most 25% jitter", () => {
    const backoff = { initialDelay: 500, maxDelay: 8000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, backoff, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(backoffDelay(2, backoff, () => 1)).toBe(750);
    const ctx = { idempotent: true, attempt: 1, maxRetries: 2, backoff, maxRetryAfter: 60_000 };
    expect(decide({ kind: "timeout" }, ctx)).toMatchObject({ retry: true, reason: "timeout" });
    expect(decide({ kind: "timeout" }, { ...ctx, idempotent: false })).toMatchObject({ retry: false });
    expect(decide({ kind: "connection", notSent: true }, { ...ctx, idempotent: false })).toMatchObject({ retry: true });
    expect(decide({ kind: "timeout" }, { ...ctx, attempt: 3 })).toMatchObject({ retry: false });
  });
});

describe("timeouts and aborts", () => {
  /** A fetch that never answers until its request is aborted. */
  const hanging: Handler = (_request, signal) =>
    new Promise<Response>((_resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason));
    });

  it("times out each attempt, retries reads, and reports the timeout", async () => {
    const { client, requests } = scripted([hanging]);
    const error = await client.jobs.get("j", { timeout: 20 }).catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect([error.attempts, error.timeout, requests.length]).toEqual([3, 20, 3]);
    expect(error.message).toContain("within 20 ms");
  });

  it("ends an attempt at its timeout, and the call at the caller's abort, even if the fetch ignores its signal", async () => {
    const deaf = () => new Promise<Response>(() => undefined); // never settles, whatever its signal says
    const { client, requests } = scripted([deaf]);
    const timedOut = await client.jobs.get("j", { timeout: 20, maxRetries: 1 }).catch((e) => e);
    expect(timedOut).toBeInstanceOf(APIConnectionTimeoutError);
    expect([timedOut.attempts, requests.length]).toEqual([2, 2]);
    const controller = new AbortController();
    const pending = client.jobs.get("j", { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(3));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it("refuses @flatfile/api's option names, saying which of ours to use, and sends nothing", async () => {
    const { client, requests } = scripted([hanging]);
    const seconds = await client.jobs.complete("j", undefined, { timeoutInSeconds: 0.02 } as never).catch((e) => e);
    expect(seconds).toBeInstanceOf(InvalidArgumentError);
    expect(seconds.message).toBe(
      'RequestOptions has no option "timeoutInSeconds": use timeout, in milliseconds. Its options are signal, timeout, maxRetries, idempotent, headers.',
    );
    const signal = await client.jobs.get("j", { abortSignal: new AbortController().signal } as never).catch((e) => e);
    expect(signal.message).toMatch(/^RequestOptions has no option "abortSignal": use signal\./);
    expect(requests).toHaveLength(0);
  });

  it("stops at once when the caller aborts during the backoff, sending nothing more", async () => {
    const controller = new AbortController();
    const { client, requests } = scripted([() => json(503, {})], { retryBackoff: { initialDelay: 60_000 } });
    const pending = client.jobs.get("j", { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.attempts).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it("refuses a call whose signal is already aborted without sending it", async () => {
    const { client, requests } = scripted([() => json(200, job)]);
    await expect(client.jobs.get("j", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });
});

describe("middleware and logging", () => {
  it("runs middleware once per call, around all of its attempts", async () => {
    const { client, requests } = scripted([() => json(500, {}), () => json(500, {}), () => json(200, job)]);
    const seen: string[] = [];
    const middleware: Middleware = {
      onRequest: ({ request }) => void seen.push(`request ${request.method}`),
      onResponse: ({ response }) => void seen.push(`response ${response.status}`),
    };
    client.use(middleware);
    await client.jobs.get("j");
    expect(requests).toHaveLength(3);
    expect(seen).toEqual(["request GET", "response 200"]);
    client.eject(middleware);
    await client.jobs.get("j");
    expect(seen).toHaveLength(2);
  });

  it("logs nothing unless asked, and redacts credentials at every level", async () => {
    const lines: string[] = [];
    const logger = {
      debug: (l: string) => lines.push(l),
      info: (l: string) => lines.push(l),
      warn: (l: string) => lines.push(l),
      error: (l: string) => lines.push(l),
    };
    await scripted([() => json(200, job)]).client.jobs.get("j");
    expect(lines).toEqual([]);

    const { client } = scripted([() => json(503, {}, { "Set-Cookie": "session=abc" }), () => json(200, job)], {
      logger,
      logLevel: "debug",
      headers: { Cookie: "session=abc" },
    });
    await client.jobs.complete("j", { info: `token is ${TOKEN}` }, { idempotent: true });
    const text = lines.join("\n");
    expect(text).toContain("[flatfile-jobs] → POST /jobs/j/complete authorization: [redacted]");
    expect(text).toContain("authorization: [redacted]");
    expect(text).toContain("retrying POST /jobs/j/complete in");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("session=abc");

    lines.length = 0;
    const quiet = scripted([() => json(200, job)], { logger, logLevel: "info" });
    await quiet.client.jobs.complete("j", { info: "a body" });
    expect(lines).toEqual([expect.stringMatching(/^\[flatfile-jobs\] ← 200 POST \/jobs\/j\/complete \(\d+ ms\)$/)]);
  });
});
