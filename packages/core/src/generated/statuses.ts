/**
 * Generated from openapi/openapi.yaml by `pnpm generate` (tools/src/codegen-statuses.ts), from `x-terminal` on
 * `JobStatus`: the statuses after which a job does not change by itself, and how each one ended it.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

/**
 * How a job ended: it `succeeded` (`waitFor` resolves with it), `failed` (`JobFailedError`) or was `canceled`
 * (`JobCanceledError`).
 */
export type JobEnding = "succeeded" | "failed" | "canceled";

/** The statuses that end a job: `complete`, `failed`, `canceled`. */
export const TERMINAL_JOB_STATUSES = ["complete", "failed", "canceled"] as const;

/** A status that ends a job. */
export type TerminalJobStatus = (typeof TERMINAL_JOB_STATUSES)[number];

/**
 * How a job with this status ended, or `undefined` while it runs. A status this version does not know (one the API
 * added later) is read as running.
 */
export function jobEnding(status: string | undefined): JobEnding | undefined {
  switch (status) {
    case "complete":
      return "succeeded";
    case "failed":
      return "failed";
    case "canceled":
      return "canceled";
    default:
      return undefined;
  }
}
