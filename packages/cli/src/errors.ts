// Turns whatever ended a command into one line on stderr (text, or JSON with --json) and the process's exit code.
import {
  APIError,
  APIUserAbortError,
  InvalidArgumentError,
  JobCanceledError,
  JobFailedError,
  JobsError,
  JobWaitTimeoutError,
} from "@flatfile-jobs/node";
import { CommanderError } from "commander";
import { EXIT } from "./exit-codes.js";

export { EXIT };

/** A mistake in how the command was called (a missing token, a bad value): exit 2, nothing was sent. */
export class UsageError extends Error {
  override name = "UsageError";
}

interface Described {
  code: number;
  /** What went wrong, worded for the command line; undefined when there is nothing to report (--help, --version). */
  message?: string;
  /** Appended to the text line only: JSON carries the same fact as a field (the request id). */
  textSuffix?: string;
  /** Text mode: commander has written the message (or the help) itself, through configureOutput. */
  shownByCommander?: boolean;
}

/** The exit code for an error, and what to say about it. */
export function describeError(error: unknown): Described {
  if (error instanceof CommanderError) {
    const shownOnPurpose = error.code === "commander.helpDisplayed" || error.code === "commander.version";
    if (shownOnPurpose) return { code: EXIT.ok };
    // `flatfile-jobs` alone: commander shows the help on stderr, and its error has no message of its own.
    const message =
      error.code === "commander.help"
        ? "No command given. Run 'flatfile-jobs --help' for the commands."
        : error.message.replace(/^error: /, "");
    return { code: EXIT.usage, message, shownByCommander: true };
  }
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message };
  // Nothing was sent: the id, token, URL or FLATFILE_LOG given cannot be used.
  if (error instanceof InvalidArgumentError) return { code: EXIT.usage, message: error.message };
  if (error instanceof APIUserAbortError) {
    return { code: EXIT.interrupted, message: "Interrupted; a job being waited for keeps running." };
  }
  if (error instanceof JobWaitTimeoutError) {
    // Worded from the error's fields, not its message: the library's hint names its option (`maxWait`), and here
    // the knob is the --timeout flag.
    const { jobId, job, maxWait } = error;
    const state = job
      ? `still ${job.status ?? "running"}${job.progress === undefined ? "" : ` at ${job.progress}%`}`
      : "not seen yet";
    return {
      code: EXIT.failure,
      message: `Job ${jobId} did not finish within ${maxWait} ms (${state}). It keeps running; wait again or raise --timeout.`,
    };
  }
  if (error instanceof JobFailedError || error instanceof JobCanceledError) {
    return { code: EXIT.failure, message: error.message };
  }
  if (error instanceof APIError) {
    return {
      code: EXIT.failure,
      message: error.message,
      textSuffix: error.requestId ? ` (request id ${error.requestId})` : undefined,
    };
  }
  if (error instanceof JobsError) return { code: EXIT.failure, message: error.message };
  // Anything else is a bug in this tool.
  return { code: EXIT.failure, message: error instanceof Error ? error.message : String(error) };
}

/** Writes the error as `Error: …` on one line (stacks of unexpected errors excepted) and returns the exit code. */
export function reportError(error: unknown, write: (text: string) => void, secrets: string[]): number {
  const { code, message, textSuffix, shownByCommander } = describeError(error);
  if (message === undefined || shownByCommander) return code;
  // An unexpected error is a bug in this tool: keep its stack, it is what a bug report needs.
  const stack = isUnexpected(error) && error instanceof Error ? error.stack : undefined;
  const line = stack ?? `${message}${textSuffix ?? ""}`.replace(/\s*\n\s*/g, " ");
  write(`Error: ${redact(line, secrets)}\n`);
  return code;
}

/**
 * `--json`: writes `{"error":{…},"exitCode":N}` on one line and returns the exit code. The object is the SDK
 * error's `toJSON()` (name, message and fields such as status and requestId; never headers or the token), with the
 * message worded as in text mode; a usage error is `{"name":"UsageError","message":…}`, with commander's `code`
 * when commander refused the arguments.
 */
export function reportErrorAsJson(error: unknown, write: (text: string) => void, secrets: string[]): number {
  const { code, message } = describeError(error);
  if (message === undefined) return code;
  let line: string;
  try {
    line = JSON.stringify({ error: errorObject(error, message), exitCode: code }, redactStrings(secrets));
  } catch {
    // A field that cannot be serialised (a cycle, a BigInt) must not cost the error its report.
    line = JSON.stringify({ error: { name: errorName(error), message }, exitCode: code }, redactStrings(secrets));
  }
  // Redacted value by value above, and once more as text, for a secret in a key.
  write(`${redact(line, secrets)}\n`);
  return code;
}

function errorObject(error: unknown, message: string): Record<string, unknown> {
  if (error instanceof CommanderError) return { name: "UsageError", code: error.code, message };
  if (error instanceof JobsError) return { ...error.toJSON(), message };
  if (isUnexpected(error) && error instanceof Error) return { name: error.name, message, stack: error.stack };
  return { name: errorName(error), message };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "Error";
}

function isUnexpected(error: unknown): boolean {
  return !(error instanceof CommanderError || error instanceof UsageError || error instanceof JobsError);
}

/** A JSON.stringify replacer that redacts every string value. */
function redactStrings(secrets: string[]) {
  return (_key: string, value: unknown): unknown => (typeof value === "string" ? redact(value, secrets) : value);
}

/** Replaces every known secret with `[redacted]`: server messages or echoed arguments could carry one. */
export function redact(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  return result;
}
