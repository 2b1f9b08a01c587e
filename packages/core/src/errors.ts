import type { ErrorsBody, Job } from "./types.js";

/** What every error about a request carries. */
interface RequestInfo {
  /** HTTP method of the request, e.g. `POST`. */
  method: string;
  /** Path of the request relative to the base URL, e.g. `/jobs/us_jb_123/complete`. */
  path: string;
  /** How many times the request was sent (1 when it was not retried). */
  attempts?: number | undefined;
}

/** Base class of every error this SDK throws. */
export class JobsError extends Error {
  /** The class's name, kept through minification and across copies of the package. */
  static readonly kind: string = "JobsError";

  // `instanceof` compares kinds along the value's prototype chain, so that it also holds for an error thrown by
  // another copy of this package (its CommonJS build next to the ESM one, or two versions). A class of the
  // caller's own, which declares no kind, is compared by identity as usual: it inherits its parent's kind, and
  // an error of the parent class must not pass for one of it.
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof`
    const target = this as typeof JobsError;
    if (!Object.hasOwn(target, "kind")) return Function.prototype[Symbol.hasInstance].call(target, value);
    for (let p = value; p != null; p = Object.getPrototypeOf(p)) {
      const ctor = (p as { constructor?: { kind?: unknown } }).constructor;
      if (ctor && Object.hasOwn(ctor, "kind") && ctor.kind === target.kind) return true;
    }
    return false;
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = Object.hasOwn(new.target, "kind") ? new.target.kind : new.target.name;
  }

  /** A plain object for logs: name, message and the error's fields; never headers, never the token. */
  toJSON(): Record<string, unknown> {
    const { headers: _headers, ...fields } = this as unknown as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

/** A method was called with an argument that cannot be sent (for example an empty job id). Nothing was sent. */
export class InvalidArgumentError extends JobsError {
  static override readonly kind: string = "InvalidArgumentError";
}

/**
 * The request never got a complete response: DNS failure, refused or reset connection, TLS error. Also, not
 * retried and said as such, an answer that no retry can mend: too many redirects, or a body in a
 * `Content-Encoding` this runtime cannot decode.
 */
export class APIConnectionError extends JobsError {
  static override readonly kind: string = "APIConnectionError";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly attempts: number;

  constructor(info: RequestInfo & { cause?: unknown }, message?: string) {
    // A failure the fetch marks as final (a closed client, a proxy refusing its credentials) says itself what to
    // fix; only the others point at the URL and the network.
    const final = (info.cause as { retryable?: unknown } | null)?.retryable === false;
    super(
      message ??
        `Could not reach the Jobs API (${where(info)}): ${describeCause(info.cause)}${final ? "." : ". Check the base URL and the network."}`,
      { cause: info.cause },
    );
    assignRequest(this, info);
  }
}

/** Each attempt of the request ran out of time (the `timeout` option, per attempt). */
export class APIConnectionTimeoutError extends APIConnectionError {
  static override readonly kind: string = "APIConnectionTimeoutError";
  /** The per-attempt timeout that ran out, in milliseconds. */
  declare readonly timeout: number;

  constructor(info: RequestInfo & { timeout: number }) {
    super(
      info,
      `No answer to ${where(info)} within ${info.timeout} ms; raise the \`timeout\` option or check the network.`,
    );
    Object.assign(this, { timeout: info.timeout });
  }
}

/** The caller aborted the request through its `signal`. It is never retried. */
export class APIUserAbortError extends APIConnectionError {
  static override readonly kind: string = "APIUserAbortError";

  constructor(info: RequestInfo & { cause?: unknown }) {
    super(info, `Request aborted by the caller (${info.method} ${info.path}).`);
  }
}

/** The server answered with a success status but a body that is not the JSON object the spec promises. */
export class InvalidResponseError extends JobsError {
  static override readonly kind: string = "InvalidResponseError";
  declare readonly status: number;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly attempts: number;
  declare readonly headers: Headers;
  /** The request id the server sent (`x-request-id`), if any. */
  declare readonly requestId: string | undefined;
  /** The start of the body as received (at most 500 characters). */
  declare readonly bodySnippet: string;

