// Keeping the token out of everything a caller or a log can read: error bodies and headers, messages, log lines.

const REDACTED = "[redacted]";

/** The value with every string in it, at any depth, redacted as `redactLine` does. */
export function redactDeep<V>(value: V, secret: string): V {
  const scrub = (_key: string, v: unknown) => (typeof v === "string" ? redactLine(v, secret) : v);
  return value && typeof value === "object" ? JSON.parse(JSON.stringify(value), scrub) : (scrub("", value) as V);
}

/** The headers, or a copy with each value that holds the token replaced (a proxy that echoes the request). */
export function redactHeaders(headers: Headers, secret: string): Headers {
  let found = false;
  headers.forEach((value) => {
    found ||= value.includes(secret);
  });
  if (!found) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, value.includes(secret) ? REDACTED : value);
  });
  return copy;
}

/**
 * A log line without credentials: the client's own token wherever it appears, anything after `Bearer` or
 * `Basic`, cookie values, and strings shaped like Flatfile keys (`sk_…`, `pk_…`).
 */
export function redactLine(text: string, secret?: string): string {
  let out = secret && secret.length >= 4 ? text.split(secret).join(REDACTED) : text;
  out = out.replace(/\b(Bearer|Basic)\s+[^\s",;]+/gi, `$1 ${REDACTED}`);
  out = out.replace(/\b((?:set-)?cookie)(["']?\s*[:=]\s*["']?)[^"'\n]*/gi, `$1$2${REDACTED}`);
  out = out.replace(/\b(sk|pk)_[A-Za-z0-9_-]{4,}/g, `$1_${REDACTED}`);
  return out;
}

/** Headers as one line, with the credential-bearing ones hidden. */
export function formatHeaders(headers: Headers): string {
  const parts: string[] = [];
  headers.forEach((value, name) => {
    const hidden = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i.test(name);
    parts.push(`${name}: ${hidden ? REDACTED : value}`);
  });
  return parts.join(", ");
}
