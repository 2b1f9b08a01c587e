import type { ErrorsBody } from "./types.js";

/** Longest piece of a non-JSON error body kept on an error, in characters. */
const SNIPPET_LENGTH = 500;

/** Base class of every error this SDK throws. */
export class JobsError extends Error {
  override readonly name: string = "JobsError";
}

/** A method was called with an argument that cannot be sent (for example an empty job id). Nothing was sent. */
export class InvalidArgumentError extends JobsError {
  override readonly name: string = "InvalidArgumentError";
}

interface RequestInfo {
  /** HTTP method of the request, e.g. `POST`. */
  method: string;
  /** Path of the request relative to the base URL, e.g. `/jobs/us_jb_123/complete`. */
  path: string;
}

/** The request never got a response: DNS failure, refused or reset connection, TLS error. */
export class APIConnectionError extends JobsError {
  override readonly name: string = "APIConnectionError";
  readonly method: string;
  readonly path: string;

  constructor(info: RequestInfo & { cause?: unknown; message?: string }) {
    super(
      info.message ??
        `Could not reach the Jobs API (${info.method} ${info.path}): ${describeCause(info.cause)}. Check the base URL and your network connection.`,
      { cause: info.cause },
    );
    this.method = info.method;
    this.path = info.path;
  }
}

/** The caller aborted the request through its `signal`. */
export class APIUserAbortError extends APIConnectionError {
  override readonly name: string = "APIUserAbortError";

  constructor(info: RequestInfo & { cause?: unknown }) {
    super({ ...info, message: `Request aborted by the caller (${info.method} ${info.path}).` });
  }
}

/** The server answered with a success status but a body that is not the JSON object the spec promises. */
export class InvalidResponseError extends JobsError {
  override readonly name: string = "InvalidResponseError";
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** The start of the body as received (at most 500 characters). */
  readonly bodySnippet: string;

  constructor(info: RequestInfo & { status: number; body: string; reason: string }) {
    const snippet = snippetOf(info.body);
    super(
      `The Jobs API answered ${info.status} to ${info.method} ${info.path} but ${info.reason}` +
        (snippet ? `: ${JSON.stringify(snippet.slice(0, 120))}` : "") +
        ". A proxy or gateway may be answering instead of the API; check the base URL.",
    );
    this.status = info.status;
    this.method = info.method;
    this.path = info.path;
    this.bodySnippet = snippet;
  }
}

const HINTS: Record<number, string> = {
  400: "the request was rejected as invalid; see the error details",
  401: "check that the API token is valid and not expired",
  403: "the token is valid but may not access this job or environment",
  404: "check the job id, and that the base URL points at the job's region",
  429: "too many requests; wait and try again",
};

/** The server answered with an error status (4xx or 5xx). */
export class APIError extends JobsError {
  override readonly name: string = "APIError";
  /** HTTP status code. */
  readonly status: number;
  /** The error body: the parsed `Errors` object when the server sent JSON, a bounded text snippet otherwise. */
  readonly error: ErrorsBody | string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  readonly method: string;
  readonly path: string;

  constructor(info: RequestInfo & { status: number; error: unknown; headers: Headers }) {
    const error = normaliseErrorBody(info.error);
    super(APIError.describe(info.status, error, info.method, info.path));
    this.status = info.status;
    this.error = error;
    this.headers = info.headers;
    this.method = info.method;
    this.path = info.path;
  }

  /** The `message`s of the `Errors` body, if the server sent one. */
  get messages(): string[] {
    return typeof this.error === "object" ? this.error.errors.map((e) => e.message) : [];
  }

  /** A plain object for logs: no headers beyond the request id, never the token. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      error: this.error,
    };
  }

  private static describe(
    status: number,
    error: ErrorsBody | string | undefined,
    method: string,
    path: string,
  ): string {
    let detail: string;
    if (typeof error === "object") {
      detail = error.errors.map((e) => (e.key ? `${e.key}: ${e.message}` : e.message)).join("; ");
    } else if (typeof error === "string") {
      detail = JSON.stringify(error.slice(0, 120));
    } else {
      detail = "no error details in the response";
    }
    const hint = HINTS[status] ?? (status >= 500 ? "the server failed; try again later" : undefined);
    return `${status} ${detail} (${method} ${path})${hint ? ` — ${hint}` : ""}`;
  }
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

function snippetOf(text: string): string {
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause.cause as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}
