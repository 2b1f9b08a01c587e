import { createJobsClient as createCoreClient, type JobsClient, type JobsClientOptions } from "@flatfile-jobs/core";
import packageJson from "../package.json" with { type: "json" };
import { baseUrlFromEnv, logLevelFromEnv, missingTokenError, tokenFromEnv } from "./env.js";

/** Sent with every request, so the API's logs show which client and runtime called. */
export const USER_AGENT = `${packageJson.name}/${packageJson.version} node/${process.version}`;

/** Options of the Node client: as in core, but `token` and `baseUrl` may come from the environment. */
export interface NodeJobsClientOptions extends Partial<JobsClientOptions> {
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
}

/** Creates a Jobs API client for Node.js, reading the token and base URL from the environment when not given. */
export function createJobsClient(options: NodeJobsClientOptions = {}): JobsClient {
  const env = process.env;
  const token = options.token ?? tokenFromEnv(env);
  if (token === undefined) throw missingTokenError();
  const logLevel = options.logLevel ?? logLevelFromEnv(env);
  const logger = options.logger ?? (logLevel && logLevel !== "off" ? console : undefined);
  // An explicit region beats the environment's URL; an explicit baseUrl beats both.
  const baseUrl = options.baseUrl ?? (options.region === undefined ? baseUrlFromEnv(env) : undefined);
  const headers = { "User-Agent": USER_AGENT, ...options.headers };
  return createCoreClient({ ...options, token, baseUrl, headers, logger, logLevel });
}
