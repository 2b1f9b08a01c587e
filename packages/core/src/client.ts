import createClient, { type Client, type Middleware } from "openapi-fetch";
import {
  type Backoff,
  CALL,
  type Fetch,
  type JobsCore,
  type Logger,
  type LogLevel,
  type RetryInfo,
} from "./contracts.js";
import { InvalidArgumentError } from "./errors.js";
import { createJobsResource, type JobsResource } from "./generated/jobs.js";
import type { paths } from "./generated/schema.js";
import { createCall } from "./internal/call.js";
import * as check from "./internal/check.js";
import { createLogging, type Logging } from "./internal/logger.js";
import { fromRequest, type Send, sendDirect, sendThrough, toResponse } from "./internal/send.js";
import { createTransport } from "./internal/transport.js";
import { type Region, regionBaseUrl } from "./regions.js";

/** The API's production base URL; regional platform URLs are listed in the spec's `servers`. */
export const DEFAULT_BASE_URL = "https://api.x.flatfile.com/v1";

export interface JobsCoreOptions {
  /**
   * Bearer token: an environment's secret key (`sk_…`), a publishable key (`pk_…`) or an access token.
   * It is sent as `Authorization: Bearer <token>` and never appears in errors.
   */
  token: string;
  /**
   * Base URL of the API, ending in `/v1`.
   * @default "https://api.x.flatfile.com/v1"
   */
  baseUrl?: string;
  /**
   * Flatfile region whose platform URL to use (`us`, `uk`, `eu`, `au`, `ca`); `baseUrl` wins when both are given.
   */
  region?: Region;
  /**
   * The `fetch` used for every request, called as `fetch(url, init)` (see `Fetch`). An error it throws with
   * `retryable: false` (say, its connections were closed for good) ends the call at once with
   * `APIConnectionError`, without retries; with a \`reason\` too (here or on an error in its \`cause\` chain), that
   * error's message is the reason (\`GET <url>: <reason>.\`), for an answer that was had but cannot be used.
   * @default globalThis.fetch
   */
  fetch?: Fetch;
  /** Headers sent with every request. `Authorization` and `X-Disable-Hooks` are always set by the client. */
  headers?: Record<string, string>;
  /**
   * How many times a failed attempt may be retried, when the retry policy allows it (see the README).
   * @default 2
   */
  maxRetries?: number;
  /**
   * Time allowed for each attempt, headers and body, in milliseconds (`Infinity`: no limit).
   * @default 60000
   */
  timeout?: number;
  /**
   * The largest response body the client reads, in bytes: a larger one (by its `Content-Length`, or once a streamed
   * body passes it) fails the call at once, not retried, with `APIConnectionError` naming the limit, and is never
   * held whole. A page of 1,000 jobs is about 0.6 MB.
   * @default 67108864 (64 MiB)
   */
  maxResponseSize?: number;
  /**
   * Delays between attempts: exponential from `initialDelay`, capped at `maxDelay`, minus up to 25% jitter.
   * @default { initialDelay: 500, maxDelay: 8000 }
   */
  retryBackoff?: Backoff;
  /**
   * The longest `Retry-After` the client waits for, in milliseconds; a longer one fails at once with the time
   * to come back.
   * @default 60000
   */
  maxRetryAfter?: number;
  /** Called before each retry, with the attempt number, the delay and the reason. */
  onRetry?: (info: RetryInfo) => void;
}

/** Options of `createJobsClient`: those of `createJobsCore`, plus logging. */
export interface JobsClientOptions extends JobsCoreOptions {
  /** Where the client logs (e.g. `console`). Off when not given. Lines never contain the token. */
  logger?: Logger;
  /**
   * The lowest level logged: `debug` adds headers and bodies, `info` one line per response, `warn` retries.
   * @default "info" when a logger is given
   */
  logLevel?: LogLevel;
}

