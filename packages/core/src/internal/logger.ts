import type { Fetch, Logger, LogLevel, RetryInfo } from "../contracts.js";
import { formatHeaders, redactLine } from "./redact.js";
import { type FailureInfo, relativePath } from "./transport.js";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** The transport settings that make a client log. */
export interface Logging {
  fetch: Fetch;
  onRetry: (info: RetryInfo) => void;
  onFailure: (info: FailureInfo) => void;
}

/**
 * The SDK's own log, levels filtered and every line redacted: the `fetch` below the transport logs each attempt,
 * the hooks log retries and failures. Undefined (nothing changes) unless a logger is given and the level is not
 * `off`.
 */
export function createLogging(
  logger: Logger | undefined,
  level: LogLevel | undefined,
  secret: string,
  basePath: string,
  fetchOption: Fetch | undefined,
  onRetry: ((info: RetryInfo) => void) | undefined,
): Logging | undefined {
  const threshold = RANK[level ?? "info"];
  if (!logger || threshold >= RANK.off) return undefined;
  const debug = threshold <= RANK.debug;
  const log = (at: Exclude<LogLevel, "off">, message: string) => {
    if (RANK[at] >= threshold) logger[at](`[flatfile-jobs] ${redactLine(message, secret)}`);
  };
  const logBody = (body: string) => log("debug", `  body ${body.slice(0, 2000)}`);
  return {
    async fetch(url, init) {
      const name = `${init.method} ${relativePath(url, basePath)}`;
      if (debug) {
        log("debug", `→ ${name} ${formatHeaders(new Headers(init.headers))}`);
        if (typeof init.body === "string") logBody(init.body);
      }
      const started = Date.now();
      const response = await (fetchOption ?? globalThis.fetch)(url, init);
      log("info", `← ${response.status} ${name} (${Date.now() - started} ms)`);
      if (debug) logBody(await response.clone().text());
      return response;
    },
    onRetry(info) {
      log("warn", `retrying ${info.method} ${info.path} in ${info.delay} ms (attempt ${info.attempt}): ${info.reason}`);
      onRetry?.(info);
    },
    onFailure: (info) =>
      log("warn", `✗ ${info.method} ${info.path} failed after ${info.attempt} attempt(s): ${info.reason}`),
  };
}
