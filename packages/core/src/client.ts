import createClient, { type Client, type Middleware } from "openapi-fetch";
import { InvalidArgumentError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { CALL, type Call, createCall } from "./internal/call.js";
import { createLogging, type Logger, type Logging, type LogLevel } from "./internal/logger.js";
import type { Backoff } from "./internal/retry-policy.js";
import { sendDirect, sendThrough } from "./internal/send.js";
import { createTransport, type FetchLike, type RetryInfo } from "./internal/transport.js";
import { createJobsResource, type JobsResource } from "./jobs.js";
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
   * The `fetch` used for every request. An error it throws with `retryable: false` (say, its connections were
   * closed for good) ends the call at once with `APIConnectionError`, without retries.
   * @default globalThis.fetch
   */
  fetch?: FetchLike | typeof globalThis.fetch;
  /** Headers sent with every request. `Authorization` and `X-Disable-Hooks` are always set by the client. */
  headers?: Record<string, string>;
  /**
   * How many times a failed attempt may be retried, when the retry policy allows it (see the README).
   * @default 2
   */
  maxRetries?: number;
  /**
   * Time allowed for each attempt, headers and body, in milliseconds.
   * @default 60000
   */
  timeout?: number;
  /**
   * Delays between attempts: exponential from `initialDelayMs`, capped at `maxDelayMs`, minus up to 25% jitter.
   * @default { initialDelayMs: 500, maxDelayMs: 8000 }
   */
  retryBackoff?: Backoff;
  /**
   * The longest `Retry-After` the client waits for; a longer one fails at once with the time to come back.
   * @default 60000
   */
  maxRetryAfterMs?: number;
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

/**
 * A client without methods, for the operation functions (`listJobs(client, …)`): an app that imports only the
 * operations it calls ships only those. `JobsClient` is one too.
 */
export interface JobsCore {
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  /** @internal How the operation functions send a request. */
  readonly [CALL]: Call;
}

export interface JobsClient extends JobsCore {
  /** The Jobs API's 17 operations; each resolves to the operation's 200 body or throws a `JobsError`. */
  readonly jobs: JobsResource;
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }` instead of thrown
   * errors. It shares the token, base URL, headers and fetch of this client. Each call must still pass the
   * spec's required `X-Disable-Hooks` header parameter.
   */
  readonly raw: Client<paths>;
  /** Adds openapi-fetch middleware; it runs once per call, around all of its attempts. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}

/**
 * Creates the smallest client, for the operation functions: `await listJobs(client, { pageSize: 20 })`. It takes
 * the options of `createJobsClient` but logging, and sends requests without openapi-fetch's client (so without
 * middleware), which keeps a browser bundle that calls one operation near 4 KB. Works wherever `fetch` exists.
 */
export function createJobsCore(options: JobsCoreOptions): JobsCore {
  const { baseUrl, headers, transport, token } = configure(options);
  return { baseUrl, [CALL]: createCall(sendDirect(baseUrl, headers), transport, token) };
}

/** Creates a client for Flatfile's Jobs API that works wherever `fetch` exists: `client.jobs.list()`, … */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  const { baseUrl, headers, transport, token } = configure(options, (secret, basePath) =>
    createLogging(options.logger, options.logLevel, secret, basePath, options.fetch as FetchLike, options.onRetry),
  );
  const raw = createClient<paths>({ baseUrl, headers, fetch: transport() });
  const core: JobsCore = { baseUrl, [CALL]: createCall(sendThrough(raw), transport, token) };
  return {
    ...core,
    jobs: createJobsResource(core),
    raw,
    use: (...middleware) => raw.use(...middleware),
    eject: (...middleware) => raw.eject(...middleware),
  };
}

/** Checks the options and sets up what every request shares. */
function configure(options: JobsCoreOptions, logging?: (token: string, basePath: string) => Logging | undefined) {
  if (typeof options !== "object" || !options) {
    throw new InvalidArgumentError("The client needs an options object: createJobsClient({ token: '…' }).");
  }
  const token = checkToken(options.token);
  const baseUrl = checkBaseUrl(
    options.baseUrl ?? (options.region === undefined ? DEFAULT_BASE_URL : regionBaseUrl(options.region)),
  );
  const headers = new Headers(options.headers);
  headers.set("Authorization", `Bearer ${token}`);
  headers.set("X-Disable-Hooks", "true");
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
  const transport = createTransport({
    fetch: options.fetch as FetchLike | undefined,
    basePath,
    maxRetries: checkNumber("maxRetries", options.maxRetries ?? 2, Number.isInteger),
    timeout: checkNumber("timeout", options.timeout ?? 60_000),
    backoff: {
      initialDelayMs: checkNumber("retryBackoff.initialDelayMs", options.retryBackoff?.initialDelayMs ?? 500),
      maxDelayMs: checkNumber("retryBackoff.maxDelayMs", options.retryBackoff?.maxDelayMs ?? 8_000),
    },
    maxRetryAfterMs: checkNumber("maxRetryAfterMs", options.maxRetryAfterMs ?? 60_000),
    onRetry: options.onRetry,
    ...logging?.(token, basePath),
  });
  return { baseUrl, headers, transport, token };
}

/** A number of 0 or more (whole, when `whole` says so), or an error that names the option. */
function checkNumber(name: string, value: unknown, whole: (n: number) => boolean = Number.isFinite): number {
  if (typeof value !== "number" || !whole(value) || value < 0) {
    throw new InvalidArgumentError(
      `${name} must be a ${whole === Number.isFinite ? "number of milliseconds" : "whole number"}, 0 or more, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
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
      `baseUrl must be an absolute http(s) URL such as ${JSON.stringify(DEFAULT_BASE_URL)}, got ${JSON.stringify(baseUrl)}.`,
    );
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError("baseUrl must not contain credentials; pass the token as { token } instead.");
  }
  return url.href.replace(/\/+$/, "");
}
