// The documentation tables that list operations, written from the table of operations (tools/src/operations-table.ts)
// so that they list whatever the spec has: in README.md, the operations of `client.jobs` and their retry behaviour;
// in packages/core/README.md, the operation functions; in packages/react/README.md, the actions of
// `useJobsMutation`; in packages/cli/README.md, the commands made from the spec. Each stands between two markers in its Markdown file:
//   <!-- generated: <name> (pnpm generate, from openapi/openapi.yaml; do not edit) -->
//   …
//   <!-- end: <name> -->
// `pnpm generate` rewrites what is between them, `pnpm check:generated` fails when it differs. Tables are written
// as biome formats Markdown (columns padded to their widest cell), so `pnpm lint:root` agrees with them.
import { commandName } from "./codegen-cli";
import { mutationRows, variablesType } from "./codegen-react";
import type { OperationRow } from "./operations-table";

/** A Markdown table, its columns padded to their widest cell, as biome writes one. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** `(jobId, body?, query?)`: the arguments of an operation's method, options left out. */
function parameters(row: OperationRow): string {
  const args = [
    ...row.pathParams,
    ...(row.body ? [row.body.required ? "body" : "body?"] : []),
    ...(row.query ? [row.query.required ? "query" : "query?"] : []),
  ];
  return `(${args.join(", ")})`;
}

/** README.md: each method of `client.jobs`, its function, the request it sends and what it resolves to. */
export function operationsTable(rows: OperationRow[]): string {
  return markdownTable(
    ["method of `client.jobs`", "function", "request", "resolves to"],
    rows.map((row) => [
      `\`${row.operationId}${parameters(row)}\``,
      `\`${row.functionName}\``,
      `\`${row.method} ${row.path}\``,
      row.response ? `\`${row.response}\`` : "its 200 body",
    ]),
  );
}

const RETRIED_ANY = "any transient failure";
const RETRIED_SAFE =
  "only failures that prove the request was not processed: connection refused or host not found, a 408, a 429, or a 503 with `Retry-After`";

/** README.md: which operations are retried after what, grouped by method and idempotence. */
export function retryTable(rows: OperationRow[]): string {
  const groups = new Map<string, { method: string; idempotent: boolean; names: string[] }>();
  for (const row of rows) {
    const key = `${row.method} ${row.idempotent}`;
    const group = groups.get(key) ?? { method: row.method, idempotent: row.idempotent, names: [] };
    group.names.push(row.operationId);
    groups.set(key, group);
  }
  const order = (g: { method: string; idempotent: boolean }) =>
    Number(!g.idempotent) * 10 + METHOD_ORDER.indexOf(g.method);
  return markdownTable(
    ["operations", "method", "idempotent", "retried after"],
    [...groups.values()]
      .sort((a, b) => order(a) - order(b))
      .map((g) => [
        g.names.map((name) => `\`${name}\``).join(", "),
        g.method,
        g.idempotent ? "yes" : "no",
        g.idempotent ? RETRIED_ANY : RETRIED_SAFE,
      ]),
  );
}
const METHOD_ORDER = ["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"];

/** packages/core/README.md: each operation function and the method it is. */
export function functionsTable(rows: OperationRow[]): string {
  return markdownTable(
    ["function", "method of `client.jobs`", "request"],
    rows.map((row) => [
      `\`${row.functionName}(client, ${parameters(row).slice(1)}\``,
      `\`jobs.${row.operationId}\``,
      `\`${row.method} ${row.path}\``,
    ]),
  );
}

/** packages/react/README.md: each action of `useJobsMutation`, what `mutate` takes and the request it sends. */
export function actionsTable(rows: OperationRow[]): string {
  return markdownTable(
    ["action", "`mutate(…)` takes", "sends"],
    mutationRows(rows).map((row) => [
      `\`${row.operationId}\``,
      `\`${variablesType(row)}\``,
      `\`${row.method} ${row.path}\``,
    ]),
  );
}

/** packages/cli/README.md: the commands made from the spec (operations without a hand-written command). */
export function commandsTable(rows: OperationRow[], handWritten: ReadonlySet<string>): string {
  return markdownTable(
    ["command", "sends"],
    rows
      .filter((row) => !handWritten.has(row.operationId))
      .map((row) => [
        `\`flatfile-jobs ${[
          commandName(row.operationId),
          ...row.pathParams.map((name) => `<${name}>`),
          ...(row.body ? [row.body.required ? "--body <json>" : "[--body <json>]"] : []),
          ...(row.query ? ["[--query name=value …]"] : []),
        ].join(" ")}\``,
        `\`${row.method} ${row.path}\``,
      ]),
  );
}

/** `text` with what stands between the markers of `name` replaced by `content`; an error if the markers are missing. */
export function replaceGenerated(text: string, name: string, content: string, file: string): string {
  const start = `<!-- generated: ${name} (pnpm generate, from openapi/openapi.yaml; do not edit) -->`;
  const end = `<!-- end: ${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from)
    throw new Error(`${file} has no generated section "${name}": put the lines\n${start}\n${end}\nwhere it goes`);
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`;
}
