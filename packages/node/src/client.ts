import {
  type JobsClient as CoreJobsClient,
  type JobsClientOptions as CoreJobsClientOptions,
  type JobsCore as CoreJobsCore,
  createJobsClient as createCoreClient,
  createJobsCore as createCoreCore,
  InvalidArgumentError,
} from "@flatfile-jobs/core";
import packageJson from "../package.json" with { type: "json" };
import { type ConnectionOptions, createNodeFetch } from "./dispatcher.js";
import { baseUrlFromEnv, type Env, logLevelFromEnv, missingTokenError, tokenFromEnv } from "./env.js";

/** Sent with every request, so the API's logs show which client and runtime called. */
export const USER_AGENT = `${packageJson.name}/${packageJson.version} node/${process.version}`;

/**
 * Options of the Node client: as in core, but `token` and `baseUrl` may come from the environment, plus how it
 * connects (`keepAlive`, `dispatcher`, `proxy`). Its own fetch applies core's `maxResponseSize` to compressed
 * bodies once decompressed too.
 */
export interface JobsClientOptions extends Partial<CoreJobsClientOptions>, ConnectionOptions {
  /**
   * Bearer token.
   * @default process.env.FLATFILE_API_KEY ?? process.env.FLATFILE_BEARER_TOKEN
   */
  token?: string;
  /**
   * Base URL of the API, used as given.
   * @default the `region`'s URL, else process.env.FLATFILE_API_URL + "/v1", else "https://api.x.flatfile.com/v1"
   */
  baseUrl?: string;
  /**
   * The lowest level logged. With `FLATFILE_LOG` set and no `logger` given, the client logs to `console`.
   * @default process.env.FLATFILE_LOG, else off
   */
  logLevel?: CoreJobsClientOptions["logLevel"];
  /**
   * The `fetch` used for every request, instead of undici's with the client's own dispatcher: `keepAlive`,
   * `dispatcher`, `proxy` and the proxy variables then do not apply (and the first three may not be given).
   * @default undici's `request` over a keep-alive Agent, or a proxy agent (see `proxy`)
   */
  fetch?: CoreJobsClientOptions["fetch"];
}

/** The Node client: core's client, plus `close()` for the connections it keeps open. */
export interface JobsClient extends CoreJobsClient {
  /**
   * Closes the connections the client opened, once its requests in flight are done; later calls fail. Not
   * needed for a process to exit (idle connections do not hold it open), but a worker that shuts down or
   * creates clients over and over should call it. It leaves a `dispatcher` or `fetch` that was passed in alone.
   */
  close(): Promise<void>;
}

/** Creates a Jobs API client for Node.js, reading the token, base URL and proxy from the environment when not given. */
export function createJobsClient(options: JobsClientOptions = {}): JobsClient {
  return createClientWithEnv(options, process.env);
}

/** The Node client for the operation functions (`listJobs(client, …)`): `createJobsCore` plus `close()`. */
export interface JobsCore extends CoreJobsCore {
  /** As `JobsClient.close`. */
  close(): Promise<void>;
}

/**
 * Creates the smallest client, for the operation functions, with the Node client's environment, connections and
 * proxies; like core's `createJobsCore` it does not log and has no `jobs`, `raw` or `use`. Node apps rarely need
 * it: `createJobsClient`'s client works with the functions too.
 */
export function createJobsCore(options: JobsCoreOptions = {}): JobsCore {
  return createCoreWithEnv(options, process.env);
}

/** Options of the Node `createJobsCore`: those of `createJobsClient` but logging. */
export type JobsCoreOptions = Omit<JobsClientOptions, "logger" | "logLevel">;

/** `createJobsCore`, reading the given environment instead of `process.env` (for tests). */
export function createCoreWithEnv(options: JobsCoreOptions, env: Env): JobsCore {
  const { core, close } = resolve(options, env, false);
  return withClose(() => createCoreCore(core), close);
}

/** `createJobsClient`, reading the given environment instead of `process.env` (for tests). */
export function createClientWithEnv(options: JobsClientOptions, env: Env): JobsClient {
  const { core, close } = resolve(options, env, true);
  return withClose(() => createCoreClient(core), close);
}

/** Core's client plus `close`; if core refuses an option, the connections opened for it are closed. */
function withClose<C>(create: () => C, close: () => Promise<void>): C & { close(): Promise<void> } {
  try {
    return { ...create(), close };
  } catch (error) {
    void close();
    throw error;
  }
}

/** Core's options from the Node ones and the environment, and what closes the connections they open. */
function resolve(options: JobsClientOptions, env: Env, logs: boolean) {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("The client's options must be an object, e.g. createJobsClient({ token: '…' }).");
  }
  const { keepAlive, dispatcher, proxy, ...coreOptions } = options;
  const token = options.token ?? tokenFromEnv(env);
  if (token === undefined) throw missingTokenError();
  const logLevel = logs ? (options.logLevel ?? logLevelFromEnv(env)) : undefined;
  const logger = options.logger ?? (logLevel && logLevel !== "off" ? console : undefined);
  // An explicit region beats the environment's URL; an explicit baseUrl beats both.
  const baseUrl = options.baseUrl ?? (options.region === undefined ? baseUrlFromEnv(env) : undefined);
  // Core checks the headers; anything but an object is passed on for it to refuse.
  const headers =
    typeof options.headers === "object" || options.headers === undefined
      ? { "User-Agent": USER_AGENT, ...options.headers }
      : options.headers;
  const connection = connectionFor(options, env);
  const core: CoreJobsClientOptions = {
    ...coreOptions,
    token,
    baseUrl,
    headers,
    logger,
    logLevel,
    fetch: options.fetch ?? connection?.fetch,
  };
  return { core, close: connection?.close ?? (async () => {}) };
}

function connectionFor(options: JobsClientOptions, env: Env) {
  if (options.fetch === undefined) return createNodeFetch(options, env);
  const given = (["keepAlive", "dispatcher", "proxy"] as const).find((name) => options[name] !== undefined);
  if (given) {
    throw new InvalidArgumentError(
      `fetch cannot be combined with ${given}, which only configures the client's own fetch: configure connections in your fetch, or leave fetch out.`,
    );
  }
  return undefined;
}
