import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { CallSettings, Reply, Transport, TransportInit } from "./transport.js";

/** What one operation puts into its request. */
export interface SendInit {
  signal: AbortSignal | undefined;
  /** The call's own headers, on top of the client's. */
  headers: Record<string, string> | undefined;
  /** The call's transport settings; the transport writes back how many attempts it made. */
  settings: CallSettings;
  /** The path's parameters (checked: those the path has are strings), and the query. */
  params: { path: Record<string, string | undefined>; query: object | undefined };
  body: unknown;
}

/** An operation's response: `data` (the 2xx body as text) or `error` (the body parsed as JSON, else as text). */
export interface SendResult {
  data?: unknown;
  error?: unknown;
  response: { status: number; ok: boolean; headers: Headers };
}

/**
 * Builds one operation's request and sends it through the transport: `template` is the spec's path
 * (`/jobs/{jobId}`), `path` the same with the id filled in and percent-encoded.
 */
export type Send = (method: string, template: keyof paths, path: string, init: SendInit) => Promise<SendResult>;

// Flatfile requires this header on every Jobs operation; it keeps the request from firing event hooks.
const HOOKS = { "X-Disable-Hooks": "true" };

/**
 * Through openapi-fetch's client, so that its middleware (`client.use`) sees the operation. openapi-fetch
 * hands its `fetch` a `Request`; it is taken apart into `fetch(url, init)` for the transport, and the reply put
 * back together as a `Response` for openapi-fetch and the middleware.
 */
export function sendThrough(raw: Client<paths>, transport: Transport): Send {
  return (method, template, _path, { settings, ...init }) =>
    (raw.request as (...args: unknown[]) => Promise<SendResult>)(method, template, {
      ...init,
      fetch: async (request: Request) => toResponse(await transport(...(await fromRequest(request)), settings)),
      parseAs: "text",
      params: { ...init.params, header: HOOKS },
    });
}

/** A `Request` as the transport takes it: `fetch(url, init)`'s arguments, the body as text. */
export async function fromRequest(request: Request): Promise<[url: string, init: TransportInit]> {
  return [
    request.url,
    { method: request.method, headers: request.headers, body: request.body ? await request.text() : undefined },
  ];
}

/** A reply as a `Response`; an empty body as none (statuses such as 204 may not carry one). */
export function toResponse({ body, status, statusText, headers }: Reply): Response {
  return new Response(body === "" ? null : body, { status, statusText, headers });
}

/**
 * Straight to the transport, without openapi-fetch's client: for `createJobsCore`, whose bundles leave it out,
 * and for `createJobsClient` while no middleware is registered (nothing would see the `Request` it builds). It
 * builds the same request as openapi-fetch does for these operations: the id percent-encoded into the path, each
 * query value as `name=value` (an array as one pair per item, null and undefined left out), a JSON body with its
 * `Content-Type`, and headers merged in the same order. A test compares the two, operation by operation.
 */
export function sendDirect(baseUrl: string, clientHeaders: Headers, transport: Transport): Send {
  return async (method, _template, path, { headers, settings, params, body }) => {
    let url = baseUrl + path;
    if (params.query) {
      const query = Object.entries(params.query)
        .flatMap(([name, value]) =>
          value == null ? [] : [value].flat().map((v) => `${name}=${encodeURIComponent(v)}`),
        )
        .join("&");
      if (query) url += `?${query}`;
    }
    const merged = new Headers(clientHeaders);
    if (headers) for (const name of Object.keys(headers)) merged.set(name, headers[name] as string);
    if (body !== undefined && !merged.has("content-type")) merged.set("content-type", "application/json");
    merged.set("x-disable-hooks", "true");
    const reply = await transport(
      url,
      { method, headers: merged, body: body === undefined ? undefined : JSON.stringify(body) },
      settings,
    );
    const { status, headers: replyHeaders, body: text } = reply;
    const response = { status, ok: status >= 200 && status < 300, headers: replyHeaders };
    if (response.ok) return { data: text, response };
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {
      // not JSON: the text itself
    }
    return { error, response };
  };
}
