import type { Backoff, Fetch, RetryInfo } from "../contracts.js";
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, undecodable } from "../errors.js";
import { type AttemptOutcome, decide, neverSent } from "./retry-policy.js";

/** What the transport is given for one call: the request, already built, as `fetch(url, init)` takes it. */
export interface TransportInit {
  method: string;
  headers: Headers;
  /** The JSON body, when the operation has one. */
  body: string | undefined;
}

/** A response as the transport hands it on: the body read whole, within the attempt, as text. */
export interface Reply {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body; "" when there is none. */
  body: string;
}

/** Sends one call's request, with its attempts, and resolves to the final reply. */
export type Transport = (url: string, init: TransportInit, settings: CallSettings) => Promise<Reply>;

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
  /** The largest body read, in bytes (`maxResponseSize`). */
  maxSize: number;
  backoff: Required<Backoff>;
  maxRetryAfter: number;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  onFailure?: ((info: FailureInfo) => void) | undefined;
}

/** One call's settings; the transport writes back how many attempts it made. */
export interface CallSettings {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Whether sending the request twice is harmless (the operation's own, or the call's `idempotent`; absent: no). */
  idempotent?: boolean | undefined;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
  attempts?: number;
}

/**
 * Sends each attempt with its own timeout, reads the whole body within it, retries what the policy allows, and
 * turns failures into SDK errors. Nothing it starts (timer, listener, request) outlives the call.
 *
 * Every call pays for this, so an attempt creates only what can act: one AbortController, and a timer unless the
 * timeout is `Infinity`; a listener on the caller's signal only when there is one. The path for errors and logs
 * is worked out only when one is made.
 */
export function createTransport(config: TransportConfig): Transport {
  return async (url, init, settings) => {
    const { method } = init;
    const userSignal = settings.signal;
    const timeout = settings.timeout ?? config.timeout;
    const fetch = config.fetch ?? globalThis.fetch;
    const path = () => relativePath(url, config.basePath);
    const aborted = (attempts: number, cause?: unknown) =>
      new APIUserAbortError({ method, path: path(), attempts, cause: cause ?? userSignal?.reason });

    for (let attempt = 1; ; attempt++) {
      settings.attempts = attempt;
      if (userSignal?.aborted) throw aborted(attempt);

      // One controller per attempt, aborted by the timeout or the caller. The listener on the caller's own signal
      // (not a copy of it) keeps the attempt's signal reachable while the request is in flight: a fetch that
      // follows a signal only weakly (undici does) must not lose an abort to garbage collection.
      const controller = new AbortController();
      const stop = new Stop();
      const onAbort = () => stop.now(controller, userSignal?.reason);
      userSignal?.addEventListener("abort", onAbort);
      let timedOut = false;
      const timer =
        timeout === Infinity
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              stop.now(controller, new DOMException(`timed out after ${timeout} ms`, "TimeoutError"));
            }, timeout);

      let outcome: AttemptOutcome;
      let reply: Reply | undefined;
      let failure: unknown;
      let received: Response | undefined;
      // What no retry can mend (a redirect loop, a body this runtime cannot decode), said as it is.
      let unusable: string | undefined;
      try {
        // Both waits end when the attempt is stopped, whether or not the fetch honours its signal: a fetch that
        // ignores the signal, or loses it (a Request made of `init` follows `init.signal` only weakly, so garbage
        // collection can cut the link), must not hold the call past its timeout or the caller's abort.
        received = await stop.race(fetch(url, { ...init, signal: controller.signal }));
        // Read the body within the attempt, so the timeout covers a slow or stalled body too.
        const body = await stop.race(readBody(received, config.maxSize));
        const { status, headers } = received;
        reply = { status, statusText: received.statusText, headers, body };
        if (status >= 200 && status < 300) return reply;
        outcome = { kind: "response", status, headers };
      } catch (error) {
        if (userSignal?.aborted) throw aborted(attempt, error);
        failure = error;
        unusable = timedOut ? undefined : unmendable(error, received?.headers.get("content-encoding"));
        outcome = timedOut
          ? { kind: "timeout" }
          : {
              kind: "connection",
              notSent: neverSent(error),
              final: !!unusable || (error as { retryable?: unknown } | null)?.retryable === false,
            };
      } finally {
        clearTimeout(timer);
        userSignal?.removeEventListener("abort", onAbort);
      }

      const decision = decide(outcome, {
        idempotent: settings.idempotent,
        attempt,
        maxRetries: settings.maxRetries ?? config.maxRetries,
        backoff: config.backoff,
        maxRetryAfter: config.maxRetryAfter,
      });
      const { reason } = decision;
      if (!decision.retry) {
        if (reply) return reply;
        config.onFailure?.({ method, path: path(), attempt, reason: unusable ?? reason });
        throw timedOut
          ? new APIConnectionTimeoutError({ method, path: path(), attempts: attempt, timeout })
          : new APIConnectionError(
              { method, path: path(), attempts: attempt, cause: failure },
              unusable && `${method} ${url}: ${unusable}.`,
            );
      }
      const info = { method, path: path(), attempt: attempt + 1, delay: decision.delay, reason };
      config.onRetry?.(info);
      // Waits, unless the caller aborts first; the timer never outlives the wait.
      await new Promise<void>((resolve, reject) => {
        const stopWaiting = () => {
          clearTimeout(wait);
          reject(aborted(attempt));
        };
        const wait = setTimeout(() => {
          userSignal?.removeEventListener("abort", stopWaiting);
          resolve();
        }, info.delay);
        userSignal?.addEventListener("abort", stopWaiting);
        if (userSignal?.aborted) stopWaiting();
      });
    }
  };
}

