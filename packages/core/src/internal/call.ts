import type { Call, Operation, RequestOptions } from "../contracts.js";
import { APIError, InvalidArgumentError, InvalidResponseError, JobsError } from "../errors.js";
import * as check from "./check.js";
import { pathParam } from "./job-id.js";
import { redactDeep, redactHeaders } from "./redact.js";
import { parseRetryAfter } from "./retry-policy.js";
import type { Send } from "./send.js";
import type { CallSettings } from "./transport.js";

/** Each option of a call, and its check. */
const REQUEST_OPTIONS: Record<keyof RequestOptions, (name: string, value: unknown) => unknown> = {
  signal: check.signal,
  timeout: (name, value) => check.duration(name, value, 1, true),
  maxRetries: (name, value) => check.count(name, value, 0),
  idempotent: (name, value) => check.type(name, value, "boolean"),
  headers: check.headers,
};
export const REQUEST_OPTION_NAMES = Object.keys(REQUEST_OPTIONS) as (keyof RequestOptions)[];

/** A call's options, checked: what `RequestOptions` promises, or an `InvalidArgumentError` before anything is sent. */
export function checkRequestOptions(options: RequestOptions | undefined): RequestOptions {
  const o = check.options("RequestOptions", options, REQUEST_OPTION_NAMES) ?? {};
  // The options given (check.options has refused any other), usually none.
  for (const name in o) {
    const value = o[name as keyof RequestOptions];
    if (value !== undefined) REQUEST_OPTIONS[name as keyof RequestOptions](name, value);
  }
  return o;
}

/**
 * The `Call` of a client: `send` builds each request (path, query, JSON body) and the transport sends it. Bodies
 * are read as text and parsed here, so a broken reply (HTML from a proxy, an empty or truncated body) becomes an
 * `InvalidResponseError` that shows what arrived, not a bare `SyntaxError`.
 */
export function createCall(send: Send, secret: string, baseUrl: string): Call {
  return (async (operation: Operation, jobId: string | undefined, { path: others, query, body }, callOptions) => {
    const options = checkRequestOptions(callOptions);
    const { method, path: template } = operation;
    // The request as errors name it, e.g. `/jobs/us_jb_1/ack`: every parameter of the path checked before anything
    // is sent, and encoded. `params.path` has the parameters besides `{jobId}`, the job id; the operations that
    // have none (all but those Flatfile may add) take the quick way.
    const path = others
      ? template.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(pathParam(name, name === "jobId" ? jobId : others[name])),
        )
      : template.includes("{")
        ? template.replace("{jobId}", encodeURIComponent(pathParam("jobId", jobId)))
        : template;
    const settings: CallSettings = {
      timeout: options.timeout,
      maxRetries: options.maxRetries,
      idempotent: options.idempotent ?? operation.idempotent,
      signal: options.signal,
    };
    let result: Awaited<ReturnType<Send>>;
    try {
      result = await send(method, template, path, {
        signal: options.signal,
        headers: options.headers,
        settings,
        params: { path: others ? { ...others, jobId } : { jobId }, query },
        body,
      });
    } catch (error) {
      if (error instanceof JobsError) throw error;
      throw error instanceof URIError
        ? new InvalidArgumentError(
            `A parameter of ${method} ${path} cannot be encoded in a URL (unpaired UTF-16 surrogate).`,
          )
        : new JobsError(`Could not send ${method} ${path}: ${(error as Error)?.message ?? error}`, { cause: error });
    }
    const { data, error, response } = result;
    const { status, ok } = response;
    const attempts = settings.attempts;
    // A server or proxy that echoes the request (some debugging proxies print its headers) would put the token
    // in a body or header that ends up in messages and logs; it is replaced wherever it appears. A success gives
    // its headers to no one, so only failures are scanned. An error's headers are this realm's `Headers`,
    // whatever class the fetch answered with.
    const errorHeaders = () => redactHeaders(new Headers(response.headers), secret);
    if (!ok) {
      const headers = errorHeaders();
      throw APIError.from({
        status,
        error: redactDeep(error, secret),
        headers,
        method,
        path,
        attempts,
        retryAfter: parseRetryAfter(headers, Date.now()),
        baseUrl,
        jobId,
      });
    }
    const text = typeof data === "string" ? data : "";
    const invalid = (reason: string) =>
      new InvalidResponseError({
        status,
        method,
        path,
        attempts,
        headers: errorHeaders(),
        body: redactDeep(text, secret),
        reason,
      });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalid(text.trim() ? "the body is not JSON" : "the body is empty");
    }
    if (typeof parsed !== "object" || !parsed || Array.isArray(parsed)) throw invalid("the body is not a JSON object");
    return parsed;
  }) as Call;
}
