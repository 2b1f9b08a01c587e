// Every option of every public function is checked at the call, with the same rules and messages: a bad value
// throws InvalidArgumentError before anything is sent or any timer starts.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createJobsClient,
  createJobsCore,
  getJob,
  InvalidArgumentError,
  type JobsClientOptions,
  JobWaitTimeoutError,
  runJob,
} from "../src/index.js";
import { BASE_URL, json, recordingFetch, TOKEN } from "./recording-fetch.js";

const job = {
  id: "us_jb_1",
  type: "file",
  operation: "extract",
  source: "s",
  createdBy: "u",
  createdAt: "",
  updatedAt: "",
};

function client(
  respond: () => Response | Promise<Response> = () => json(503, {}),
  options: Partial<JobsClientOptions> = {},
) {
  const recorder = recordingFetch(respond);
  const c = createJobsClient({
    token: TOKEN,
    baseUrl: BASE_URL,
    fetch: recorder.fetch,
    retryBackoff: { initialDelay: 1, maxDelay: 1 },
    ...options,
  });
  return { client: c, requests: recorder.requests };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return (error as Error).message;
}

const RANGE_1 = "a number of milliseconds from 1 to 2147483647 (about 24.8 days), or Infinity for no limit";

afterEach(() => {
  vi.useRealTimers();
});

describe("per-call options", () => {
  it.each([
    [{ maxRetries: Number.NaN }, "maxRetries must be a whole number, 0 or more, got NaN."],
    [{ maxRetries: 1.5 }, "maxRetries must be a whole number, 0 or more, got 1.5."],
    [{ maxRetries: -1 }, "maxRetries must be a whole number, 0 or more, got -1."],
    [{ timeout: -1 }, `timeout must be ${RANGE_1}, got -1.`],
    [{ timeout: Number.NaN }, `timeout must be ${RANGE_1}, got NaN.`],
    [{ timeout: 0 }, `timeout must be ${RANGE_1}, got 0.`],
    [{ timeout: 2 ** 31 }, `timeout must be ${RANGE_1}, got 2147483648.`],
    [{ timeout: "5000" }, `timeout must be ${RANGE_1}, got "5000".`],
    [{ idempotent: "yes" }, 'idempotent must be true or false, got "yes".'],
    [{ signal: {} }, "signal must be an AbortSignal, got an object."],
    [
      { headers: "Bearer sk_live_1234" },
      'headers must be an object of header names to string values, got "[redacted]".',
    ],
    [{ headers: { "X-Team": 7 } }, "headers must be an object of header names to string values, got an object."],
  ])("refuses %o before sending anything", async (options, message) => {
    const { client: c, requests } = client();
    expect(await refusal(c.jobs.get("us_jb_1", options as never))).toBe(message);
    expect(requests).toHaveLength(0);
  });

  it("refuses an unknown option, naming the options there are", async () => {
    const { client: c, requests } = client();
    expect(await refusal(c.jobs.list({}, { timeOut: 10 } as never))).toBe(
      'RequestOptions has no option "timeOut". Its options are signal, timeout, maxRetries, idempotent, headers.',
    );
    expect(await refusal(c.jobs.get("j", { retry: true } as never))).toMatch(/^RequestOptions has no option "retry"\./);
    expect(requests).toHaveLength(0);
  });

  it("checks the options of the operation functions on createJobsCore's client the same way", async () => {
    const recorder = recordingFetch(() => json(200, { data: job }));
    const core = createJobsCore({ token: TOKEN, baseUrl: BASE_URL, fetch: recorder.fetch });
    expect(await refusal(getJob(core, "us_jb_1", { maxRetries: Number.NaN }))).toMatch(/got NaN\.$/);
    expect(recorder.requests).toHaveLength(0);
  });

  it("takes timeout: Infinity as no limit: the attempt starts no timer", async () => {
    vi.useFakeTimers();
    let answer: (response: Response) => void = () => undefined;
    const { client: c } = client(() => new Promise<Response>((resolve) => (answer = resolve)));
    const pending = c.jobs.get("us_jb_1", { timeout: Number.POSITIVE_INFINITY });
    await vi.waitFor(() => expect(answer).not.toBe(undefined));
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
    answer(json(200, { data: job }));
    await expect(pending).resolves.toEqual({ data: job });
  });
});

describe("client options", () => {
  const make = (options: Record<string, unknown>) => () =>
    createJobsClient({ token: TOKEN, baseUrl: BASE_URL, ...options } as JobsClientOptions);

  it.each([
    [{ timeout: 0 }, `timeout must be ${RANGE_1}, got 0.`],
    [{ timeout: 2 ** 31 }, `timeout must be ${RANGE_1}, got 2147483648.`],
    [{ maxRetries: Number.POSITIVE_INFINITY }, "maxRetries must be a whole number, 0 or more, got Infinity."],
    [
      { maxRetryAfter: 2 ** 31 },
      "maxRetryAfter must be a number of milliseconds from 0 to 2147483647 (about 24.8 days), got 2147483648.",
    ],
    [
      { retryBackoff: { initialDelay: -5 } },
      "retryBackoff.initialDelay must be a number of milliseconds from 0 to 2147483647 (about 24.8 days), got -5.",
    ],
    [{ onRetry: "log" }, 'onRetry must be a function, got "log".'],
    [{ fetch: {} }, "fetch must be a function, got an object."],
    [{ logLevel: "verbose" }, 'logLevel must be one of debug, info, warn, error, off, got "verbose".'],
    [
      { logger: { info() {} } },
      "logger must be an object with debug, info, warn and error methods (console fits), got an object.",
    ],
  ])("refuses %o", (options, message) => {
    expect(make(options)).toThrow(InvalidArgumentError);
    expect(make(options)).toThrow(message);
  });

  it("refuses an unknown option, naming the options there are", () => {
    expect(make({ maxRetryAfterMs: 1000 })).toThrow(
      /^JobsClientOptions has no option "maxRetryAfterMs"\. Its options are token, .*, maxRetryAfter, onRetry, logger, logLevel\.$/,
    );
    expect(make({ retryBackoff: { initialDelayMs: 1 } })).toThrow(
      'retryBackoff has no option "initialDelayMs". Its options are initialDelay, maxDelay.',
    );
    expect(() => createJobsCore({ token: TOKEN, logger: console } as never)).toThrow(
      /^JobsCoreOptions has no option "logger"\. Its options are token, baseUrl,/,
    );
  });

  it("accepts timeout: Infinity (no per-attempt limit) and ignores options set to undefined", () => {
    expect(make({ timeout: Number.POSITIVE_INFINITY, logger: undefined, maxRetries: undefined })).not.toThrow();
  });
});

