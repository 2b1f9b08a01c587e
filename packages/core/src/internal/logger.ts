/** What the `logger` option accepts: `console`, pino, winston and most loggers fit. */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** The SDK's own log: levels filtered, every line redacted. A no-op unless a logger and a level are given. */
export interface Log {
  enabled(level: Exclude<LogLevel, "off">): boolean;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLog(logger: Logger | undefined, level: LogLevel | undefined, secret: string): Log {
  const threshold = logger ? RANK[level ?? "info"] : RANK.off;
  const emit = (at: Exclude<LogLevel, "off">) => (message: string) => {
    if (RANK[at] >= threshold) logger?.[at](`[flatfile-jobs] ${redact(message, secret)}`);
  };
  return {
    enabled: (at) => RANK[at] >= threshold,
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
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
