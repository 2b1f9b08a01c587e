import { type FailureInfo, type FetchLike, type RetryInfo, relativePath } from "./transport.js";

/** What the `logger` option accepts: `console`, pino, winston and most loggers fit. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** The transport settings that make a client log. */
export interface Logging {
  fetch: FetchLike;
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
  fetchOption: FetchLike | undefined,
  onRetry: ((info: RetryInfo) => void) | undefined,
): Logging | undefined {
  const threshold = RANK[level ?? "info"];
  if (!logger || threshold >= RANK.off) return undefined;
  const debug = threshold <= RANK.debug;
  const log = (at: Exclude<LogLevel, "off">, message: string) => {
    if (RANK[at] >= threshold) logger[at](`[flatfile-jobs] ${redact(message, secret)}`);
  };
  const logBody = (body: ArrayBuffer) => log("debug", `  body ${new TextDecoder().decode(body).slice(0, 2000)}`);
  return {
    async fetch(request) {
      const name = `${request.method} ${relativePath(request.url, basePath)}`;
      if (debug) {
        log("debug", `→ ${name} ${formatHeaders(request.headers)}`);
        if (request.body) logBody(await request.clone().arrayBuffer());
      }
      const started = Date.now();
      const response = await (fetchOption ?? fetch)(request);
      log("info", `← ${response.status} ${name} (${Date.now() - started} ms)`);
      if (debug) logBody(await response.clone().arrayBuffer());
      return response;
    },
    onRetry(info) {
      log(
        "warn",
        `retrying ${info.method} ${info.path} in ${info.delayMs} ms (attempt ${info.attempt}): ${info.reason}`,
      );
      onRetry?.(info);
    },
    onFailure: (info) =>
      log("warn", `✗ ${info.method} ${info.path} failed after ${info.attempt} attempt(s): ${info.reason}`),
  };
}

/**
 * Removes credentials from a log line: the client's own token wherever it appears, anything after `Bearer`
 * or `Basic`, cookie values, and strings shaped like Flatfile keys (`sk_…`, `pk_…`).
 */
export function redact(text: string, secret?: string): string {
  let out = secret && secret.length >= 4 ? text.split(secret).join("[redacted]") : text;
  out = out.replace(/\b(Bearer|Basic)\s+[^\s",;]+/gi, "$1 [redacted]");
  out = out.replace(/\b((?:set-)?cookie)(["']?\s*[:=]\s*["']?)[^"'\n]*/gi, "$1$2[redacted]");
  out = out.replace(/\b(sk|pk)_[A-Za-z0-9_-]{4,}/g, "$1_[redacted]");
  return out;
}

/** Headers as one line, with the credential-bearing ones redacted. */
export function formatHeaders(headers: Headers): string {
  const parts: string[] = [];
  headers.forEach((value, name) => {
    const hidden = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i.test(name);
    parts.push(`${name}: ${hidden ? "[redacted]" : value}`);
  });
  return parts.join(", ");
}
