import { APIError, InvalidArgumentError, InvalidResponseError, JobsError } from "../errors.js";
import { parseRetryAfter } from "./retry-policy.js";
import type { CallSettings } from "./transport.js";

/** What openapi-fetch resolves to when asked for `parseAs: "text"`. */
export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Awaits one openapi-fetch call and returns the operation's 200 body, or throws the SDK error that fits.
 * Bodies are read as text and parsed here, so a broken reply (HTML from a proxy, an empty or truncated
 * body) becomes an `InvalidResponseError` that shows what arrived, not a bare `SyntaxError`.
 */
export async function send<T>(
  request: { method: string; path: string; settings: CallSettings; secret: string },
  call: () => Promise<RawResult>,
): Promise<T> {
  const { method, path, settings, secret } = request;
  let result: RawResult;
  try {
    result = await call();
  } catch (err) {
    if (err instanceof JobsError) throw err;
    if (err instanceof URIError) {
      throw new InvalidArgumentError(
        `A parameter of ${method} ${path} contains an unpaired UTF-16 surrogate and cannot be encoded in a URL.`,
      );
    }
    throw new JobsError(`Could not send ${method} ${path}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const { data, error, response } = result;
  const { status } = response;
  const headers = headersWithoutSecret(response.headers, secret);
  const attempts = settings.attempts ?? 1;
  if (!response.ok) {
    const retryAfterMs = parseRetryAfter(headers, Date.now());
    throw APIError.from({ status, error: withoutSecret(error, secret), headers, method, path, attempts, retryAfterMs });
  }
  const invalid = (body: string, reason: string) =>
    new InvalidResponseError({ status, method, path, attempts, headers, body: withoutSecret(body, secret), reason });
  const text = typeof data === "string" ? data : "";
  if (text.trim() === "") throw invalid(text, "the body is empty");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(text, "the body is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid(text, "the body is not a JSON object");
  }
  return parsed as T;
}

/**
 * Error bodies end up in messages and logs. A server or proxy that echoes the request (some debugging proxies
 * print its headers) would put the token there, so it is replaced wherever it appears in the body.
 */
function withoutSecret<V>(value: V, secret: string): V {
  if (typeof value === "string") return value.split(secret).join("[redacted]") as V;
  if (Array.isArray(value)) return value.map((item) => withoutSecret(item, secret)) as V;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecret(v, secret)])) as V;
  }
  return value;
}

/** The response headers, with any value that contains the token replaced (a server may echo it back). */
function headersWithoutSecret(headers: Headers, secret: string): Headers {
  const entries = [...headers];
  if (!entries.some(([, value]) => value.includes(secret))) return headers;
  return new Headers(entries.map(([name, value]) => [name, value.includes(secret) ? "[redacted]" : value]));
}
