// Writes the client's operations from the table of a built description (tools/src/operations-table.ts), as the
// TypeScript of two generated modules of @flatfile-jobs/core:
// - `src/generated/operations.ts`: one function per operation, client first (`getJob(client, jobId, options)`),
//   with its JSDoc from the description's summary and description; the types of its body and query
//   (`JobConfig`, `ListJobsQuery`); everything here is exported by the package;
// - `src/generated/jobs.ts`: `JobsResource`, the interface of `client.jobs` (a method per operation, plus the
//   helpers `iterate` and `waitFor`, whose declarations are written below), and `createJobsResource`, which binds
//   the functions to a client.
// Arguments, in order: the path's parameters (strings), the body, the query, the per-request options; an optional
// one before a required one is typed `T | undefined`. `pnpm generate` writes both; `pnpm check:generated` fails
// when they differ from what the description gives.
import type { OperationRow } from "./operations-table";

const HEADER = (what: string[]) => `/**
 * Generated from openapi/openapi.yaml by \`pnpm generate\` (tools/src/codegen-operations.ts).
${what.map((line) => ` * ${line}`).join("\n")}
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */
`;

// The helpers of `client.jobs` that are not operations of the API: their declarations and how they are bound.
const HELPERS = {
  imports: [
    'import { type IterateOptions, iterateJobs, type JobIterable } from "../pagination.js";',
    'import type { Job, OperationResult } from "../types.js";',
    'import { type WaitForOptions, waitForJob } from "../wait-for-job.js";',
  ],
  members: `  /**
   * Every job across all pages of \`list\`, fetching the next page while the current one is used:
   * \`for await (const job of client.jobs.iterate({ spaceId }))\`; \`.pages()\` walks a page at a time.
   */
  iterate(query?: ListJobsQuery, options?: IterateOptions): JobIterable;
  /**
   * Polls a job until it ends (\`TERMINAL_JOB_STATUSES\`): resolves with it when it succeeded (\`complete\`), throws
   * \`JobFailedError\` when it \`failed\`, \`JobCanceledError\` when \`canceled\`, \`JobWaitTimeoutError\` at the deadline.
   */
  waitFor(jobId: string, options?: WaitForOptions): Promise<Job>;`,
  bindings: ["    iterate: bind(iterateJobs),", "    waitFor: bind(waitForJob),"],
  /** What the helpers' declarations use of the generated types. */
  uses: ["ListJobsQuery"],
};

interface Argument {
  name: string;
  type: string;
  optional: boolean;
}

/** The type name of an operation's body: its schema's, or `<Function>Body` for an inline one. */
export function bodyType(row: OperationRow): string | undefined {
  if (!row.body) return undefined;
  return row.body.schema ?? `${capitalize(row.functionName)}Body`;
}

/** The type name of an operation's query: `<Function>Query`. */
export function queryType(row: OperationRow): string | undefined {
  return row.query ? `${capitalize(row.functionName)}Query` : undefined;
}

/** The operation's arguments after the client, options last; an optional one before a required one is `| undefined`. */
function argumentsOf(row: OperationRow): Argument[] {
  const args: Argument[] = [
    ...row.pathParams.map((name) => ({ name, type: "string", optional: false })),
    ...(row.body ? [{ name: "body", type: bodyType(row) as string, optional: !row.body.required }] : []),
    ...(row.query ? [{ name: "query", type: queryType(row) as string, optional: !row.query.required }] : []),
    { name: "options", type: "RequestOptions", optional: true },
  ];
  return args.map((arg, i) =>
    arg.optional && args.slice(i + 1).some((later) => !later.optional)
      ? { ...arg, type: `${arg.type} | undefined`, optional: false }
      : arg,
  );
}

const signature = (args: Argument[]) => args.map((a) => `${a.name}${a.optional ? "?" : ""}: ${a.type}`).join(", ");

