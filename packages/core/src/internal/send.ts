import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { TransportFetch } from "./transport.js";

/** What one operation puts into its request. */
export interface SendInit {
  signal: AbortSignal | undefined;
  /** The call's own headers, on top of the client's. */
  headers: Record<string, string> | undefined;
  /** The transport, set up for this call. */
  fetch: TransportFetch;
  params: { path: { jobId: string | undefined }; query: object | undefined };
  body: unknown;
}

/** An operation's response: `data` (the 2xx body as text) or `error` (the body parsed as JSON, else as text). */
export interface SendResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Builds one operation's request and sends it through `init.fetch`: `template` is the spec's path
 * (`/jobs/{jobId}`), `path` the same with the id filled in and percent-encoded.
 */
export type Send = (method: string, template: keyof paths, path: string, init: SendInit) => Promise<SendResult>;

// Flatfile requires this header on every Jobs operation; it keeps the request from firing event hooks.
const HOOKS = { "X-Disable-Hooks": "true" };

/**
 * Through openapi-fetch's client, so that its middleware (`client.use`) sees every operation. openapi-fetch
 * hands its `fetch` a `Request`; the transport takes it apart into `fetch(url, init)`.
 */
export function sendThrough(raw: Client<paths>): Send {
  return (method, template, _path, init) =>
    (raw.request as (...args: unknown[]) => Promise<SendResult>)(method, template, {
      ...init,
      fetch: async (request: Request) =>
        init.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body ? await request.text() : undefined,
        }),
      parseAs: "text",
      params: { ...init.params, header: HOOKS },
    });
}

/**
 * Straight to the transport, for `createJobsCore`, whose bundles leave openapi-fetch's client out. It builds the
 * same request as openapi-fetch does for these operations: the id percent-encoded into the path, each query
 * value as `name=value` (an array as one pair per item, null and undefined left out), a JSON body with its
 * `Content-Type`, and headers merged in the same order. A test compares the two, operation by operation.
 */
export function sendDirect(baseUrl: string, clientHeaders: Headers): Send {
  return async (method, _template, path, { headers, fetch, params, body }) => {
    const query = Object.entries(params.query ?? {})
      .flatMap(([name, value]) => (value == null ? [] : [value].flat().map((v) => `${name}=${encodeURIComponent(v)}`)))
      .join("&");
    const merged = new Headers(clientHeaders);
    for (const [name, value] of new Headers(headers)) merged.set(name, value);
    if (body !== undefined && !merged.has("content-type")) merged.set("content-type", "application/json");
    merged.set("x-disable-hooks", "true");
    const response = await fetch(`${baseUrl}${path}${query ? `?${query}` : ""}`, {
      method,
      headers: merged,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let text: unknown = await response.text();
    if (response.ok) return { data: text, response };
    try {
      text = JSON.parse(text as string);
    } catch {
      // not JSON: the text itself
    }
    return { error: text, response };
  };
}
