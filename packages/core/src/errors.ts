import type { ErrorsBody, Job } from "./types.js";

/** Longest piece of a non-JSON body kept on an error, in characters. */
const SNIPPET_LENGTH = 500;

// Every error records the kinds of its class chain under a global symbol, so `instanceof` also holds for an
// error thrown by another copy of this package (its CommonJS build next to the ESM one, or two versions).
const KINDS = Symbol.for("@flatfile-jobs/error-kinds");

/** What every error about a request carries. */
interface RequestInfo {
  /** HTTP method of the request, e.g. `POST`. */
  method: string;
  /** Path of the request relative to the base URL, e.g. `/jobs/us_jb_123/complete`. */
  path: string;
  /** How many times the request was sent (1 when it was not retried). */
  attempts?: number;
}

/** Base class of every error this SDK throws. */
export class JobsError extends Error {
  /** The class's name, kept through minification and across copies of the package. */
  static readonly kind: string = "JobsError";

  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof` (a subclass inherits this method).
    // biome-ignore lint/complexity/noThisInStatic: the checked class, not JobsError
    const checked = this as typeof JobsError;
    if (Function.prototype[Symbol.hasInstance].call(checked, value)) return true;
    const kinds = (value as { [KINDS]?: unknown } | null | undefined)?.[KINDS];
    return Array.isArray(kinds) && kinds.includes(checked.kind);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let c = new.target as typeof JobsError | undefined; c && Object.hasOwn(c, "kind"); ) {
      kinds.push(c.kind);
      c = Object.getPrototypeOf(c);
    }
    this.name = kinds[0] ?? "JobsError";
    Object.defineProperty(this, KINDS, { value: kinds });
  }
}

/** A method was called with an argument that cannot be sent (for example an empty job id). Nothing was sent. */
export class InvalidArgumentError extends JobsError {
  static override readonly kind: string = "InvalidArgumentError";
}

/** The request never got a complete response: DNS failure, refused or reset connection, TLS error. */
export class APIConnectionError extends JobsError {
  static override readonly kind: string = "APIConnectionError";
  readonly method: string;
  readonly path: string;
  readonly attempts: number;

  constructor(info: RequestInfo & { cause?: unknown; message?: string }) {
    super(
      info.message ??
        `Could not reach the Jobs API (${info.method} ${info.path}${attemptsNote(info.attempts)}): ${describeCause(info.cause)}. Check the base URL and your network connection.`,
      { cause: info.cause },
    );
    this.method = info.method;
    this.path = info.path;
    this.attempts = info.attempts ?? 1;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, method: this.method, path: this.path, attempts: this.attempts };
  }
}

/** Each attempt of the request ran out of time (the `timeout` option, per attempt). */
export class APIConnectionTimeoutError extends APIConnectionError {
  static override readonly kind: string = "APIConnectionTimeoutError";
  /** The per-attempt timeout that ran out, in milliseconds. */
  readonly timeout: number;

  constructor(info: RequestInfo & { timeout: number }) {
    super({
      ...info,
      message: `The Jobs API did not answer ${info.method} ${info.path} within ${info.timeout} ms${attemptsNote(info.attempts)}. Raise the \`timeout\` option if the operation is slow, or check the network.`,
    });
    this.timeout = info.timeout;
  }
}

/** The caller aborted the request through its `signal`. It is never retried. */
export class APIUserAbortError extends APIConnectionError {
  static override readonly kind: string = "APIUserAbortError";

  constructor(info: RequestInfo & { cause?: unknown }) {
    super({ ...info, message: `Request aborted by the caller (${info.method} ${info.path}).` });
  }
}

/** The server answered with a success status but a body that is not the JSON object the spec promises. */
export class InvalidResponseError extends JobsError {
  static override readonly kind: string = "InvalidResponseError";
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly headers: Headers;
  /** The request id the server sent (`x-request-id`), if any. */
  readonly requestId: string | undefined;
  /** The start of the body as received (at most 500 characters). */
  readonly bodySnippet: string;