describe("waitFor options", () => {
  const polling = () => {
    let polls = 0;
    const { client: c, requests } = client(() => {
      polls += 1;
      return json(200, { data: { ...job, status: polls < 3 ? "executing" : "complete" } });
    });
    return { jobs: c.jobs, requests };
  };

  it("waits with maxWait: Infinity until the job ends, instead of giving up at once", async () => {
    const { jobs, requests } = polling();
    await expect(
      jobs.waitFor("us_jb_1", { maxWait: Number.POSITIVE_INFINITY, pollInterval: 1 }),
    ).resolves.toMatchObject({
      status: "complete",
    });
    expect(requests).toHaveLength(3);
  });

  it.each([
    [
      { pollInterval: 0 },
      "pollInterval must be a number of milliseconds from 1 to 2147483647 (about 24.8 days), got 0.",
    ],
    [
      { pollInterval: -10 },
      "pollInterval must be a number of milliseconds from 1 to 2147483647 (about 24.8 days), got -10.",
    ],
    [
      { maxPollInterval: Number.NaN },
      "maxPollInterval must be a number of milliseconds from 1 to 2147483647 (about 24.8 days), got NaN.",
    ],
    [{ maxWait: 2 ** 31 }, `maxWait must be ${RANGE_1}, got 2147483648.`],
    [{ maxWait: 0 }, `maxWait must be ${RANGE_1}, got 0.`],
    [{ onProgress: true }, "onProgress must be a function, got true."],
    [
      { timeout: 1000 },
      'WaitForOptions has no option "timeout": use maxWait, in milliseconds. Its options are maxWait, pollInterval, maxPollInterval, signal, onProgress.',
    ],
  ])("refuses %o without polling", async (options, message) => {
    const { jobs, requests } = polling();
    expect(await refusal(jobs.waitFor("us_jb_1", options as never))).toBe(message);
    expect(requests).toHaveLength(0);
  });

  it("reports the maxWait that ran out", async () => {
    const { client: c } = client(() => json(200, { data: { ...job, status: "executing" } }));
    const error = await c.jobs.waitFor("us_jb_1", { maxWait: 20, pollInterval: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect(error.maxWait).toBe(20);
    expect(error.message).toMatch(/within 20 ms .* raise `maxWait`\.$/);
  });
});

describe("iterate options", () => {
  it.each([
    [{ maxPages: 0 }, "maxPages must be a whole number, 1 or more (or Infinity), got 0."],
    [{ maxPages: 2.5 }, "maxPages must be a whole number, 1 or more (or Infinity), got 2.5."],
    [{ prefetch: "no" }, 'prefetch must be true or false, got "no".'],
    [{ timeout: -1 }, `timeout must be ${RANGE_1}, got -1.`],
    [{ abortSignal: new AbortController().signal }, /^IterateOptions has no option "abortSignal": use signal\./],
  ])("refuses %o when the walk is set up", (options, message) => {
    const { client: c, requests } = client();
    expect(() => c.jobs.iterate({}, options as never)).toThrow(message);
    expect(requests).toHaveLength(0);
  });
});

describe("runJob options", () => {
  it.each([
    [
      { progressInterval: -1 },
      "progressInterval must be a number of milliseconds from 0 to 2147483647 (about 24.8 days), got -1.",
    ],
    [
      { cancelCheckInterval: 0 },
      "cancelCheckInterval must be a number of milliseconds from 1 to 2147483647 (about 24.8 days), got 0.",
    ],
    [{ failureMessage: "oops" }, 'failureMessage must be a function, got "oops".'],
    [{ signl: undefined, sigal: 1 }, /^RunJobOptions has no option "sigal"\./],
  ])("refuses %o before acknowledging the job", async (options, message) => {
    const { client: c, requests } = client(() => json(200, { data: job }));
    const text = await refusal(runJob(c, "us_jb_1", async () => undefined, options as never));
    if (typeof message === "string") expect(text).toBe(message);
    else expect(text).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it("refuses a handler that is not a function, and a progress that is not a number", async () => {
    const { client: c } = client(() => json(200, { data: { ...job, status: "executing" } }));
    expect(await refusal(runJob(c, "us_jb_1", "work" as never))).toBe('handler must be a function, got "work".');
    const error = await runJob(c, "us_jb_1", ({ progress }) => progress(Number.NaN)).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe("progress must be a number from 0 to 100, got NaN.");
  });
});
