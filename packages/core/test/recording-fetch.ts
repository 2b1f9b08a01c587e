import type { Fetch } from "../src/index.js";

/** A fetch that records every request it is given and answers with what `respond` returns. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}

/**
 * A client's `fetch` (called as `fetch(url, init)`) that hands `handler` the request as a `Request`, which is
 * easier to inspect.
 */
export function requestFetch(handler: (request: Request) => Response | Promise<Response>): Fetch {
  // The Request's signal follows `init.signal` only weakly, so a handler that waits for it may never hear an abort
  // after garbage collection; the client ends the attempt on its own signal regardless (see retries.test.ts).
  return async (url, init) => handler(new Request(url, init));
}

export function recordingFetch(respond: (request: Request) => Response | Promise<Response> = () => json(200, {})) {
  const requests: RecordedRequest[] = [];
  const fetch = requestFetch(async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body === null ? null : await request.clone().text(),
    });
    return respond(request);
  });
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export const TOKEN = "sk_test_4f9b2c7e1d8a6053";
export const BASE_URL = "https://jobs.example.test/v1";