  constructor(info: RequestInfo & { status: number; body: string; reason: string; headers?: Headers }) {
    const snippet = snippetOf(info.body);
    super(
      `The Jobs API answered ${info.status} to ${info.method} ${info.path} but ${info.reason}` +
        (snippet ? `: ${JSON.stringify(snippet.slice(0, 120))}` : "") +
        ". A proxy or gateway may be answering instead of the API; check the base URL.",
    );
    this.status = info.status;
    this.method = info.method;
    this.path = info.path;
    this.attempts = info.attempts ?? 1;
    this.headers = info.headers ?? new Headers();
    this.requestId = requestIdOf(this.headers);
    this.bodySnippet = snippet;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      requestId: this.requestId,
      bodySnippet: this.bodySnippet,
    };
  }
}

const HINTS: Record<number, string> = {
  400: "the request was rejected as invalid; see the error details",
  401: "check that the API token is valid and not expired",
  403: "the token is valid but may not access this job or environment",
  404: "check the job id, and that the base URL points at the job's region",
  409: "the job is not in a state that allows this; get it and check its status",
  422: "the request was understood but its content was refused; see the error details",
};

export interface APIErrorInfo extends RequestInfo {
  status: number;
  /** The response body: parsed JSON, text, or undefined when there was none. */
  error: unknown;
  headers: Headers;
  /** When the server asked to be retried, in milliseconds from when the answer arrived. */
  retryAfterMs?: number | undefined;
}

/** The server answered with an error status (4xx or 5xx). */
export class APIError extends JobsError {
  static override readonly kind: string = "APIError";
  /** HTTP status code. */
  readonly status: number;
  /** The error body: the parsed `Errors` object when the server sent one, a bounded text snippet otherwise. */
  readonly error: ErrorsBody | string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  readonly method: string;
  readonly path: string;
  /** How many times the request was sent. */
  readonly attempts: number;
  /** The request id the server sent (`x-request-id`), for support requests. */
  readonly requestId: string | undefined;
  /** How long the server asked to wait before a new try (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(info: APIErrorInfo) {
    const error = normaliseErrorBody(info.error);
    super(describeAPIError(info.status, error, info));
    this.status = info.status;
    this.error = error;
    this.headers = info.headers;
    this.method = info.method;
    this.path = info.path;
    this.attempts = info.attempts ?? 1;
    this.requestId = requestIdOf(info.headers);
    this.retryAfterMs = info.retryAfterMs;
  }

  /** The error class for a status: `NotFoundError` for 404, `InternalServerError` for any 5xx, and so on. */
  static from(info: APIErrorInfo): APIError {
    const ErrorClass = info.status >= 500 ? InternalServerError : (STATUS_CLASSES[info.status] ?? APIError);
    return new ErrorClass(info);
  }

  /** The `message`s of the `Errors` body, if the server sent one. */
  get messages(): string[] {
    return typeof this.error === "object" ? this.error.errors.map((e) => e.message) : [];
  }

  /** A plain object for logs: status, body and request id; no headers, never the token. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      error: this.error,
    };
  }
}

/** 400: the request does not match what the API accepts. */
export class BadRequestError extends APIError {
  static override readonly kind: string = "BadRequestError";
}
/** 401: the token is missing, invalid or expired. */
export class AuthenticationError extends APIError {
  static override readonly kind: string = "AuthenticationError";
}
/** 403: the token may not do this. */
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = "PermissionDeniedError";
}
/** 404: no such job (or it lives in another region or environment). */
export class NotFoundError extends APIError {
  static override readonly kind: string = "NotFoundError";
}
/** 409: the job's state does not allow the operation. */
export class ConflictError extends APIError {
  static override readonly kind: string = "ConflictError";
}
/** 422: the request was understood but refused. */
export class UnprocessableEntityError extends APIError {
  static override readonly kind: string = "UnprocessableEntityError";
}
/** 429: too many requests. `retryAfterMs` says when to come back, when the server said so. */
export class RateLimitError extends APIError {
  static override readonly kind: string = "RateLimitError";
}
/** 500 and above: the server failed. */
export class InternalServerError extends APIError {
  static override readonly kind: string = "InternalServerError";
}

