// The simulator's options are checked at the call, with the rules and wording of @flatfile-jobs/core's own option
// checks (its internal check module, which this package cannot import): a bad value throws InvalidArgumentError
// before anything is started.
import { InvalidArgumentError } from "@flatfile-jobs/core";

/** The longest delay a timer can hold (2³¹ − 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY = 2 ** 31 - 1;

/**
 * A value as a message shows it: `-1`, `NaN`, `"abc"`, `null`, `an array`, `an object`. Strings are cut at 40
 * characters and a key-shaped one (`sk_…`, `pk_…`, a bearer token) is not shown, as core's checks do: a token
 * passed in the wrong option must not reach a message.
 */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "string") {
    return JSON.stringify(
      /\b(sk|pk)_|bearer/i.test(value) ? "[redacted]" : value.length > 40 ? `${value.slice(0, 40)}…` : value,
    );
  }
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value === "function" ? "function" : typeof value}`;
}

/** `name must be <rule>, got <value>.` */
export function invalid(name: string, rule: string, value: unknown): InvalidArgumentError {
  return new InvalidArgumentError(`${name} must be ${rule}, got ${show(value)}.`);
}

/** A number of milliseconds a timer waits: from 0 to `MAX_DELAY`. */
export function duration(name: string, value: unknown): number {
  if (typeof value === "number" && value >= 0 && value <= MAX_DELAY) return value;
  throw invalid(name, `a number of milliseconds from 0 to ${MAX_DELAY} (about 24.8 days)`, value);
}

/** A count: a whole number from 0 up. */
export function count(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw invalid(name, "a whole number, 0 or more", value);
}

/** A TCP port: a whole number from 0 (any free port) to 65535. */
export function port(name: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65_535) return value;
  throw invalid(name, "a whole number from 0 to 65535", value);
}

/**
 * An options object (or undefined) with no key outside `known` (keys set to undefined aside, as core's checks
 * allow them). A key that an earlier version named differently
 * gets a pointer to the new name (`renamed`), so old code fails with the fix in the message.
 */
export function options<T extends object>(
  name: string,
  value: T | undefined,
  known: readonly string[],
  renamed: Readonly<Record<string, string>> = {},
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(name, "an options object", value);
  }
  for (const key in value) {
    if (known.includes(key) || (value as Record<string, unknown>)[key] === undefined) continue;
    const hint = renamed[key];
    throw new InvalidArgumentError(
      `${name} has no option ${JSON.stringify(key)}${hint ? `: ${hint}` : ""}. Its options are ${known.join(", ")}.`,
    );
  }
  return value;
}
