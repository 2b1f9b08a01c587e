import { APIConnectionError, APIUserAbortError } from "../errors.js";

export type FetchLike = (input: Request) => Promise<Response>;

/**
 * The fetch that openapi-fetch calls. It turns a rejected fetch into an SDK error naming the request,
 * so both `client.jobs.*` and the raw client report failures the same way. The fetch to use is looked
 * up on every call, so a `globalThis.fetch` patched after the client was created is honoured.
 */
export function createTransport(getFetch: () => FetchLike, basePath: string): FetchLike {
  return async (request) => {
    try {
      return await getFetch()(request);
    } catch (cause) {
      const info = { method: request.method, path: relativePath(request.url, basePath), cause };
      if (request.signal.aborted) throw new APIUserAbortError(info);
      throw new APIConnectionError(info);
    }
  };
}

/** `/v1/jobs/x?y=1` under base path `/v1` → `/jobs/x`. Query strings are left out of errors. */
export function relativePath(url: string, basePath: string): string {
  const { pathname } = new URL(url);
  return basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || "/" : pathname;
}
