import { DEFAULT_BASE_URL, InvalidArgumentError, type LogLevel } from "@flatfile-jobs/core";

type Env = Record<string, string | undefined>;

/** The token from `FLATFILE_API_KEY`, else `FLATFILE_BEARER_TOKEN` (the names `@flatfile/api` reads). */
export function tokenFromEnv(env: Env): string | undefined {
  return nonEmpty(env.FLATFILE_API_KEY) ?? nonEmpty(env.FLATFILE_BEARER_TOKEN);
}

/**
 * The base URL from `FLATFILE_API_URL`. Like `@flatfile/api`, the variable holds the platform's API URL
 * (e.g. `https://platform.flatfile.com/api`, as Flatfile sets it for agents) and `/v1` is appended unless
 * the URL already ends with it.
 */
export function baseUrlFromEnv(env: Env): string {
  const apiUrl = nonEmpty(env.FLATFILE_API_URL);
  if (!apiUrl) return DEFAULT_BASE_URL;
  const trimmed = apiUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/v1") ? trimmed : `${trimmed}/v1`;
}

export function missingTokenError(): InvalidArgumentError {
  return new InvalidArgumentError(
    "No Flatfile API token. Pass createJobsClient({ token }) or set FLATFILE_API_KEY (or FLATFILE_BEARER_TOKEN) " +
      "to an environment's secret key (sk_…), found in the Flatfile dashboard under Developer settings.",
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value : undefined;
}

const LEVELS = new Set<LogLevel>(["debug", "info", "warn", "error", "off"]);

/** The log level from `FLATFILE_LOG` (`debug`, `info`, `warn`, `error` or `off`); undefined when unset. */
export function logLevelFromEnv(env: Env): LogLevel | undefined {
  const value = nonEmpty(env.FLATFILE_LOG)?.trim().toLowerCase();
  if (value === undefined) return undefined;
  if (!LEVELS.has(value as LogLevel)) {
    throw new InvalidArgumentError(
      `FLATFILE_LOG must be one of debug, info, warn, error or off, got ${JSON.stringify(env.FLATFILE_LOG)}.`,
    );
  }
  return value as LogLevel;
}
