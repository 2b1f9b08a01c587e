import { APIError, InvalidArgumentError, InvalidResponseError, JobsError } from "../errors.js";
import type { paths } from "../generated/schema.js";
import type { RequestOptions } from "../operations.js";
import { assertJobId } from "./job-id.js";
import { parseRetryAfter } from "./retry-policy.js";
import type { Send, SendResult } from "./send.js";
import type { CallSettings, FetchLike } from "./transport.js";

/** Where a client keeps its `Call`; global, so an operation from another copy of the package finds it too. */
export const CALL: unique symbol = Symbol.for("@flatfile-jobs/call") as never;

/** Query and body of one operation. */
export interface CallParams {
  query?: object | undefined;
  body?: unknown;
}

/**
 * Sends one operation: `path` is the spec's path (`/jobs/{jobId}/ack`), `jobId` fills it in. Resolves to the
 * operation's 200 body, parsed, or rejects with the `JobsError` that fits.
 */
export type Call = (
  method: string,
  path: keyof paths,
  jobId: string | undefined,
  params: CallParams,
  options: RequestOptions | undefined,
) => Promise<never>;

/**
 * The `Call` of a client: `send` builds each request (path, query, JSON body) and the transport sends it. Bodies are read as text and parsed here, so a broken reply (HTML from a proxy, an empty or
 * truncated body) becomes an `InvalidResponseError` that shows what arrived, not a bare `SyntaxError`.
 */
export function createCall(send: Send, transport: (settings: CallSettings) => FetchLike, secret: string): Call {
  return async (method, template, jobId, { query, body }, options = {}) => {
    if (template.includes("{")) assertJobId(jobId);
    // The request as errors name it, e.g. `/jobs/us_jb_1/ack`.
    const path = template.replace("{jobId}", encodeURIComponent(jobId as string));
    const signal = options.signal ?? options.abortSignal;
    const settings: CallSettings = {
      timeout: options.timeout ?? (options.timeoutInSeconds && options.timeoutInSeconds * 1000),
      maxRetries: options.maxRetries,
      retry: options.retry,
      signal,
    };
    let result: SendResult;
    try {
      result = await send(method, template, path, {
        signal,
        headers: options.headers,
        fetch: transport(settings),
        params: { path: { jobId }, query },
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
    // in a body or header that ends up in messages and logs; it is replaced wherever it appears.
    let headers = response.headers;
    if ([...headers].some(([, value]) => value.includes(secret))) {
      headers = new Headers(
        [...headers].map(([name, value]) => [name, value.includes(secret) ? "[redacted]" : value] as [string, string]),
      );
    }
    if (!ok) {
      throw APIError.from({
        status,
        error: redactDeep(error, secret),
        headers,
        method,
        path,
        attempts,
        retryAfterMs: parseRetryAfter(headers, Date.now()),
      });
    }
    const text = typeof data === "string" ? data : "";
    const invalid = (reason: string) =>
      new InvalidResponseError({ status, method, path, attempts, headers, body: redactDeep(text, secret), reason });
    if (!text.trim()) throw invalid("the body is empty");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalid("the body is not JSON");
    }
    if (typeof parsed !== "object" || !parsed || Array.isArray(parsed)) throw invalid("the body is not a JSON object");
    return parsed as never;
  };
}

/** The value with every occurrence of the token in its strings, at any depth, replaced. */
function redactDeep<V>(value: V, secret: string): V {
  const scrub = (_key: string, v: unknown) => (typeof v === "string" ? v.split(secret).join("[redacted]") : v);
  return value && typeof value === "object" ? JSON.parse(JSON.stringify(value), scrub) : (scrub("", value) as V);
}
