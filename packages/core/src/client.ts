import createClient, { type Client } from "openapi-fetch";
import { InvalidArgumentError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { createTransport, type FetchLike } from "./internal/transport.js";
import { createJobsResource, type JobsResource } from "./jobs.js";

/** The API's production base URL; regional platform URLs are listed in the spec's `servers`. */
export const DEFAULT_BASE_URL = "https://api.x.flatfile.com/v1";

export interface JobsClientOptions {
  /**
   * Bearer token: an environment's secret key (`sk_…`), a publishable key (`pk_…`) or an access token.
   * It is sent as `Authorization: Bearer <token>` and never appears in errors.
   */
  token: string;
  /**
   * Base URL of the API, ending in `/v1`.
   * @default "https://api.x.flatfile.com/v1"
   */
  baseUrl?: string;
  /**
   * The `fetch` used for every request.
   * @default globalThis.fetch
   */
  fetch?: FetchLike | typeof globalThis.fetch;
  /** Headers sent with every request. `Authorization` and `X-Disable-Hooks` are always set by the client. */
  headers?: Record<string, string>;
}

export interface JobsClient {
  /** The Jobs API's 17 operations; each resolves to the operation's 200 body or throws a `JobsError`. */
  readonly jobs: JobsResource;
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }` instead of thrown
   * errors. It shares the token, base URL, headers and fetch of this client. Each call must still pass the
   * spec's required `X-Disable-Hooks` header parameter.
   */
  readonly raw: Client<paths>;
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
}

/** Creates a client for Flatfile's Jobs API that works wherever `fetch` exists. */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("createJobsClient needs an options object: createJobsClient({ token: '…' }).");
  }
  const token = checkToken(options.token);
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const userFetch = options.fetch as FetchLike | undefined;

  const headers = new Headers(options.headers);
  headers.set("Authorization", `Bearer ${token}`);
  headers.set("X-Disable-Hooks", "true");

  const raw = createClient<paths>({
    baseUrl,
    headers: Object.fromEntries(headers),
    fetch: createTransport(
      () => userFetch ?? (globalThis.fetch as FetchLike),
      new URL(baseUrl).pathname.replace(/\/$/, ""),
    ),
  });

  return { jobs: createJobsResource(raw), raw, baseUrl };
}

function checkToken(token: unknown): string {
  if (typeof token !== "string" || token.trim() === "") {
    throw new InvalidArgumentError(
      "No API token: pass createJobsClient({ token }) with an environment's secret key (sk_…), a publishable key (pk_…) or an access token.",
    );
  }
  if (/^bearer\s/i.test(token)) {
    throw new InvalidArgumentError("Pass the token without the 'Bearer ' prefix; the client adds it.");
  }
  // Checked here so that fetch never builds an error message that quotes the token.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InvalidArgumentError(
      "The API token contains whitespace, control or non-ASCII characters, which cannot be sent in an HTTP header. Check for a stray newline or quote where the token is set.",
    );
  }
  return token;
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === "string" ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new InvalidArgumentError(
      `baseUrl must be an absolute http(s) URL such as ${JSON.stringify(DEFAULT_BASE_URL)}, got ${JSON.stringify(baseUrl)}.`,
    );
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError("baseUrl must not contain credentials; pass the token as { token } instead.");
  }
  return url.href.replace(/\/+$/, "");
}