/** A JSDoc block from the description's words, at `indent`. */
function doc(row: OperationRow, indent: string): string {
  const safe = (text: string) => text.replace(/\*\//g, "*\\/").trim();
  const first = `${safe(row.summary ?? row.operationId)} (\`${row.method} ${row.path}\`).`;
  const rest = row.description ? safe(row.description).split("\n") : [];
  const lines = [first, ...(rest.length > 0 ? ["", ...rest] : [])];
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */`;
}

/** `src/generated/operations.ts`: the operation functions and the types of their bodies and queries. */
export function operationsModule(rows: OperationRow[]): string {
  const aliases: string[] = [];
  const bodies = new Map<string, OperationRow[]>();
  for (const row of rows) {
    const type = bodyType(row);
    if (type) bodies.set(type, [...(bodies.get(type) ?? []), row]);
  }
  for (const [type, users] of bodies) {
    const schema = users[0]?.body?.schema;
    const where = users.map((r) => `\`jobs.${r.operationId}\``).join(" and ");
    aliases.push(
      `/** Body of ${where}. */`,
      schema
        ? `export type ${type} = Schemas[${JSON.stringify(schema)}];`
        : `export type ${type} = NonNullable<operations[${JSON.stringify(users[0]?.operationId)}]["requestBody"]>["content"]["application/json"];`,
    );
  }
  for (const row of rows) {
    const type = queryType(row);
    if (!type) continue;
    aliases.push(
      `/** Query parameters of \`jobs.${row.operationId}\`. */`,
      `export type ${type} = ${row.query?.required ? "" : "NonNullable<"}operations[${JSON.stringify(row.operationId)}]["parameters"]["query"]${row.query?.required ? "" : ">"};`,
    );
  }

  const functions = rows.map((row) => {
    const args = argumentsOf(row);
    const others = row.pathParams.filter((name) => name !== "jobId");
    const params = [
      ...(others.length > 0 ? [`path: { ${others.join(", ")} }`] : []),
      ...(row.query ? ["query"] : []),
      ...(row.body ? ["body"] : []),
    ];
    // `idempotent` is written only where it is true: absent, the client never sends the request twice.
    const operation = `{ method: ${JSON.stringify(row.method)}, path: ${JSON.stringify(row.path)}${row.idempotent ? ", idempotent: true" : ""} }`;
    const jobId = row.pathParams.includes("jobId") ? "jobId" : "undefined";
    return [
      doc(row, ""),
      `export function ${row.functionName}(client: JobsCore, ${signature(args)}): Result<${JSON.stringify(row.operationId)}> {`,
      `  return client[CALL](${operation}, ${jobId}, ${params.length > 0 ? `{ ${params.join(", ")} }` : "{}"}, options);`,
      "}",
    ].join("\n");
  });

  return `${HEADER([
    "The operations of the Jobs API as functions that take the client first, and the types of their bodies and",
    "queries. A bundler keeps only the functions an app imports; `client.jobs` offers the same operations as methods.",
  ])}
import { CALL, type JobsCore, type RequestOptions } from "../contracts.js";
import type { OperationResult, Schemas } from "../types.js";
import type { operations } from "./schema.js";

type Result<Op extends keyof operations> = Promise<OperationResult<Op>>;

${aliases.join("\n")}

${functions.join("\n\n")}
`;
}

/** `src/generated/jobs.ts`: `JobsResource` and `createJobsResource`. */
export function jobsModule(rows: OperationRow[]): string {
  const types = new Set<string>(HELPERS.uses);
  for (const row of rows) {
    for (const type of [bodyType(row), queryType(row)]) if (type) types.add(type);
  }
  const members = rows.map(
    (row) =>
      `${doc(row, "  ")}\n  ${row.operationId}(${signature(argumentsOf(row))}): Promise<OperationResult<${JSON.stringify(row.operationId)}>>;`,
  );
  return `${HEADER(["`client.jobs`: the operations as methods of one client, and the helpers `iterate` and `waitFor`."])}
import type { JobsCore, RequestOptions } from "../contracts.js";
${HELPERS.imports.join("\n")}
import {
  ${rows.map((row) => row.functionName).join(",\n  ")},
  ${[...types].map((type) => `type ${type}`).join(",\n  ")},
} from "./operations.js";

/**
 * The operations of the Jobs API as methods. Names and argument order follow \`@flatfile/api\`'s \`jobs\` resource:
 * the path's parameters (the job id) first, then the body or query, then per-request options. Apps use it and
 * never implement it: a method added with a new operation of the API is a minor release.
 *
 * @sealed
 */
export interface JobsResource {
${HELPERS.members}
${members.join("\n")}
}

/** \`client.jobs\`: the operation functions, bound to one client. */
export function createJobsResource(client: JobsCore): JobsResource {
  const bind =
    <A extends unknown[], R>(operation: (client: JobsCore, ...args: A) => R) =>
    (...args: A) =>
      operation(client, ...args);
  return {
${HELPERS.bindings.join("\n")}
${rows.map((row) => `    ${row.operationId}: bind(${row.functionName}),`).join("\n")}
  };
}
`;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
