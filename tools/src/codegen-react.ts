// Writes the actions of `useJobsMutation` (@flatfile-jobs/react) from the table of operations
// (tools/src/operations-table.ts): `packages/react/src/generated/mutations.ts`, with `JobsMutationVariables` (what
// each action's `mutate` takes) and how each one is sent. An action is every operation that changes a job and
// answers with it (not a GET; its 200 body is `JobResponse`), named by its operation id; its variables are the body
// itself when the body is all it takes (`create`), else `{ <path parameters>, details, query }` (`details?` and
// `query?` when they are optional). The cache rules (packages/react/src/mutations.ts) are the same for all.
import { bodyType, queryType } from "./codegen-operations";
import type { OperationRow } from "./operations-table";

/** The operations `useJobsMutation` offers. */
export function mutationRows(rows: OperationRow[]): OperationRow[] {
  return rows.filter((row) => row.method !== "GET" && row.method !== "HEAD" && row.returnsJob);
}

/** Whether the action takes its body alone as variables. */
const bodyAlone = (row: OperationRow) => row.body !== undefined && row.pathParams.length === 0 && !row.query;

/** The type of an action's variables, as the generated interface writes it. */
export function variablesType(row: OperationRow): string {
  if (bodyAlone(row)) return bodyType(row) as string;
  const fields = [
    ...row.pathParams.map((name) => `${name}: string`),
    ...(row.body ? [`details${row.body.required ? "" : "?"}: ${bodyType(row)}`] : []),
    ...(row.query ? [`query${row.query.required ? "" : "?"}: ${queryType(row)}`] : []),
  ];
  return fields.length > 0 ? `{ ${fields.join("; ")} }` : "Record<string, never>";
}

function sendExpression(row: OperationRow): string {
  if (bodyAlone(row)) return `(client, body) => ${row.functionName}(client, body)`;
  const args = [
    ...row.pathParams.map((name) => `v.${name}`),
    ...(row.body ? ["v.details"] : []),
    ...(row.query ? ["v.query"] : []),
  ];
  return `(client, v) => ${row.functionName}(client${args.map((a) => `, ${a}`).join("")})`;
}

/** `packages/react/src/generated/mutations.ts`. */
export function reactMutationsModule(rows: OperationRow[]): string {
  const actions = mutationRows(rows);
  const types = new Set<string>();
  for (const row of actions) for (const type of [bodyType(row), queryType(row)]) if (type) types.add(type);
  const imports = [...actions.map((row) => row.functionName), ...["Job", "JobsCore", ...types].map((t) => `type ${t}`)];
  return `/**
 * Generated from openapi/openapi.yaml by \`pnpm generate\` (tools/src/codegen-react.ts).
 * The actions of \`useJobsMutation\`: every operation that changes a job and answers with it.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

import {
  ${imports.join(",\n  ")},
} from "@flatfile-jobs/core";

/**
 * What each action's \`mutate\` takes: the body itself when that is all the operation takes (\`create\`), else the
 * job's id and the operation's body as \`details\`. Apps use it and never implement it: an action added with a new
 * operation of the API is a minor release.
 *
 * @sealed
 */
export interface JobsMutationVariables {
${actions.map((row) => `  ${row.operationId}: ${variablesType(row)};`).join("\n")}
}

/** How each action is sent: its operation function, with the variables spread into its arguments. */
export const SEND: {
  [A in keyof JobsMutationVariables]: (client: JobsCore, variables: JobsMutationVariables[A]) => Promise<{ data: Job }>;
} = {
${actions.map((row) => `  ${row.operationId}: ${sendExpression(row)},`).join("\n")}
};
`;
}
