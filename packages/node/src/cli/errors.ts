// Turns whatever ended a command into one line on stderr and the process's exit code.
import {
  APIError,
  APIUserAbortError,
  InvalidArgumentError,
  JobCanceledError,
  JobFailedError,
  JobsError,
  JobWaitTimeoutError,
} from "@flatfile-jobs/core";
import { CommanderError } from "commander";

export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in how the command was called (a missing token, a bad value): exit 2, nothing was sent. */
export class UsageError extends Error {}

/** The exit code for an error, and the line to print (undefined when commander has printed it already). */
export function describeError(error: unknown): { code: number; line?: string } {
  if (error instanceof CommanderError) {
    // Commander has written its own message (or the help) through configureOutput by the time it throws.
    const shownOnPurpose = error.code === "commander.helpDisplayed" || error.code === "commander.version";
    return { code: shownOnPurpose ? EXIT.ok : EXIT.usage };
  }
  if (error instanceof UsageError) return { code: EXIT.usage, line: error.message };
  // Nothing was sent: the id, token, URL or FLATFILE_LOG given cannot be used.
  if (error instanceof InvalidArgumentError) return { code: EXIT.usage, line: error.message };
  if (error instanceof APIUserAbortError) {
    return { code: EXIT.interrupted, line: "Interrupted; a job being waited for keeps running." };
  }
  if (error instanceof JobWaitTimeoutError) {
    // The library's hint names its `timeout` option; here the knob is the --timeout flag.
    return { code: EXIT.failure, line: error.message.replace("raise `timeout`", "raise --timeout") };
  }
  if (error instanceof JobFailedError || error instanceof JobCanceledError) {
    return { code: EXIT.failure, line: error.message };
  }
  if (error instanceof APIError) {
    return {
      code: EXIT.failure,
      line: error.requestId ? `${error.message} (request id ${error.requestId})` : error.message,
    };
  }
  if (error instanceof JobsError) return { code: EXIT.failure, line: error.message };
  // Anything else is a bug in this tool: keep the stack, it is what a bug report needs.
  return { code: EXIT.failure, line: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** Writes the error as `Error: …` on one line (stacks of unexpected errors excepted) and returns the exit code. */
export function reportError(error: unknown, write: (text: string) => void, secrets: string[]): number {
  const { code, line } = describeError(error);
  if (line !== undefined) {
    const oneLine = error instanceof Error && line === error.stack ? line : line.replace(/\s*\n\s*/g, " ");
    write(`Error: ${redact(oneLine, secrets)}\n`);
  }
  return code;
}

/** Replaces every known secret with `[redacted]`: server messages or echoed arguments could carry one. */
export function redact(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  return result;
}
