import { InvalidArgumentError } from "../errors.js";

/**
 * Refuses a job id (`name` "jobId"), or another parameter of a path, that cannot travel as exactly one path
 * segment under `/jobs/`.
 * Percent-encoding keeps any other string in one segment, but URL parsing removes the dot segments
 * `.` and `..` (even when written `%2e`), an empty id changes the route, and a lone UTF-16 surrogate
 * cannot be encoded at all.
 */
export function assertPathParam(name: string, value: unknown): asserts value is string {
  if (typeof value !== "string" || /^\.{0,2}$/.test(value) || !value.isWellFormed()) {
    const got =
      typeof value === "string"
        ? `${JSON.stringify(value)}, which cannot be sent as one path segment`
        : value === null
          ? "null"
          : typeof value;
    const like = name === "jobId" ? ' such as "us_jb_…"' : "";
    throw new InvalidArgumentError(`${name} must be a string${like}, got ${got}.`);
  }
}