/**
 * How an attempt is stopped: `now` aborts its controller (which a fetch that honours it follows) and rejects the
 * wait in progress with the same reason (for one that does not). The transport calls `now` itself, from its timer
 * and its listener on the caller's signal, so no listener on the attempt's own signal is needed.
 */
class Stop {
  private reason: unknown;
  private stopped = false;
  private reject: ((reason: unknown) => void) | undefined;

  now(controller: AbortController, reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.reason = reason;
    controller.abort(reason);
    this.reject?.(reason);
  }

  /** `promise`, or a rejection with the stop's reason as soon as the attempt is stopped (`promise` is left to settle). */
  race<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.stopped) reject(this.reason);
      this.reject = reject;
      promise.then(resolve, reject);
    });
  }
}

/**
 * Why a failed attempt cannot succeed when sent again, if it says: an error in the cause chain with
 * `retryable: false` and a `reason` (the client's own body limit, the Node client's fetch) is taken at its word;
 * undici's fetch says a redirect loop, or a body that is not what its `encoding` says, only in its messages and
 * codes.
 */
function unmendable(error: unknown, encoding: string | null | undefined): string | undefined {
  for (let e = error as Unmendable | undefined, depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.retryable === false && typeof e.reason === "string") return e.reason;
    const why = /redirect count exceeded| (Z_|ERR__ERROR_)/.exec(`${e.message} ${e.code}`);
    if (why) return why[1] ? undecodable(encoding ?? "its Content-Encoding says") : "too many redirects";
  }
}

type Unmendable = { message?: unknown; code?: unknown; cause?: unknown; retryable?: unknown; reason?: unknown };

/**
 * The body as text, read up to `max` bytes: past that, the stream is cancelled (nothing more is received) and the
 * body refused. A `Response` with no stream (a fetch that read the body itself) gives its text.
 */
async function readBody(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return response.text();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.length;
    if (size > max) {
      reader.cancel().catch(() => undefined);
      const reason = `the response body is over ${max} bytes, the client's maxResponseSize; raise it to read such a body`;
      throw Object.assign(new Error(reason), { retryable: false, reason });
    }
    text += decoder.decode(part.value, { stream: true });
  }
  return text + decoder.decode();
}

/** `/v1/jobs/x?y=1` under base path `/v1` → `/jobs/x`: how errors and logs name a request, without its query. */
export function relativePath(url: string, basePath: string): string {
  const { pathname } = new URL(url);
  return pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
}