export interface JobsClient extends JobsCore {
  /** The Jobs API's operations; each resolves to the operation's 200 body or throws a `JobsError`. */
  readonly jobs: JobsResource;
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }` instead of thrown
   * errors. It shares the token, base URL, headers, fetch, retries and timeouts of this client, and sends the
   * required `X-Disable-Hooks` header itself. A call's `signal` aborts it (and any retry), which then rejects with
   * `APIUserAbortError` as the client's operations do. Its type is openapi-fetch's (see CONTRIBUTING's "Public API").
   */
  readonly raw: Client<RawPaths>;
  /** Adds openapi-fetch middleware; it runs once per call, around all of its attempts. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}

/**
 * The spec's paths as `raw` takes them: the `X-Disable-Hooks` header parameter, which the client always sends,
 * is optional.
 */
export type RawPaths = {
  [P in keyof paths]: { [K in keyof paths[P]]: K extends "parameters" ? paths[P][K] : WithHooksSent<paths[P][K]> };
};
type WithHooksSent<Op> = Op extends { parameters: { header: infer Header } }
  ? Omit<Op, "parameters"> & { parameters: Omit<Op["parameters"], "header"> & { header?: Partial<Header> } }
  : Op;

/**
 * Creates the smallest client, for the operation functions: `await listJobs(client, { pageSize: 20 })`. It takes
 * the options of `createJobsClient` but logging, and sends requests without openapi-fetch's client (so without
 * middleware), which keeps a browser bundle that calls one operation near 6 kB (min+gzip). Works wherever `fetch` exists.
 */
export function createJobsCore(options: JobsCoreOptions): JobsCore {
  const { baseUrl, headers, transport, token } = configure(options, CORE_OPTIONS);
  return { baseUrl, [CALL]: createCall(sendDirect(baseUrl, headers, transport), token, baseUrl) };
}

/** Creates a client for Flatfile's Jobs API that works wherever `fetch` exists: `client.jobs.list()`, … */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  const { baseUrl, headers, transport, token } = configure(
    options,
    [...CORE_OPTIONS, "logger", "logLevel"],
    (secret, basePath) => {
      if (options.logger !== undefined) checkLogger(options.logger);
      if (options.logLevel !== undefined && !LOG_LEVELS.includes(options.logLevel)) {
        throw check.invalid("logLevel", `one of ${LOG_LEVELS.join(", ")}`, options.logLevel);
      }
      return createLogging(options.logger, options.logLevel, secret, basePath, options.fetch, options.onRetry);
    },
  );
  // openapi-fetch sends each request of `raw` through the transport with the client's settings, retried as its
  // HTTP method allows. The `Request` it hands its fetch follows the caller's signal only weakly (garbage
  // collection can cut the link), so the transport is given the caller's own signal instead: a call with a
  // `signal` gets a fetch of its own that carries it.
  const rawFetch =
    (signal?: AbortSignal) =>
    async (request: Request): Promise<Response> =>
      toResponse(
        await transport(...(await fromRequest(request)), {
          idempotent: /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(request.method),
          signal,
        }),
      );
  const raw = createClient<paths>({ baseUrl, headers, fetch: rawFetch() });
  type RawInit = { signal?: AbortSignal | null; fetch?: unknown } | undefined;
  const request = raw.request as (method: string, url: string, init: RawInit) => Promise<never>;
  raw.request = ((method: string, url: string, init: RawInit) =>
    request(method, url, init?.signal && !init.fetch ? { ...init, fetch: rawFetch(init.signal) } : init)) as never;
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const) {
    raw[method] = ((url: string, init: RawInit) => raw.request(method as never, url as never, init as never)) as never;
  }
  // Operations go through openapi-fetch's client only while middleware is registered, which must see them; without
  // any, they skip the `Request` and `Response` it would build for nobody. `use` and `eject` (also reached as
  // `raw.use`) keep count.
  const middleware: Middleware[] = [];
  const { use, eject } = raw;
  raw.use = (...added) => {
    for (const m of added) {
      use(m);
      if (m) middleware.push(m);
    }
  };
  raw.eject = (...removed) => {
    eject(...removed);
    for (const m of removed) {
      const i = middleware.indexOf(m);
      if (i !== -1) middleware.splice(i, 1);
    }
  };
  const through = sendThrough(raw, transport);
  const direct = sendDirect(baseUrl, headers, transport);
  const send: Send = (...args) => (middleware.length ? through : direct)(...args);
  const core: JobsCore = { baseUrl, [CALL]: createCall(send, token, baseUrl) };
  return {
    ...core,
    jobs: createJobsResource(core),
    raw: raw as unknown as Client<RawPaths>,
    use: (...added) => raw.use(...added),
    eject: (...removed) => raw.eject(...removed),
  };
}

const CORE_OPTIONS = [
  "token",
  "baseUrl",
  "region",
  "fetch",
  "headers",
  "maxRetries",
  "timeout",
  "maxResponseSize",
  "retryBackoff",
  "maxRetryAfter",
  "onRetry",
] as const;
const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "off"];

/** Checks the options and sets up what every request shares. */
function configure(
  options: JobsCoreOptions,
  known: readonly string[],
  logging?: (token: string, basePath: string) => Logging | undefined,
) {
  if (typeof options !== "object" || !options) {
    throw new InvalidArgumentError("The client needs an options object: createJobsClient({ token: '…' }).");
  }
  check.options(logging ? "JobsClientOptions" : "JobsCoreOptions", options, known);
  const token = checkToken(options.token);
  const baseUrl = checkBaseUrl(
    options.baseUrl ?? (options.region === undefined ? DEFAULT_BASE_URL : regionBaseUrl(options.region)),
  );
  const headers = new Headers(options.headers === undefined ? undefined : check.headers("headers", options.headers));
  headers.set("Authorization", `Bearer ${token}`);
  headers.set("X-Disable-Hooks", "true");
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
  const backoff = check.options("retryBackoff", options.retryBackoff, ["initialDelay", "maxDelay"]) ?? {};
  const transport = createTransport({
    fetch: options.fetch === undefined ? undefined : check.type("fetch", options.fetch, "function"),
    basePath,
    maxRetries: check.count("maxRetries", options.maxRetries ?? 2, 0),
    timeout: check.duration("timeout", options.timeout ?? 60_000, 1, true),
    maxSize: check.count("maxResponseSize", options.maxResponseSize ?? 67_108_864, 1),
    backoff: {
      initialDelay: check.duration("retryBackoff.initialDelay", backoff.initialDelay ?? 500, 0),
      maxDelay: check.duration("retryBackoff.maxDelay", backoff.maxDelay ?? 8_000, 0),
    },
    maxRetryAfter: check.duration("maxRetryAfter", options.maxRetryAfter ?? 60_000, 0),
    onRetry: options.onRetry === undefined ? undefined : check.type("onRetry", options.onRetry, "function"),
    ...logging?.(token, basePath),
  });
  return { baseUrl, headers, transport, token };
}

function checkLogger(logger: unknown): void {
  const methods = ["debug", "info", "warn", "error"] as const;
  if (
    typeof logger !== "object" ||
    logger === null ||
    methods.some((m) => typeof (logger as Logger)[m] !== "function")
  ) {
    throw check.invalid("logger", "an object with debug, info, warn and error methods (console fits)", logger);
  }
}

function checkToken(token: unknown): string {
  if (typeof token !== "string" || token.trim() === "") {
    throw new InvalidArgumentError(
      "No API token: pass { token } with an environment's secret key (sk_…), a publishable key (pk_…) or an access token.",
    );
  }
  if (/^bearer\s/i.test(token)) {
    throw new InvalidArgumentError("Pass the token without the 'Bearer ' prefix; the client adds it.");
  }
  // Checked here so that fetch never builds an error message that quotes the token.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InvalidArgumentError(
      "The API token has whitespace, control or non-ASCII characters, which HTTP cannot send; check for a stray newline or quote where it is set.",
    );
  }
  return token;
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === "string" ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new InvalidArgumentError(
      `baseUrl must be an absolute http(s) URL such as ${JSON.stringify(DEFAULT_BASE_URL)}, got ${check.show(baseUrl)}.`,
    );
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError("baseUrl must not contain credentials; pass the token as { token } instead.");
  }
  return url.href.replace(/\/+$/, "");
}
