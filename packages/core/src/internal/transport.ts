import type { Backoff, Fetch, RetryInfo } from "../contracts.js";
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "../errors.js";
import { type AttemptOutcome, decide, neverSent } from "./retry-policy.js";

/** What the transport is given for one call: the request, already built, as `fetch(url, init)` takes it. */
export interface TransportInit {
  method: string;
  headers: Headers;
  /** The JSON body, when the operation has one. */
  body: string | undefined;
}

/** The transport for one call: sends the request, with its attempts, and resolves to the final response. */
export type TransportFetch = (url: string, init: TransportInit) => Promise<Response>;

/** What `onFailure` is told when a request fails for good without a response. */
export interface FailureInfo {
  method: string;
  path: string;
  /** How many attempts were made. */
  attempt: number;
  reason: string;
}

export interface TransportConfig {
  fetch: Fetch | undefined;
  /** Path of the base URL (`/v1`), left out of the paths in errors and logs. */
  basePath: string;
  maxRetries: number;
  timeout: number;
  backoff: Required<Backoff>;
  maxRetryAfter: number;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  onFailure?: ((info: FailureInfo) => void) | undefined;
}

/** One call's settings; the transport writes back how many attempts it made. */
export interface CallSettings {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Whether sending the request twice is harmless (the operation's own, or the call's `idempotent`). */
  idempotent: boolean;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  attempts?: number;
}

/**
 * Sends each attempt with its own timeout, reads the whole body within it, retries what the policy allows, and
 * turns failures into SDK errors. Nothing it starts (timer, listener, request) outlives the call.
 */
export function createTransport(config: TransportConfig): (settings: CallSettings) => TransportFetch {
  return (settings) => async (url, init) => {
    const { method } = init;
    const path = relativePath(url, config.basePath);
    const userSignal = settings.signal;
    const timeout = settings.timeout ?? config.timeout;
    const fetch = config.fetch ?? globalThis.fetch;
    const aborted = (attempts: number, cause?: unknown) =>
      new APIUserAbortError({ method, path, attempts, cause: cause ?? userSignal?.reason });

    for (let attempt = 1; ; attempt++) {
      settings.attempts = attempt;
      if (userSignal?.aborted) throw aborted(attempt);

      // One controller per attempt, aborted by the timeout or the caller. The listener on the caller's own signal
      // (not a copy of it) keeps the attempt's signal reachable while the request is in flight: a fetch that
      // follows a signal only weakly (undici does) must not lose an abort to garbage collection.
      const controller = new AbortController();
      const onAbort = () => controller.abort(userSignal?.reason);
      userSignal?.addEventListener("abort", onAbort);
      let timedOut = false;
      const timer =
        timeout === Infinity
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              controller.abort(new DOMException(`timed out after ${timeout} ms`, "TimeoutError"));
            }, timeout);

      let outcome: AttemptOutcome;
      let response: Response | undefined;
      let failure: unknown;
      try {
        // Both waits end when the attempt's signal aborts, whether or not the fetch honours it: a fetch that
        // ignores the signal, or loses it (a Request made of `init` follows `init.signal` only weakly, so garbage
        // collection can cut the link), must not hold the call past its timeout or the caller's abort.
        const received = await untilAborted(fetch(url, { ...init, signal: controller.signal }), controller.signal);
        const { status, headers } = received;
        // Read the body within the attempt, so the timeout covers a slow or stalled body too.
        const buffered = await untilAborted(received.arrayBuffer(), controller.signal);
        // An empty body is passed on as none: statuses such as 204 may not carry one.
        response = new Response(buffered.byteLength ? buffered : null, {
          status,
          statusText: received.statusText,
          headers,
        });
        outcome = { kind: "response", status, headers };
      } catch (error) {
        if (userSignal?.aborted) throw aborted(attempt, error);
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
        userSignal?.removeEventListener("abort", onAbort);
      }

      if (response?.ok) return response;
      const decision = decide(outcome, {
        idempotent: settings.idempotent,
        attempt,
        maxRetries: settings.maxRetries ?? config.maxRetries,
        backoff: config.backoff,
        maxRetryAfter: config.maxRetryAfter,
      });
      const { reason } = decision;
      if (!decision.retry) {
        if (response) return response;
        config.onFailure?.({ method, path, attempt, reason });
        throw timedOut
          ? new APIConnectionTimeoutError({ method, path, attempts: attempt, timeout })
          : new APIConnectionError({ method, path, attempts: attempt, cause: failure });
      }
      const info = { method, path, attempt: attempt + 1, delay: decision.delay, reason };
      config.onRetry?.(info);
      // Waits, unless the caller aborts first; the timer never outlives the wait.
      await new Promise<void>((resolve, reject) => {
        const stop = () => {
          clearTimeout(wait);
          reject(aborted(attempt));
        };
        const wait = setTimeout(() => {
          userSignal?.removeEventListener("abort", stop);
          resolve();
        }, info.delay);
        userSignal?.addEventListener("abort", stop);
        if (userSignal?.aborted) stop();
      });
    }
  };
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts (the promise is then left to settle). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** `/v1/jobs/x?y=1` under base path `/v1` → `/jobs/x`: how errors and logs name a request, without its query. */
export function relativePath(url: string, basePath: string): string {
  const { pathname } = new URL(url);
  return pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
}
