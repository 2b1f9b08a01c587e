// Writes what the `flatfile-jobs` command (@flatfile-jobs/cli) knows of the spec: `packages/cli/src/generated/spec.ts`,
// every operation of the table (tools/src/operations-table.ts) with its command name (the operation id in
// kebab-case: `getExecutionPlan` → `get-execution-plan`), path parameters, body, query parameters and summary, from
// which the CLI makes a command for each operation it has no hand-written command for; and the values of every
// enum of strings, with whether the spec leaves it open (`x-open-enum`: a value the CLI does not know may still be
// one the API takes).
import type { OperationRow } from "./operations-table";
import type { Node } from "./refs";

/** `getExecutionPlan` → `get-execution-plan`. */
export function commandName(operationId: string): string {
  return operationId.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** `packages/cli/src/generated/spec.ts`. */
export function cliSpecModule(spec: Node, rows: OperationRow[]): string {
  const operations = rows.map((row) => ({
    operationId: row.operationId,
    command: commandName(row.operationId),
    method: row.method,
    path: row.path,
    pathParams: row.pathParams,
    body: row.body ? (row.body.required ? "required" : "optional") : undefined,
    query: row.query?.names ?? [],
    returnsJob: row.returnsJob,
    summary: row.summary ?? row.operationId,
  }));
  const enums = Object.fromEntries(
    Object.entries<Node>(spec.components?.schemas ?? {})
      .filter(([, schema]) => Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v === "string"))
      .map(([name, schema]) => [name, { values: schema.enum, open: schema["x-open-enum"] === true }]),
  );
  // One line per operation and per enum.
  const lines = (value: unknown) =>
    Array.isArray(value)
      ? `[\n${value.map((item) => `  ${JSON.stringify(item)},`).join("\n")}\n]`
      : `{\n${Object.entries(value as object)
          .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
          .join("\n")}\n}`;
  return `/**
 * Generated from openapi/openapi.yaml by \`pnpm generate\` (tools/src/codegen-cli.ts).
 * Every operation of the spec as the CLI makes commands of it, and the spec's enums of strings.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

export interface SpecOperation {
  operationId: string;
  /** The command's name: the operation id in kebab-case. */
  command: string;
  method: string;
  path: string;
  /** The path's parameters, in order: the command's arguments. */
  pathParams: string[];
  body?: "required" | "optional";
  /** The names of its query parameters: \`--query name=value\`. */
  query: string[];
  /** Whether it answers with a job, which prints as the other commands print one. */
  returnsJob: boolean;
  summary: string;
}

export const OPERATIONS: readonly SpecOperation[] = ${lines(operations)};

/** The values of each enum of strings, and whether the spec leaves it open to values added later. */
export const ENUMS: Readonly<Record<string, { values: string[]; open: boolean }>> = ${lines(enums)};
`;
}
