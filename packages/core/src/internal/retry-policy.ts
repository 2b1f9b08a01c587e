import type { Backoff } from "../contracts.js";

/**
 * When a failed attempt is sent again, and after how long. Kept apart from the transport so the rules can be
 * read (and tested) on their own; the README's policy table describes the same rules.
 */

/** Statuses that mean "try again": timeouts, rate limits and transient server failures. */
const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/** Connection failures in which the request provably never reached the server. */
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"];

/** What happened to one attempt, as far as the retry decision is concerned. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Headers }
  | { kind: "timeout" }
  /** `final`: the fetch said retrying cannot help (it threw an error with `retryable: false`). */
  | { kind: "connection"; notSent: boolean; final?: boolean };

export type Decision = { retry: true; delay: number; reason: string } | { retry: false; reason: string };

export interface RetryContext {
  /** Whether sending the request twice is harmless: the operation's own, or the call's `idempotent` (absent: no). */
  idempotent?: boolean | undefined;
  /** The attempt that just failed, from 1. */
  attempt: number;
  maxRetries: number;
  backoff: Required<Backoff>;
  /** A `Retry-After` longer than this fails at once instead of waiting. */
  maxRetryAfter: number;
  random?: () => number;
}

export function decide(outcome: AttemptOutcome, ctx: RetryContext): Decision {
  const status = outcome.kind === "response" ? outcome.status : 0;
  const retryAfter = outcome.kind === "response" ? parseRetryAfter(outcome.headers, Date.now()) : undefined;
  const reason =
    outcome.kind === "response"
      ? `status ${status}`
      : outcome.kind === "timeout"
        ? "timeout"
        : `connection ${outcome.notSent ? "refused" : "error"}`;
  // Whether the failed attempt provably left the server untouched, which makes even a non-idempotent request
  // safe to send again: the connection was refused or the host was not found, a 408 (the server gave up
  // waiting for the request), a 429 (the API rejects rate-limited requests before doing anything), or a 503
  // that says when to come back (load shed).
  const notProcessed =
    outcome.kind === "connection"
      ? outcome.notSent
      : status === 408 || status === 429 || (status === 503 && retryAfter !== undefined);
  if (
    (status && !RETRYABLE_STATUSES.includes(status)) ||
    (outcome.kind === "connection" && outcome.final) ||
    ctx.attempt > ctx.maxRetries ||
    (retryAfter ?? 0) > ctx.maxRetryAfter
  ) {
    return { retry: false, reason };
  }
  if (!(ctx.idempotent || notProcessed)) {
    return { retry: false, reason: `${reason}; not retried, the request may have been processed` };
  }
  return {
    retry: true,
    delay: retryAfter ?? backoffDelay(ctx.attempt, ctx.backoff, ctx.random ?? Math.random),
    reason,
  };
}

/** Exponential backoff, capped, with up to 25% jitter taken off so that many clients do not retry in step. */
export function backoffDelay(attempt: number, backoff: Required<Backoff>, random: () => number): number {
  const base = Math.min(backoff.initialDelay * 2 ** (attempt - 1), backoff.maxDelay);
  return Math.round(base * (1 - 0.25 * random()));
}

/** `retry-after-ms` (milliseconds), else `Retry-After` in seconds or as an HTTP date; undefined if neither parses. */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether a fetch failure's cause chain shows the request was never sent. */
export function neverSent(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (NOT_SENT_CODES.includes(e.code as string)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
