import { DEFAULT_BASE_URL, InvalidArgumentError, type LogLevel } from "@flatfile-jobs/core";

export type Env = Record<string, string | undefined>;

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
  const apiUrl = nonEmpty(env.FLATFILE_API_URL)?.trim();
  if (!apiUrl) return DEFAULT_BASE_URL;
  // Checked as given, so that the message quotes the variable, not the URL with /v1 added to it.
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new InvalidArgumentError(
      `FLATFILE_API_URL must be an absolute http(s) URL such as "https://platform.flatfile.com/api", got ${JSON.stringify(apiUrl)}.`,
    );
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError(
      "FLATFILE_API_URL must not contain credentials; set FLATFILE_API_KEY to the token instead.",
    );
  }
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

/** The proxy variables, each lowercase name before the uppercase one (as undici and curl read them); empty ones are unset. */
export interface ProxyEnv {
  /** `http_proxy`, else `HTTP_PROXY`: the proxy for http:// URLs, and for https:// ones when `httpsProxy` is unset. */
  httpProxy: EnvValue | undefined;
  /** `https_proxy`, else `HTTPS_PROXY`: the proxy for https:// URLs. */
  httpsProxy: EnvValue | undefined;
  /** `no_proxy`, else `NO_PROXY`: hosts reached directly. */
  noProxy: string | undefined;
}

/** A variable's value with its name, so that an error can say which variable to fix. */
export interface EnvValue {
  name: string;
  value: string;
}

export function proxyFromEnv(env: Env): ProxyEnv {
  const pick = (name: string): EnvValue | undefined => {
    for (const candidate of [name.toLowerCase(), name]) {
      const value = nonEmpty(env[candidate])?.trim();
      if (value !== undefined) return { name: candidate, value };
    }
    return undefined;
  };
  return { httpProxy: pick("HTTP_PROXY"), httpsProxy: pick("HTTPS_PROXY"), noProxy: pick("NO_PROXY")?.value };
}
