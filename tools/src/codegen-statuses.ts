// Writes the statuses that end a job, from `x-terminal` on the `JobStatus` schema of a built description, as
// `packages/core/src/generated/statuses.ts`: `TERMINAL_JOB_STATUSES` and `jobEnding(status)`, which waitFor, runJob,
// React's useJob, the simulator and the examples read, so that the one list is the description's. `x-terminal` maps
// each status that ends a job to how it ended it: `succeeded`, `failed` or `canceled`. A status not in it (one the
// API adds later included) is a job still running.
import type { Node } from "./refs";

/** How a status ends a job: waitFor resolves at `succeeded`, throws JobFailedError / JobCanceledError otherwise. */
export const ENDINGS = ["succeeded", "failed", "canceled"] as const;
export type Ending = (typeof ENDINGS)[number];

/** `x-terminal` of `JobStatus`, checked: every key a value of the enum, every value one of ENDINGS. */
export function terminalStatuses(doc: Node): [status: string, ending: Ending][] {
  const schema = doc.components?.schemas?.JobStatus;
  const where = "openapi.yaml: components.schemas.JobStatus";
  if (!schema) throw new Error(`${where} is missing; the statuses that end a job are read from it`);
  const terminal = schema["x-terminal"];
  if (typeof terminal !== "object" || terminal === null || Object.keys(terminal).length === 0) {
    throw new Error(
      `${where} has no x-terminal: list the statuses that end a job there, each with how it ends it ` +
        `(${ENDINGS.join(", ")}), in openapi/overlay.yaml`,
    );
  }
  const known = new Set<string>(schema.enum ?? []);
  return Object.entries<unknown>(terminal).map(([status, ending]) => {
    if (!known.has(status))
      throw new Error(`${where}: x-terminal names ${JSON.stringify(status)}, which is not one of its enum's values`);
    if (!ENDINGS.includes(ending as Ending)) {
      throw new Error(
        `${where}: x-terminal says ${JSON.stringify(status)} ends a job as ${JSON.stringify(ending)}; ` +
          `it must be one of ${ENDINGS.join(", ")}`,
      );
    }
    return [status, ending as Ending];
  });
}

/** The TypeScript of `packages/core/src/generated/statuses.ts`. */
export function statusesModule(doc: Node): string {
  const statuses = terminalStatuses(doc);
  const cases = statuses.map(([status, ending]) => `    case ${JSON.stringify(status)}:\n      return "${ending}";`);
  return `/**
 * Generated from openapi/openapi.yaml by \`pnpm generate\` (tools/src/codegen-statuses.ts), from \`x-terminal\` on
 * \`JobStatus\`: the statuses after which a job does not change by itself, and how each one ended it.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

/**
 * How a job ended: it \`succeeded\` (\`waitFor\` resolves with it), \`failed\` (\`JobFailedError\`) or was \`canceled\`
 * (\`JobCanceledError\`).
 */
export type JobEnding = ${ENDINGS.map((e) => `"${e}"`).join(" | ")};

/** The statuses that end a job: ${statuses.map(([s]) => `\`${s}\``).join(", ")}. */
export const TERMINAL_JOB_STATUSES = [${statuses.map(([s]) => JSON.stringify(s)).join(", ")}] as const;

/** A status that ends a job. */
export type TerminalJobStatus = (typeof TERMINAL_JOB_STATUSES)[number];

/**
 * How a job with this status ended, or \`undefined\` while it runs. A status this version does not know (one the API
 * added later) is read as running.
 */
export function jobEnding(status: string | undefined): JobEnding | undefined {
  switch (status) {
${cases.join("\n")}
    default:
      return undefined;
  }
}
`;
}
