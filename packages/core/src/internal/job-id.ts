import { InvalidArgumentError } from "../errors.js";

/**
 * The value of a path's parameter, checked: a job id (`name` "jobId") or another parameter of a path is refused
 * with an `InvalidArgumentError` unless it can travel as exactly one path segment under `/jobs/`.
 * Percent-encoding keeps any other string in one segment, but URL parsing removes the dot segments
 * `.` and `..` (even when written `%2e`), an empty id changes the route, and a lone UTF-16 surrogate
 * cannot be encoded at all.
 */
export function pathParam(name: string, value: unknown): string {
  if (typeof value === "string" && !/^\.{0,2}$/.test(value) && value.isWellFormed()) return value;
  const got =
    typeof value === "string"
      ? `${JSON.stringify(value)}, which cannot be sent as one path segment`
      : value === null
        ? "null"
        : typeof value;
  throw new InvalidArgumentError(`${name} must be a string, got ${got}.`);
}
