// How every public function checks its options: the same rules and the same message everywhere. A bad value
// throws InvalidArgumentError before anything is sent or started. Kept small: every browser bundle carries it.
import { InvalidArgumentError } from "../errors.js";

/** The longest delay a timer can hold (2³¹ − 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY = 2 ** 31 - 1;

/**
 * A value as a message shows it: `-1`, `NaN`, `Infinity`, `"abc"`, `an object`. Strings are cut at 40 characters
 * and a key-shaped one (`sk_…`, `pk_…`) is not shown: a token passed in the wrong option must not reach a message.
 */
export function show(value: unknown): string {
  return typeof value === "string"
    ? JSON.stringify(
        /\b(sk|pk)_|bearer/i.test(value) ? "[redacted]" : value.length > 40 ? `${value.slice(0, 40)}…` : value,
      )
    : typeof value === "function"
      ? "a function"
      : typeof value === "object" && value
        ? "an object"
        : String(value);
}

/** `name must be <rule>, got <value>.` */
export function invalid(name: string, rule: string, value: unknown): InvalidArgumentError {
  return new InvalidArgumentError(`${name} must be ${rule}, got ${show(value)}.`);
}

/**
 * A number of milliseconds a timer waits: from `min` to `MAX_DELAY`. With `unlimited`, `Infinity` is allowed too
 * and means "no limit" (no timer is set).
 */
export function duration(name: string, value: unknown, min: 0 | 1, unlimited?: boolean): number {
  if (typeof value === "number" && value >= min && (value <= MAX_DELAY || (unlimited && value === Infinity))) {
    return value;
  }
  throw invalid(
    name,
    `a number of milliseconds from ${min} to ${MAX_DELAY} (about 24.8 days)${unlimited ? ", or Infinity for no limit" : ""}`,
    value,
  );
}

/** A whole number from `min` up (a count: retries, pages). With `unlimited`, `Infinity` is allowed too. */
export function count(name: string, value: unknown, min: 0 | 1, unlimited?: boolean): number {
  if ((Number.isSafeInteger(value) || (unlimited && value === Infinity)) && (value as number) >= min) {
    return value as number;
  }
  throw invalid(name, `a whole number, ${min} or more${unlimited ? " (or Infinity)" : ""}`, value);
}

/** A value of the given `typeof` (`boolean`, `function`), or an error that names the option. */
export function type<T>(name: string, value: T, kind: "boolean" | "function"): T {
  if (typeof value === kind) return value;
  throw invalid(name, kind === "boolean" ? "true or false" : "a function", value);
}

/** An AbortSignal (from this realm or another: anything with `aborted` and `addEventListener`). */
export function signal(name: string, value: unknown): AbortSignal {
  if (typeof (value as AbortSignal)?.addEventListener === "function" && "aborted" in (value as object)) {
    return value as AbortSignal;
  }
  throw invalid(name, "an AbortSignal", value);
}

/** A plain object of header names to string values. */
export function headers(name: string, value: unknown): Record<string, string> {
  if (isObject(value) && Object.values(value).every((v) => typeof v === "string")) {
    return value as Record<string, string>;
  }
  throw invalid(name, "an object of header names to string values", value);
}

/**
 * An options object (or undefined) with no key outside `known` (keys set to undefined aside). A key that names
 * an option of `@flatfile/api`, or one easily mistaken for ours (`renamed`), gets a pointer to ours.
 */
export function options<T extends object>(
  name: string,
  value: T | undefined,
  known: readonly string[],
  renamed: Readonly<Record<string, string>> = RENAMED,
): T | undefined {
  if (value === undefined) return value;
  if (!isObject(value)) throw invalid(name, "an options object", value);
  for (const key in value) {
    if (!known.includes(key) && (value as Record<string, unknown>)[key] !== undefined) {
      const hint = renamed[key];
      throw new InvalidArgumentError(
        `${name} has no option ${JSON.stringify(key)}${hint ? `: ${hint}` : ""}. Its options are ${known.join(", ")}.`,
      );
    }
  }
  return value;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `@flatfile/api`'s names for options of ours, so that code ported from it fails with the fix in the message. */
export const RENAMED: Record<string, string> = {
  abortSignal: "use signal",
  timeoutInSeconds: "use timeout, in milliseconds",
};
