import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "../errors.js";
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

/** What `onFailure` is told when a request fails for good without a response. */
export interface FailureInfo {
  method: string;
  path: string;
  /** How many attempts were made. */
  attempt: number;
  reason: string;
}

export interface TransportConfig {
  fetch: FetchLike | undefined;
  /** Path of the base URL (`/v1`), left out of the paths in errors and logs. */
  basePath: string;
  maxRetries: number;
  timeout: number;
  backoff: Required<Backoff>;
  maxRetryAfterMs: number;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  onFailure?: ((info: FailureInfo) => void) | undefined;
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

// PUT and DELETE are idempotent by HTTP's definition; the one POST that changes nothing only computes what a
// mutation would do.
const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|DELETE) |^POST \/jobs\/preview-mutation$/;

/**
 * The fetch that openapi-fetch calls, beneath its middleware: it sends each attempt with its own timeout,
 * reads the whole body within it, retries what the policy allows, and turns failures into SDK errors.
 * Nothing it starts (timer, listener, request) outlives the call.
 */
export function createTransport(config: TransportConfig): (settings?: CallSettings) => FetchLike {
  return (settings = {}) =>
    async (request) => {
      const { method } = request;
      const path = relativePath(request.url, config.basePath);
      // A Request's signal is a copy that follows the original only through a weak reference (undici); with
      // nothing else holding the copy, it can be collected and an abort lost. So the caller's own signal is used
      // when known, and each attempt's request is kept reachable from the listener that aborts it.
      const userSignal = settings.signal ?? request.signal;
      const timeout = settings.timeout ?? config.timeout;
      const body = request.body ? await request.arrayBuffer() : undefined;
      const aborted = (attempts: number, cause?: unknown) =>
        new APIUserAbortError({ method, path, attempts, cause: cause ?? userSignal.reason });

      for (let attempt = 1; ; attempt++) {
        settings.attempts = attempt;
        if (userSignal.aborted) throw aborted(attempt);

        const controller = new AbortController();
        const attemptRequest = new Request(request, { signal: controller.signal, body });
        const onAbort = () => controller.abort(userSignal.reason) ?? attemptRequest;
        userSignal.addEventListener("abort", onAbort);
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`timed out after ${timeout} ms`, "TimeoutError"));
        }, timeout);

        let outcome: AttemptOutcome;
        let response: Response | undefined;
        let failure: unknown;
        try {
          const received = await (config.fetch ?? fetch)(attemptRequest);
          const { status, headers } = received;
          // Read the body within the attempt, so the timeout covers a slow or stalled body too.
          const buffered = await received.arrayBuffer();
          // 101, 204, 205 and 304 are null-body statuses: a Response with those may not carry one.
          response = new Response(/^(101|204|205|304)$/.test(`${status}`) ? null : buffered, {
            status,
            statusText: received.statusText,
            headers,
          });
          outcome = { kind: "response", status, headers };
        } catch (error) {
          if (userSignal.aborted) throw aborted(attempt, error);
          failure = error;
          outcome = timedOut
            ? { kind: "timeout" }
            : {
                kind: "connection",
                notSent: neverSent(error),
                final: (error as { retryable?: unknown } | null)?.retryable === false,
              };
        } finally {
          clearTimeout(timer);
          userSignal.removeEventListener("abort", onAbort);
        }

        if (response?.ok) return response;
        const decision = decide(outcome, {
          idempotent: IDEMPOTENT.test(`${method} ${path}`),
          force: settings.retry,
          attempt,
          maxRetries: settings.maxRetries ?? config.maxRetries,
          backoff: config.backoff,
          maxRetryAfterMs: config.maxRetryAfterMs,
        });
        const { reason } = decision;
        if (!decision.retry) {
          if (response) return response;
          config.onFailure?.({ method, path, attempt, reason });
          throw timedOut
            ? new APIConnectionTimeoutError({ method, path, attempts: attempt, timeout })
            : new APIConnectionError({ method, path, attempts: attempt, cause: failure });
        }
        const info = { method, path, attempt: attempt + 1, delayMs: decision.delayMs, reason };
        config.onRetry?.(info);
        // Waits, unless the caller aborts first; the timer never outlives the wait.
        await new Promise<void>((resolve, reject) => {
          const stop = () => {
            clearTimeout(wait);
            reject(aborted(attempt));
          };
          const wait = setTimeout(() => {
            userSignal.removeEventListener("abort", stop);
            resolve();
          }, info.delayMs);
          userSignal.addEventListener("abort", stop);
          if (userSignal.aborted) stop();
        });
      }
    };
}

/** `/v1/jobs/x?y=1` under base path `/v1` → `/jobs/x`: how errors and logs name a request, without its query. */
export function relativePath(url: string, basePath: string): string {
  const { pathname } = new URL(url);
  return pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
}