  constructor(info: RequestInfo & { status: number; body: string; reason: string; headers: Headers }) {
    const snippet = snippetOf(info.body);
    super(
      `${info.status} to ${where(info)}, but ${info.reason}${snippet ? `: ${quote(snippet)}` : ""}. A proxy may be answering instead of the API; check the base URL.`,
    );
    assignResponse(this, info);
    Object.assign(this, { bodySnippet: snippet });
  }
}

const HINTS: Record<number, string> = {
  401: "check that the token is valid and not expired",
  403: "the token may not access this job or environment",
  409: "the job's status does not allow this; get the job to see it",
  429: "too many requests; wait before trying again",
};

export interface APIErrorInfo extends RequestInfo {
  status: number;
  /** The response body: parsed JSON, text, or undefined when there was none. */
  error: unknown;
  headers: Headers;
  /** When the server asked to be retried, in milliseconds from when the answer arrived. */
  retryAfter?: number | undefined;
  /** The client's base URL and the call's job id, which a 404's hint names. */
  baseUrl?: string | undefined;
  jobId?: string | undefined;
}

/** The server answered with an error status (4xx or 5xx). */
export class APIError extends JobsError {
  static override readonly kind: string = "APIError";
  /** HTTP status code. */
  declare readonly status: number;
  /** The error body: the parsed `Errors` object when the server sent one, a bounded text snippet otherwise. */
  declare readonly error: ErrorsBody | string | undefined;
  /** Response headers. */
  declare readonly headers: Headers;
  declare readonly method: string;
  declare readonly path: string;
  /** How many times the request was sent. */
  declare readonly attempts: number;
  /** The request id the server sent (`x-request-id`), for support requests. */
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait before a new try (`Retry-After`), in milliseconds. */
  declare readonly retryAfter: number | undefined;

