import createClient, { type Client, type Middleware } from "openapi-fetch";
import { InvalidArgumentError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { createLog, type Logger, type LogLevel } from "./internal/logger.js";
import type { Backoff } from "./internal/retry-policy.js";
import { createTransport, type FetchLike, type RetryInfo } from "./internal/transport.js";
import { createJobsResource, type JobsResource } from "./jobs.js";
import { type Region, regionBaseUrl } from "./regions.js";

/** The API's production base URL; regional platform URLs are listed in the spec's `servers`. */
export const DEFAULT_BASE_URL = "https://api.x.flatfile.com/v1";

export interface JobsClientOptions {
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
   * The `fetch` used for every request.
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
  /** Where the client logs (e.g. `console`). Off when not given. Lines never contain the token. */
  logger?: Logger;
  /**
   * The lowest level logged: `debug` adds headers and bodies, `info` one line per response, `warn` retries.
   * @default "info" when a logger is given
   */
  logLevel?: LogLevel;
}

export interface JobsClient {
  /** The Jobs API's 17 operations; each resolves to the operation's 200 body or throws a `JobsError`. */
  readonly jobs: JobsResource;
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }` instead of thrown
   * errors. It shares the token, base URL, headers and fetch of this client. Each call must still pass the
   * spec's required `X-Disable-Hooks` header parameter.
   */
  readonly raw: Client<paths>;
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  /** Adds openapi-fetch middleware; it runs once per call, around all of its attempts. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}

/** Creates a client for Flatfile's Jobs API that works wherever `fetch` exists. */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("createJobsClient needs an options object: createJobsClient({ token: '…' }).");
  }
  const token = checkToken(options.token);
  const baseUrl = checkBaseUrl(
    options.baseUrl ?? (options.region === undefined ? DEFAULT_BASE_URL : regionBaseUrl(options.region)),
  );
  const userFetch = options.fetch as FetchLike | undefined;

  const headers = new Headers(options.headers);
  headers.set("Authorization", `Bearer ${token}`);
  headers.set("X-Disable-Hooks", "true");

  const transport = createTransport({
    getFetch: () => userFetch ?? (globalThis.fetch as FetchLike),
    basePath: new URL(baseUrl).pathname.replace(/\/$/, ""),
    maxRetries: checkCount("maxRetries", options.maxRetries ?? 2),
    timeout: checkDuration("timeout", options.timeout ?? 60_000),
    backoff: {
      initialDelayMs: checkDuration("retryBackoff.initialDelayMs", options.retryBackoff?.initialDelayMs ?? 500),
      maxDelayMs: checkDuration("retryBackoff.maxDelayMs", options.retryBackoff?.maxDelayMs ?? 8_000),
    },
    maxRetryAfterMs: checkDuration("maxRetryAfterMs", options.maxRetryAfterMs ?? 60_000),
    log: createLog(options.logger, options.logLevel, token),
    onRetry: options.onRetry,
  });
  const raw = createClient<paths>({ baseUrl, headers: Object.fromEntries(headers), fetch: transport() });

  return {
    jobs: createJobsResource(raw, transport, token),
    raw,
    baseUrl,
    use: (...middleware) => raw.use(...middleware),
    eject: (...middleware) => raw.eject(...middleware),
  };
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${name} must be a whole number of 0 or more, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function checkDuration(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(
      `${name} must be a number of milliseconds, 0 or more, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function checkToken(token: unknown): string {
  if (typeof token !== "string" || token.trim() === "") {
    throw new InvalidArgumentError(
      "No API token: pass createJobsClient({ token }) with an environment's secret key (sk_…), a publishable key (pk_…) or an access token.",
    );
  }
  if (/^bearer\s/i.test(token)) {
    throw new InvalidArgumentError("Pass the token without the 'Bearer ' prefix; the client adds it.");
  }
  // Checked here so that fetch never builds an error message that quotes the token.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InvalidArgumentError(
      "The API token contains whitespace, control or non-ASCII characters, which cannot be sent in an HTTP header. Check for a stray newline or quote where the token is set.",
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
