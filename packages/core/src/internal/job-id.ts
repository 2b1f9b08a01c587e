import { InvalidArgumentError } from "../errors.js";

/**
 * Refuses job ids that cannot travel as exactly one path segment under `/jobs/`.
 * Percent-encoding keeps any other string in one segment, but URL parsing removes the dot segments
 * `.` and `..` (even when written `%2e`), an empty id changes the route, and a lone UTF-16 surrogate
 * cannot be encoded at all.
 */
export function assertJobId(jobId: unknown): asserts jobId is string {
  if (typeof jobId !== "string") {
    throw new InvalidArgumentError(`jobId must be a string such as "us_jb_…", got ${describeType(jobId)}.`);
  }
  if (jobId === "" || jobId === "." || jobId === "..") {
    throw new InvalidArgumentError(
      `jobId ${JSON.stringify(jobId)} is not a job id and cannot be sent as a path segment; pass an id such as "us_jb_…".`,
    );
  }
  if (!jobId.isWellFormed()) {
    throw new InvalidArgumentError("jobId contains an unpaired UTF-16 surrogate and cannot be encoded in a URL.");
  }
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
