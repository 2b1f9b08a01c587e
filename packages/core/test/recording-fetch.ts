import type { Fetch, Job } from "../src/index.js";

/** A fetch that records every request it is given and answers with what `respond` returns. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}

/** What a fake server is given: the request, and the signal the client handed fetch for it. */
export type Handler = (request: Request, signal: AbortSignal) => Response | Promise<Response>;

/**
 * A client's `fetch` (called as `fetch(url, init)`) that hands `handler` the request as a `Request`, which is
 * easier to inspect, and the signal the client gave fetch. A handler that waits for an abort listens on that
 * signal: the client keeps it reachable for the whole attempt, while the `Request`'s own signal follows it only
 * through a weak reference and, after a garbage collection, may never hear the abort.
 */
export function requestFetch(handler: Handler): Fetch {
  return async (url, init) => handler(new Request(url, init), init.signal ?? new AbortController().signal);
}

export function recordingFetch(respond: Handler = () => json(200, {})) {
  const requests: RecordedRequest[] = [];
  const fetch = requestFetch(async (request, signal): Promise<Response> => {
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: request.body === null ? null : await request.clone().text(),
    });
    return respond(request, signal);
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

/** A job as the list answers it, numbered: `us_jb_<n>`. */
export const jobOf = (n: number): Job => ({
  id: `us_jb_${n}`,
  type: "workbook",
  operation: "op",
  source: "us_wb_1",
  createdBy: "us_usr_1",
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});
