// The operations of a built description (openapi/openapi.yaml) as one table: `operationTable(spec)`, one row per
// operation, in the description's order, with everything the client's generated code and the tests need to know
// about it: its names, method and path, path parameters, query, body, response and idempotence. The operation
// functions, `client.jobs`, their types and exports are generated from it (tools/src/codegen-operations.ts), and
// `pnpm spec:update` lists the operations whose idempotence nobody has decided yet.
//
// Names: `client.jobs.<operationId>`, and the function `<verb>Job<Rest>` (`getExecutionPlan` →
// `getJobExecutionPlan`, `pause` → `pauseJob`) unless the description says otherwise with `x-function-name`.
// Idempotence: the description's `x-idempotent` (the overlay decides it, difference 14); without one, by the HTTP
// method (GET, HEAD, PUT and DELETE are idempotent by HTTP's definition, POST and PATCH are not).
import { deref, type Node } from "./refs";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD";
const METHODS: readonly HttpMethod[] = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"];
const IDEMPOTENT_METHODS = new Set<HttpMethod>(["GET", "HEAD", "PUT", "DELETE"]);
/** Headers the client sends itself on every request; an operation may list them. */
const CLIENT_HEADERS = new Set(["authorization", "x-disable-hooks"]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export interface OperationRow {
  /** The description's `operationId`: the method of `client.jobs` and the key of the generated `operations`. */
  operationId: string;
  /** The operation function's name, e.g. `getJobExecutionPlan`. */
  functionName: string;
  method: HttpMethod;
  /** The description's path, e.g. `/jobs/{jobId}/plan`. */
  path: string;
  /** The path's parameters, in the order the path has them. */
  pathParams: string[];
  /** The operation's query parameters, by name, and whether one of them is required; none: undefined. */
  query: { names: string[]; required: boolean } | undefined;
  /**
   * The request body: required or optional, and the component schema it is (`JobConfig`), if it is one; an
   * inline body has no schema name.
   */
  body: { required: boolean; schema: string | undefined } | undefined;
  /** The component schema of the 200 body (`JobResponse`), if it is one. */
  response: string | undefined;
  /** Whether the 200 body is a job (`JobResponse`, `{ data: Job }`). */
  returnsJob: boolean;
  /** Whether sending it twice does no more than sending it once. */
  idempotent: boolean;
  /** Whether the description says so (`x-idempotent`), or it was read off the method, waiting for a decision. */
  idempotenceDecided: boolean;
  summary: string | undefined;
  description: string | undefined;
}

/** Why the operations cannot be generated; the message names the operation and says what to change. */
export class OperationTableError extends Error {}

/** `getExecutionPlan` → `getJobExecutionPlan`: the first word of the id, then `Job`, then the rest. */
export function defaultFunctionName(operationId: string): string {
  const [, verb = operationId, rest = ""] = /^([a-z][a-z0-9]*)(.*)$/.exec(operationId) ?? [];
  return `${verb}Job${rest}`;
}

/** One row per operation of `spec`, in the order the description lists them. */
export function operationTable(spec: Node): OperationRow[] {
  const rows: OperationRow[] = [];
  for (const [path, item] of Object.entries<Node>(spec.paths ?? {})) {
    for (const [key, operation] of Object.entries<Node>(item ?? {})) {
      const method = key.toUpperCase() as HttpMethod;
      if (!METHODS.includes(method) || typeof operation !== "object" || operation === null) continue;
      rows.push(row(spec, path, method, item, operation));
    }
  }
  for (const field of ["operationId", "functionName"] as const) {
    const seen = new Map<string, OperationRow>();
    for (const r of rows) {
      const other = seen.get(r[field]);
      if (other)
        throw new OperationTableError(
          `${r.method} ${r.path} and ${other.method} ${other.path} would both be ${field === "operationId" ? "client.jobs" : "the function"} ${r[field]}: ` +
            "give one of them another name in openapi/overlay.yaml (`operationId`, or `x-function-name`)",
        );
      seen.set(r[field], r);
    }
  }
  return rows;
}

function row(spec: Node, path: string, method: HttpMethod, item: Node, operation: Node): OperationRow {
  const at = `${method} ${path}`;
  const operationId = operation.operationId;
  if (typeof operationId !== "string" || !IDENTIFIER.test(operationId))
    throw new OperationTableError(
      `${at}: its operationId ${JSON.stringify(operationId)} is not a name a method can have; ` +
        "rename it in openapi/overlay.yaml (difference 6, the SDK's method names)",
    );
  const functionName = operation["x-function-name"] ?? defaultFunctionName(operationId);
  if (typeof functionName !== "string" || !IDENTIFIER.test(functionName))
    throw new OperationTableError(`${at}: x-function-name ${JSON.stringify(functionName)} is not a function name`);

  const parameters: Node[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => {
    const resolved = deref(spec, p);
    if (resolved === undefined) throw new OperationTableError(`${at}: the parameter ${p.$ref} points at nothing`);
    return resolved;
  });
  const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  for (const name of inPath) {
    if (!parameters.some((p) => p.in === "path" && p.name === name))
      throw new OperationTableError(`${at}: the path has {${name}} but no path parameter of that name`);
    if (!IDENTIFIER.test(name))
      throw new OperationTableError(`${at}: the path parameter ${name} is not a name an argument can have`);
  }
  const unsupported = parameters.filter(
    (p) => p.in === "cookie" || (p.in === "header" && !CLIENT_HEADERS.has(String(p.name).toLowerCase())),
  );
  if (unsupported.length > 0)
    throw new OperationTableError(
      `${at}: the client cannot send its ${unsupported.map((p) => `${p.in} parameter ${p.name}`).join(", ")}; ` +
        "teach packages/core/src/internal/send.ts to, or leave it out in openapi/overlay.yaml",
    );
  const queryParams = parameters.filter((p) => p.in === "query");

  let body: OperationRow["body"];
  if (operation.requestBody !== undefined) {
    const requestBody = deref(spec, operation.requestBody);
    const media = requestBody?.content?.["application/json"];
    if (!media)
      throw new OperationTableError(`${at}: its request body is not application/json, which the client sends`);
    body = { required: requestBody.required === true, schema: schemaName(media.schema) };
  }
  const ok = deref(spec, operation.responses?.["200"]);
  if (!ok?.content?.["application/json"])
    throw new OperationTableError(`${at}: it has no 200 response with an application/json body`);

  const declared = operation["x-idempotent"];
  return {
    operationId,
    functionName,
    method,
    path,
    pathParams: inPath,
    query:
      queryParams.length > 0
        ? { names: queryParams.map((p) => String(p.name)), required: queryParams.some((p) => p.required === true) }
        : undefined,
    body,
    response: schemaName(ok.content["application/json"].schema),
    returnsJob: schemaName(ok.content["application/json"].schema) === "JobResponse",
    idempotent: typeof declared === "boolean" ? declared : IDEMPOTENT_METHODS.has(method),
    idempotenceDecided: typeof declared === "boolean",
    summary: typeof operation.summary === "string" ? operation.summary : undefined,
    description: typeof operation.description === "string" ? operation.description : undefined,
  };
}

/** The component schema a `$ref` names, or undefined for an inline schema. */
function schemaName(schema: Node): string | undefined {
  const name =
    typeof schema?.$ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)?.[1] : undefined;
  return name?.replace(/~1/g, "/").replace(/~0/g, "~");
}
