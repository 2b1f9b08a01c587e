// A call of any operation, built from the description: `exampleArguments(spec, row)` gives the arguments of its
// generated function after the client (or of its `client.jobs` method): a value for each path parameter (the
// parameter's example, else one its schema accepts), the body (the request body's first named example, else the
// smallest value its schema accepts, left out when the body is optional) and the query (every query parameter
// that has an example, and the required ones). The tests that run every operation call it with these, so an
// operation Flatfile adds is called, with no test edited, as soon as `pnpm spec:update` takes it in.
import type { OperationRow } from "./operations-table";
import { deref, type Node } from "./refs";

/** The arguments after the client: path parameters in order, then the body, then the query (as the code has them). */
export function exampleArguments(spec: Node, row: OperationRow): unknown[] {
  const operation = spec.paths[row.path][row.method.toLowerCase()];
  const parameters: Node[] = [...(spec.paths[row.path].parameters ?? []), ...(operation.parameters ?? [])].map(
    (p: Node) => deref(spec, p),
  );
  const args: unknown[] = row.pathParams.map((name) => {
    const parameter = parameters.find((p) => p.in === "path" && p.name === name);
    return (
      parameter?.example ?? String(minimalValue(spec, { ...(deref(spec, parameter?.schema) ?? {}), type: "string" }))
    );
  });
  if (row.body) {
    const media = deref(spec, operation.requestBody)?.content?.["application/json"];
    const example = deref(spec, Object.values<Node>(media?.examples ?? {})[0]);
    args.push(example?.value ?? media?.example ?? (row.body.required ? minimalValue(spec, media?.schema) : undefined));
  }
  if (row.query) {
    const query: Record<string, unknown> = {};
    for (const p of parameters.filter((p) => p.in === "query")) {
      if (p.example !== undefined) query[p.name] = p.example;
      else if (p.required) query[p.name] = minimalValue(spec, p.schema);
    }
    args.push(query);
  }
  return args;
}

/**
 * The smallest value a schema accepts, as far as this description's schemas go: an object with its required
 * properties, the first value of an enum, a union's first member, the lower bound of a number, a date-time for a
 * date-time string, one item where an array needs some.
 */
export function minimalValue(spec: Node, schema: Node, depth = 0): unknown {
  const s = deref(spec, schema) ?? {};
  if (depth > 20) return {};
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.examples?.[0] !== undefined) return s.examples[0];
  const member = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (member !== undefined) return minimalValue(spec, member, depth + 1);
  if (Array.isArray(s.allOf))
    return Object.assign({}, ...s.allOf.map((part: Node) => minimalValue(spec, part, depth + 1)));
  const type = [s.type].flat()[0];
  switch (type) {
    case "string":
      return s.format === "date-time"
        ? "2026-01-01T00:00:00.000Z"
        : s.format === "date"
          ? "2026-01-01"
          : "x".repeat(s.minLength ?? 1);
    case "integer":
    case "number":
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
    case "boolean":
      return true;
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => minimalValue(spec, s.items, depth + 1));
    case "null":
      return null;
    default:
      return Object.fromEntries(
        (s.required ?? []).map((name: string) => [name, minimalValue(spec, s.properties?.[name], depth + 1)]),
      );
  }
}
