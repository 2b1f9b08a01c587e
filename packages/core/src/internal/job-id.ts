import { InvalidArgumentError } from "../errors.js";

/**
 * Refuses job ids that cannot travel as exactly one path segment under `/jobs/`.
 * Percent-encoding keeps any other string in one segment, but URL parsing removes the dot segments
 * `.` and `..` (even when written `%2e`), an empty id changes the route, and a lone UTF-16 surrogate
 * cannot be encoded at all.
 */
export function assertJobId(jobId: unknown): asserts jobId is string {
  if (typeof jobId !== "string" || /^\.{0,2}$/.test(jobId) || !jobId.isWellFormed()) {
    const got =
      typeof jobId === "string"
        ? `${JSON.stringify(jobId)}, which cannot be sent as one path segment`
        : jobId === null
          ? "null"
          : typeof jobId;
    throw new InvalidArgumentError(`jobId must be a string such as "us_jb_…", got ${got}.`);
  }
}
