import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "../errors.js";
import { formatHeaders, type Log } from "./logger.js";
import { type AttemptOutcome, type Backoff, decide, neverSent } from "./retry-policy.js";

export type FetchLike = (input: Request) => Promise<Response>;

/** What `onRetry` is told before each new attempt. */
export interface RetryInfo {
  method: string;
  path: string;
  /** The attempt about to be made, from 2. */
  attempt: number;
  /** How long the client waits before it, in milliseconds. */
  delayMs: number;
  /** Why: `status 503`, `timeout`, `connection refused`, `connection error`. */
  reason: string;
}

export interface TransportConfig {
  getFetch: () => FetchLike;
  /** Path of the base URL (`/v1`), left out of the paths in errors and logs. */
  basePath: string;
  maxRetries: number;
  timeout: number;
  backoff: Required<Backoff>;
  maxRetryAfterMs: number;
  log: Log;
  onRetry: ((info: RetryInfo) => void) | undefined;
}

/** One call's settings; the transport writes back how many attempts it made. */
export interface CallSettings {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** `true`: retry as if idempotent; `false`: never retry; unset: the policy decides. */
  retry?: boolean | undefined;
  /** The caller's own signal, used rather than the copy a `Request` makes of it (see below). */
  signal?: AbortSignal | undefined;
  attempts?: number;
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
// The one POST that changes nothing: it only computes what a mutation would do.
const READ_ONLY_POSTS = new Set(["/jobs/preview-mutation"]);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The fetch that openapi-fetch calls, beneath its middleware: it sends each attempt with its own timeout,
 * reads the whole body within it, retries what the policy allows, and turns failures into SDK errors.
 * Nothing it starts (timer, listener, request) outlives the call.
 */
export function createTransport(config: TransportConfig): (settings?: CallSettings) => FetchLike {
  return (settings = {}) =>
    async (request) => {
      const method = request.method;
      const path = relativePath(request.url, config.basePath);
      // A Request's signal is a copy that follows the original only through a weak reference (undici); with
      // nothing else holding the copy, it can be collected and an abort lost. So the caller's own signal is used
      // when known, and each attempt's request is kept reachable from the listener that aborts it.
      const userSignal = settings.signal ?? request.signal;
      const timeout = settings.timeout ?? config.timeout;
      const maxRetries = settings.maxRetries ?? config.maxRetries;
      const idempotent = IDEMPOTENT_METHODS.has(method) || (method === "POST" && READ_ONLY_POSTS.has(path));
      const body = request.body === null ? undefined : await request.clone().arrayBuffer();
      const { log } = config;

      for (let attempt = 1; ; attempt++) {
        settings.attempts = attempt;
        if (userSignal.aborted)
          throw new APIUserAbortError({ method, path, attempts: attempt, cause: userSignal.reason });

        const controller = new AbortController();
        const attemptRequest = new Request(request, {
          signal: controller.signal,
          ...(body === undefined ? {} : { body }),
        });
        const onAbort = () => {
          controller.abort(userSignal.reason);
          void attemptRequest.signal;
        };
        userSignal.addEventListener("abort", onAbort, { once: true });
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`timed out after ${timeout} ms`, "TimeoutError"));
        }, timeout);

        const started = Date.now();
        let outcome: AttemptOutcome;
        let response: Response | undefined;
        let failure: unknown;
        try {
          if (log.enabled("debug")) {
            log.debug(`→ ${method} ${path} (attempt ${attempt}) ${formatHeaders(attemptRequest.headers)}`);
            if (body !== undefined) log.debug(`  body ${new TextDecoder().decode(body)}`);
          }
          const received = await config.getFetch()(attemptRequest);
          // Read the body within the attempt, so the timeout covers a slow or stalled body too.
          const buffered = await received.arrayBuffer();
          response = new Response(NULL_BODY_STATUSES.has(received.status) ? null : buffered, {
            status: received.status,
            statusText: received.statusText,
            headers: received.headers,
          });
          outcome = { kind: "response", status: received.status, headers: received.headers };
          log.info(`← ${received.status} ${method} ${path} (${Date.now() - started} ms, attempt ${attempt})`);
          if (log.enabled("debug")) log.debug(`  body ${new TextDecoder().decode(buffered).slice(0, 2000)}`);
        } catch (error) {
          if (userSignal.aborted) throw new APIUserAbortError({ method, path, attempts: attempt, cause: error });
          failure = error;
          outcome = timedOut ? { kind: "timeout" } : { kind: "connection", notSent: neverSent(error) };
        } finally {
          clearTimeout(timer);
          userSignal.removeEventListener("abort", onAbort);
        }

        if (response?.ok) return response;
        const decision = decide(outcome, {
          idempotent,
          force: settings.retry,
          attempt,
          maxRetries,
          backoff: config.backoff,
          maxRetryAfterMs: config.maxRetryAfterMs,
        });
        if (!decision.retry) {
          if (response) return response;
          log.warn(`✗ ${method} ${path} failed after ${attempt} attempt(s): ${decision.reason}`);
          if (outcome.kind === "timeout")
            throw new APIConnectionTimeoutError({ method, path, attempts: attempt, timeout });
          throw new APIConnectionError({ method, path, attempts: attempt, cause: failure });
        }
        log.warn(`retrying ${method} ${path} in ${decision.delayMs} ms (attempt ${attempt + 1}): ${decision.reason}`);
        config.onRetry?.({ method, path, attempt: attempt + 1, delayMs: decision.delayMs, reason: decision.reason });
        await sleep(decision.delayMs, userSignal, () => new APIUserAbortError({ method, path, attempts: attempt }));
      }
    };
}

/** Waits, unless the caller aborts first; the timer never outlives the wait. */
function sleep(ms: number, signal: AbortSignal, aborted: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** `/v1/jobs/x?y=1` under base path `/v1` → `/jobs/x`. Query strings are left out of errors and logs. */
export function relativePath(url: string, basePath: string): string {
  const { pathname } = new URL(url);
  return basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || "/" : pathname;
}