  constructor(info: APIErrorInfo) {
    const { status, retryAfter } = info;
    const error = normaliseErrorBody(info.error);
    const detail =
      typeof error === "object"
        ? error.errors.map((e) => (e.key ? `${e.key}: ${e.message}` : e.message)).join("; ")
        : error
          ? quote(error)
          : "no error details in the response";
    const hint =
      retryAfter === undefined
        ? status === 404
          ? notFoundHint(info)
          : (HINTS[status] ?? (status >= 500 ? "the server failed; try again later" : undefined))
        : `the server asks to retry after ${Math.ceil(retryAfter / 1000)} s (at ${new Date(Date.now() + retryAfter).toISOString()})`;
    super(`${status} ${detail} (${where(info)})${hint ? ` — ${hint}` : ""}`);
    assignResponse(this, info);
    Object.assign(this, { error, retryAfter });
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
/** 429: too many requests. `retryAfter` says when to come back, when the server said so. */
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

/**
 * Why a 404 may have happened. The API's paths are under `/v1`: a base URL that lacks it (a platform URL given as
 * `baseUrl`) makes every call a 404, so that is named first. Otherwise a call on a job most likely names a job
 * that does not exist here (a wrong id, or one of another region); a call without one, a wrong base URL.
 */
function notFoundHint({ baseUrl, jobId, path }: APIErrorInfo): string {
  if (baseUrl === undefined) return "check the job id and the base URL";
  const url = `${baseUrl}${path}`;
  if (!/\/v1$/.test(new URL(baseUrl).pathname)) {
    return `${url} does not exist: the base URL ${baseUrl} should end in /v1, where the API's paths are (e.g. https://platform.flatfile.com/api/v1)`;
  }
  return jobId === undefined
    ? `${url} does not exist; check the base URL`
    : `check the job id, and that the base URL ${baseUrl} is the job's region`;
}

/** Why a body could not be read: its `Content-Encoding` (`coding`) is one this runtime cannot decode. */
export function undecodable(coding: string): string {
  return `the server answered with a body encoded as ${coding}, which this runtime cannot decode`;
}

/** `GET /jobs, 3 attempts` */
function where(info: RequestInfo): string {
  return `${info.method} ${info.path}${attemptsNote(info.attempts)}`;
}

function attemptsNote(attempts: number | undefined): string {
  return attempts && attempts > 1 ? `, ${attempts} attempts` : "";
}

function assignRequest(error: JobsError, info: RequestInfo): void {
  Object.assign(error, { method: info.method, path: info.path, attempts: info.attempts ?? 1 });
}

function assignResponse(error: JobsError, info: RequestInfo & { status: number; headers: Headers }): void {
  assignRequest(error, info);
  Object.assign(error, {
    status: info.status,
    headers: info.headers,
    requestId: info.headers.get("x-request-id") ?? info.headers.get("request-id") ?? undefined,
  });
}

/** At most 120 characters of a body, quoted, for a message. */
function quote(text: string): string {
  return JSON.stringify(text.slice(0, 120));
}

function normaliseErrorBody(body: unknown): ErrorsBody | string | undefined {
  if (body === undefined || body === null || body === "") return undefined;
  if (typeof body === "string") return snippetOf(body);
  const errors = (body as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.every((e) => typeof e?.message === "string")) return body as ErrorsBody;
  // JSON, but not the documented shape: keep it readable without keeping it whole.
  return snippetOf(JSON.stringify(body));
}

/** The first 500 characters of a body. */
function snippetOf(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** `fetch failed (ECONNREFUSED)`, `fetch failed (bad port)`: fetch's own message says little without its cause. */
function describeCause(cause: unknown): string {
  const {
    message = String(cause),
    code,
    cause: inner,
  } = (cause ?? {}) as { message?: string; code?: unknown; cause?: Error & { code?: unknown } };
  const detail = inner?.code ?? code ?? inner?.message;
  return typeof detail === "string" && !message.includes(detail) ? `${message} (${detail})` : message;
}

/** `jobs.waitFor`: the job ended with status `failed`. */
export class JobFailedError extends JobsError {
  static override readonly kind: string = "JobFailedError";
  declare readonly jobId: string;
  /** The job as last seen. */
  declare readonly job: Job;
  /** The job's `info` text, often the reason it failed. */
  declare readonly info: string | undefined;
  /** The job's `outcome` map. */
  declare readonly outcome: Job["outcome"];

  constructor({ jobId, job }: { jobId: string; job: Job }) {
    super(`Job ${jobId} failed${job.info ? `: ${job.info}` : ""}.`);
    Object.assign(this, { jobId, job, info: job.info, outcome: job.outcome });
  }
}

/** `jobs.waitFor`: the job was canceled. */
export class JobCanceledError extends JobsError {
  static override readonly kind: string = "JobCanceledError";
  declare readonly jobId: string;
  declare readonly job: Job;
  declare readonly info: string | undefined;

  constructor({ jobId, job }: { jobId: string; job: Job }) {
    super(`Job ${jobId} was canceled${job.info ? `: ${job.info}` : ""}.`);
    Object.assign(this, { jobId, job, info: job.info });
  }
}

/** `jobs.waitFor`: the job was still running at the deadline. The job itself is not touched. */
export class JobWaitTimeoutError extends JobsError {
  static override readonly kind: string = "JobWaitTimeoutError";
  declare readonly jobId: string;
  /** The job as last seen, if it was seen at all. */
  declare readonly job: Job | undefined;
  /** The `maxWait` that ran out, in milliseconds. */
  declare readonly maxWait: number;

  constructor({ jobId, job, maxWait }: { jobId: string; job: Job | undefined; maxWait: number }) {
    const state = job
      ? `still ${job.status ?? "running"}${job.progress === undefined ? "" : ` at ${job.progress}%`}`
      : "not seen yet";
    super(
      `Job ${jobId} did not finish within ${maxWait} ms (${state}). It keeps running; wait again or raise \`maxWait\`.`,
    );
    Object.assign(this, { jobId, job, maxWait });
  }
}
