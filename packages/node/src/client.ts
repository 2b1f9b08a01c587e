import {
  createJobsClient as createCoreClient,
  createJobsCore as createCoreCore,
  InvalidArgumentError,
  type JobsClient,
  type JobsClientOptions,
  type JobsCore,
} from "@flatfile-jobs/core";
import packageJson from "../package.json" with { type: "json" };
import { type ConnectionOptions, createNodeFetch } from "./dispatcher.js";
import { baseUrlFromEnv, type Env, logLevelFromEnv, missingTokenError, tokenFromEnv } from "./env.js";

/** Sent with every request, so the API's logs show which client and runtime called. */
export const USER_AGENT = `${packageJson.name}/${packageJson.version} node/${process.version}`;

/**
 * Options of the Node client: as in core, but `token` and `baseUrl` may come from the environment, plus how it
 * connects (`keepAlive`, `dispatcher`, `proxy`).
 */
export interface NodeJobsClientOptions extends Partial<JobsClientOptions>, ConnectionOptions {
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
  logLevel?: JobsClientOptions["logLevel"];
  /**
   * The `fetch` used for every request, instead of undici's with the client's own dispatcher: `keepAlive`,
   * `dispatcher`, `proxy` and the proxy variables then do not apply (and the first three may not be given).
   * @default undici's fetch over a keep-alive Agent, or a proxy agent (see `proxy`)
   */
  fetch?: JobsClientOptions["fetch"];
}

/** The Node client: core's client, plus `close()` for the connections it keeps open. */
export interface NodeJobsClient extends JobsClient {
  /**
   * Closes the connections the client opened, once its requests in flight are done; later calls fail. Not
   * needed for a process to exit (idle connections do not hold it open), but a worker that shuts down or
   * creates clients over and over should call it. It leaves a `dispatcher` or `fetch` that was passed in alone.
   */
  close(): Promise<void>;
}

/** Creates a Jobs API client for Node.js, reading the token, base URL and proxy from the environment when not given. */
export function createJobsClient(options: NodeJobsClientOptions = {}): NodeJobsClient {
  return createClientWithEnv(options, process.env);
}

/** The Node client for the operation functions (`listJobs(client, …)`): `createJobsCore` plus `close()`. */
export interface NodeJobsCore extends JobsCore {
  /** As `NodeJobsClient.close`. */
  close(): Promise<void>;
}

/**
 * Creates the smallest client, for the operation functions, with the Node client's environment, connections and
 * proxies; like core's `createJobsCore` it does not log and has no `jobs`, `raw` or `use`. Node apps rarely need
 * it: `createJobsClient`'s client works with the functions too.
 */
export function createJobsCore(options: NodeJobsCoreOptions = {}): NodeJobsCore {
  return createCoreWithEnv(options, process.env);
}

/** Options of the Node `createJobsCore`: those of `createJobsClient` but logging. */
export type NodeJobsCoreOptions = Omit<NodeJobsClientOptions, "logger" | "logLevel">;

/** `createJobsCore`, reading the given environment instead of `process.env` (for tests). */
export function createCoreWithEnv(options: NodeJobsCoreOptions, env: Env): NodeJobsCore {
  const { core, close } = resolve(options, env, false);
  return { ...createCoreCore(core), close };
}

/** `createJobsClient`, reading the given environment instead of `process.env` (for tests). */
export function createClientWithEnv(options: NodeJobsClientOptions, env: Env): NodeJobsClient {
  const { core, close } = resolve(options, env, true);
  return { ...createCoreClient(core), close };
}

/** Core's options from the Node ones and the environment, and what closes the connections they open. */
function resolve(options: NodeJobsClientOptions, env: Env, logs: boolean) {
  const { keepAlive, dispatcher, proxy, ...coreOptions } = options;
  const token = options.token ?? tokenFromEnv(env);
  if (token === undefined) throw missingTokenError();
  const logLevel = logs ? (options.logLevel ?? logLevelFromEnv(env)) : undefined;
  const logger = options.logger ?? (logLevel && logLevel !== "off" ? console : undefined);
  // An explicit region beats the environment's URL; an explicit baseUrl beats both.
  const baseUrl = options.baseUrl ?? (options.region === undefined ? baseUrlFromEnv(env) : undefined);
  const headers = { "User-Agent": USER_AGENT, ...options.headers };
  const connection = connectionFor(options, env);
  const core: JobsClientOptions = {
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

function connectionFor(options: NodeJobsClientOptions, env: Env) {
  if (options.fetch === undefined) return createNodeFetch(options, env);
  const given = (["keepAlive", "dispatcher", "proxy"] as const).find((name) => options[name] !== undefined);
  if (given) {
    throw new InvalidArgumentError(
      `fetch cannot be combined with ${given}, which only configures the client's own fetch: configure connections in your fetch, or leave fetch out.`,
    );
  }
  return undefined;
}
