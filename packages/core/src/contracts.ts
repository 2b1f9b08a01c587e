// The types the modules of core share, public and internal alike: the client contract (`JobsCore` and how an
// operation is sent through it), per-call options and the hooks an app plugs in (`fetch`, logger, `onRetry`).
// It imports nothing of ours but the generated types, so no import cycle can run through it.
import type { paths } from "./generated/schema.js";

/** Where a client keeps its `Call`; global, so an operation from another copy of the package finds it too. */
export const CALL: unique symbol = Symbol.for("@flatfile-jobs/call") as never;

/** An HTTP method the Jobs API uses. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * What an operation declares about itself: its method and the spec's path, and whether sending it twice does
 * no more than sending it once (GET, PUT and DELETE are by HTTP's definition; `previewMutation` is a POST
 * that only computes). The transport's retry policy reads `idempotent` instead of knowing operations; absent, it
 * is false.
 */
export interface Operation<P extends keyof paths = keyof paths, M extends Method = Method> {
  readonly method: M;
  readonly path: P;
  readonly idempotent?: boolean;
}

/** The 200 body of the operation at `path` and `method`, as the spec types it. */
export type OkBody<P extends keyof paths, M extends Method> = paths[P][Lowercase<M> & keyof paths[P]] extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

/**
 * Sends one operation: `jobId` fills the path's `{jobId}`, `params.path` its other parameters. Resolves to the
 * operation's 200 body, parsed, or rejects with the `JobsError` that fits.
 */
export type Call = <P extends keyof paths, M extends Method>(
  operation: Operation<P, M>,
  jobId: string | undefined,
  params: { path?: Readonly<Record<string, string>>; query?: object | undefined; body?: unknown },
  options: RequestOptions | undefined,
) => Promise<OkBody<P, M>>;

/**
 * A client without methods, for the operation functions (`listJobs(client, …)`): an app that imports only the
 * operations it calls ships only those. Every client of this SDK is one.
 */
export interface JobsCore {
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  /** @internal How the operation functions send a request. */
  readonly [CALL]: Call;
}

/** Options accepted as the last argument of every operation. */
export interface RequestOptions {
  /** Aborts the call (and any retry); it then rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * Time allowed for each attempt, headers and body, in milliseconds (`Infinity`: no limit).
   * @default the client's `timeout`
   */
  timeout?: number | undefined;
  /** How many times a failed attempt may be retried (0: never). @default the client's `maxRetries` */
  maxRetries?: number | undefined;
  /**
   * Whether sending this call twice is harmless. `true` retries it after any transient failure, like a GET;
   * `false` retries it only after failures that prove nothing was processed. @default the operation's own
   * (true for GET, PUT, DELETE and `previewMutation`)
   */
  idempotent?: boolean | undefined;
  /** Headers added to this request only. */
  headers?: Record<string, string> | undefined;
}

/**
 * The `fetch` a client sends with. The client calls it as `fetch(url, init)`, with `init.method`, `init.headers`
 * (a `Headers`), `init.body` (the JSON text, when the operation has a body) and `init.signal` (aborted on the
 * attempt's timeout or the caller's abort), once per attempt; it must resolve to a `Response` (status, headers
 * and body are read). `globalThis.fetch` fits, and so does a function that wraps it.
 */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Delays between attempts: exponential from `initialDelay`, capped at `maxDelay`, minus up to 25% jitter. */
export interface Backoff {
  /** Delay before the first retry, in milliseconds. @default 500 */
  initialDelay?: number;
  /** Longest delay between two attempts, in milliseconds. @default 8000 */
  maxDelay?: number;
}

/** What `onRetry` is told before each new attempt. */
export interface RetryInfo {
  method: string;
  path: string;
  /** The attempt about to be made, from 2. */
  attempt: number;
  /** How long the client waits before it, in milliseconds. */
  delay: number;
  /** Why: `status 503`, `timeout`, `connection refused`, `connection error`. */
  reason: string;
}

/** What the `logger` option accepts: `console`, pino, winston and most loggers fit. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";