const STATUS_CLASSES: Record<number, new (info: APIErrorInfo) => APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function describeAPIError(status: number, error: ErrorsBody | string | undefined, info: APIErrorInfo): string {
  let detail: string;
  if (typeof error === "object") {
    detail = error.errors.map((e) => (e.key ? `${e.key}: ${e.message}` : e.message)).join("; ");
  } else if (typeof error === "string") {
    detail = JSON.stringify(error.slice(0, 120));
  } else {
    detail = "no error details in the response";
  }
  let hint = HINTS[status] ?? (status >= 500 ? "the server failed; try again later" : undefined);
  if (info.retryAfterMs !== undefined) {
    const at = new Date(Date.now() + info.retryAfterMs).toISOString();
    hint = `the server asks to retry after ${Math.ceil(info.retryAfterMs / 1000)} s (at ${at})`;
  } else if (status === 429) {
    hint = "too many requests; wait before trying again";
  }
  return `${status} ${detail} (${info.method} ${info.path}${attemptsNote(info.attempts)})${hint ? ` — ${hint}` : ""}`;
}

function attemptsNote(attempts: number | undefined): string {
  return attempts && attempts > 1 ? `, ${attempts} attempts` : "";
}

function normaliseErrorBody(body: unknown): ErrorsBody | string | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "string") return snippetOf(body);
  if (isErrorsBody(body)) return body;
  // JSON, but not the documented shape: keep it readable without keeping it whole.
  return snippetOf(JSON.stringify(body));
}

function isErrorsBody(body: unknown): body is ErrorsBody {
  if (typeof body !== "object" || body === null) return false;
  const errors = (body as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.every((e) => typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string")
  );
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

function snippetOf(text: string): string {
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

/** `fetch failed (ECONNREFUSED)`, `fetch failed (bad port)`: fetch's own message says little without its cause. */
function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause as { code?: unknown; message?: unknown } | undefined;
  const code = inner?.code ?? (cause as { code?: unknown }).code;
  const detail = typeof code === "string" ? code : typeof inner?.message === "string" ? inner.message : undefined;
  return detail && !cause.message.includes(detail) ? `${cause.message} (${detail})` : cause.message;
}

/** What `jobs.waitFor` knows about the job when it stops waiting. */
interface JobEndInfo {
  jobId: string;
  job: Job;
}

/** `jobs.waitFor`: the job ended with status `failed`. */
export class JobFailedError extends JobsError {
  static override readonly kind: string = "JobFailedError";
  readonly jobId: string;
  /** The job as last seen. */
  readonly job: Job;
  /** The job's `info` text, often the reason it failed. */
  readonly info: string | undefined;
  /** The job's `outcome` map. */
  readonly outcome: Job["outcome"];

  constructor({ jobId, job }: JobEndInfo) {
    super(`Job ${jobId} failed${job.info ? `: ${job.info}` : ""}.`);
    this.jobId = jobId;
    this.job = job;
    this.info = job.info;
    this.outcome = job.outcome;
  }
}

/** `jobs.waitFor`: the job was canceled. */
export class JobCanceledError extends JobsError {
  static override readonly kind: string = "JobCanceledError";
  readonly jobId: string;
  readonly job: Job;
  readonly info: string | undefined;

  constructor({ jobId, job }: JobEndInfo) {
    super(`Job ${jobId} was canceled${job.info ? `: ${job.info}` : ""}.`);
    this.jobId = jobId;
    this.job = job;
    this.info = job.info;
  }
}

/** `jobs.waitFor`: the job was still running at the deadline. The job itself is not touched. */
export class JobWaitTimeoutError extends JobsError {
  static override readonly kind: string = "JobWaitTimeoutError";
  readonly jobId: string;
  /** The job as last seen, if it was seen at all. */
  readonly job: Job | undefined;
  readonly timeout: number;

  constructor({ jobId, job, timeout }: { jobId: string; job: Job | undefined; timeout: number }) {
    const state = job
      ? `still ${job.status ?? "running"}${job.progress === undefined ? "" : ` at ${job.progress}%`}`
      : "not seen yet";
    super(
      `Job ${jobId} did not finish within ${timeout} ms (${state}). It keeps running; wait again or raise \`timeout\`.`,
    );
    this.jobId = jobId;
    this.job = job;
    this.timeout = timeout;
  }
}
