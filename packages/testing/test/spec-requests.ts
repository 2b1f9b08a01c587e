// Requests made from openapi/openapi.yaml, valid and invalid, to compare the simulator with Prism: each operation's
// examples with one declared field (at any depth the example reaches) set to a value chosen from that field's own
// schema (its bounds and one past them, a fraction, each enum member and a near miss, a wrong type), the list's
// query parameters likewise, and the headers; and random combinations of such changes.

import { deref, type Node, spec } from "@flatfile-jobs/tools/spec";
import fc from "fast-check";

export interface SpecRequest {
  method: string;
  /** The spec's path, e.g. `/jobs/{jobId}/ack`. */
  path: string;
  query: Array<[string, string]>;
  /** `X-Disable-Hooks`, or undefined to leave it out. */
  hooks: string | undefined;
  /** The bearer token, or undefined to leave it out. */
  token: string | undefined;
  /** The JSON text of the body, or undefined for none. */
  body: string | undefined;
}

/** Every operation of the spec with its method and path. */
export const operations: Array<{ method: string; path: string; operation: Node }> = Object.entries(spec.paths).flatMap(
  ([path, item]) =>
    Object.entries(item as Record<string, Node>)
      .filter(([, operation]) => typeof operation?.operationId === "string")
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

/** The named examples of an operation's request body. */
export function examplesOf(operation: Node): Record<string, Node> {
  return deref(deref(operation.requestBody)?.content?.["application/json"]?.examples) ?? {};
}

const bodySchemaOf = (operation: Node): Node => deref(operation.requestBody)?.content?.["application/json"]?.schema;

/** A schema's properties, through `allOf`. */
function propertiesOf(schema: Node): Record<string, Node> {
  const s = deref(schema);
  if (!s) return {};
  return Object.assign({}, ...(s.allOf ?? []).map(propertiesOf), s.properties ?? {});
}

/** The form of a discriminated union that `data`'s tag names (the schema itself otherwise). */
function formOf(schema: Node, data: unknown): Node {
  const s = deref(schema);
  const discriminator = s?.discriminator;
  if (discriminator?.mapping && typeof data === "object" && data !== null) {
    const target = discriminator.mapping[(data as Record<string, string>)[discriminator.propertyName] ?? ""];
    if (target) return deref({ $ref: target });
  }
  return s;
}

/** The schema of the value at `path` inside `data`, which `schema` describes. */
function schemaAt(schema: Node, data: unknown, path: Array<string | number>): Node {
  let s = formOf(schema, data);
  let d = data as Node;
  for (const segment of path) {
    if (typeof segment === "number") s = deref(s?.items);
    else {
      const forms = [s, ...(s?.oneOf ?? s?.anyOf ?? [])];
      s = forms.map((form) => propertiesOf(form)[segment]).find(Boolean);
    }
    d = d?.[segment];
    s = formOf(s, d);
  }
  return s;
}

/** Values for a field of this schema, on both sides of what it allows. */
export function valuesFor(schema: Node, depth = 0): unknown[] {
  const s = deref(schema);
  if (!s) return ["x", 5];
  const union = s.oneOf ?? s.anyOf;
  if (union) {
    const values = depth < 2 ? union.flatMap((form: Node) => valuesFor(form, depth + 1)) : [{}, "x"];
    return [...new Map(values.map((v: unknown) => [JSON.stringify(v), v])).values()];
  }
  if (Array.isArray(s.enum)) return [...s.enum, `${s.enum[0]}x`, 5];
  switch (s.type) {
    case "integer":
    case "number": {
      const values: unknown[] = [1.5, "1", null];
      if (typeof s.minimum === "number") values.push(s.minimum - 1, s.minimum);
      if (typeof s.maximum === "number") values.push(s.maximum, s.maximum + 1);
      // No huge numbers: `parts` is such a field, and the simulator would create that many part jobs.
      if (s.minimum === undefined && s.maximum === undefined) values.push(0, -1, 3);
      return values;
    }
    case "string":
      if (s.format === "date-time") return ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00", "2024-05-01", "yesterday"];
      if (s.format === "date") return ["2024-05-01", "2024-02-30", "yesterday"];
      return ["x", "", 5, null];
    case "boolean":
      return [true, false, "true", 0];
    case "array":
      return [[], [valuesFor(s.items, depth + 1)[0]], "x"];
    case "object":
      return [{}, [], "x"];
    default:
      return ["x", 5];
  }
}

/** The paths of the objects inside a JSON value (the root first). */
function objectsIn(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== "object" || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...(Array.isArray(value) ? [] : [at]), ...entries.flatMap(([key, v]) => objectsIn(v, [...at, key]))];
}

/** `example` with `node[name] = value` for the object `node` at `path`; with `value` undefined, the field removed. */
function withField(example: unknown, path: Array<string | number>, name: string, value: unknown): unknown {
  const copy = structuredClone(example);
  // biome-ignore lint/suspicious/noExplicitAny: walking a JSON value
  const node: any = path.reduce((n: any, key) => n?.[key], copy);
  if (value === undefined) delete node[name];
  else node[name] = value;
  return copy;
}

const base = (method: string, path: string): SpecRequest => ({
  method,
  path,
  query: [],
  hooks: "true",
  token: "sk_agree",
  body: undefined,
});

/** A change of one declared field of a body: where, which, and to what (undefined removes it). */
interface FieldChange {
  path: Array<string | number>;
  name: string;
  value: unknown;
}

/** Each declared field of each object the example holds, set to each of its values, or removed. */
function fieldChanges(operation: Node, example: unknown): FieldChange[] {
  return objectsIn(example).flatMap((path) =>
    Object.entries(propertiesOf(schemaAt(bodySchemaOf(operation), example, path))).flatMap(([name, schema]) =>
      [...valuesFor(schema), undefined].map((value) => ({ path, name, value })),
    ),
  );
}

/** The list's query parameters, each on its own, at each of its values (as strings), plus one twice and one unknown. */
function queryCases(operation: Node): Array<Array<[string, string]>> {
  const parameters = (operation.parameters ?? []).map(deref).filter((p: Node) => p.in === "query");
  const cases: Array<Array<[string, string]>> = parameters.flatMap((p: Node) =>
    [...valuesFor(p.schema), "abc", "1e1", "", "true"].map((v): Array<[string, string]> => [[p.name, String(v)]]),
  );
  if (parameters.length > 0)
    cases.push([
      [parameters[0].name, "x"],
      [parameters[0].name, "y"],
    ]);
  return [...cases, [["utm_source", "x"]]];
}

/** Every request of the exhaustive pass (about 1,600), without duplicates. */
export function everyCase(): SpecRequest[] {
  const requests: SpecRequest[] = [];
  for (const { method, path, operation } of operations) {
    const examples = Object.values(examplesOf(operation)).map((e) => deref(e).value);
    const valid = examples[0] === undefined ? undefined : JSON.stringify(examples[0]);
    requests.push({ ...base(method, path), body: valid });
    requests.push({ ...base(method, path), body: valid, hooks: undefined });
    requests.push({ ...base(method, path), body: valid, hooks: "false" });
    requests.push({ ...base(method, path), body: valid, token: undefined });
    for (const query of queryCases(operation)) requests.push({ ...base(method, path), body: valid, query });
    if (method === "GET") continue;
    if (!operation.requestBody) {
      requests.push({ ...base(method, path), body: "{}" });
      continue;
    }
    for (const body of [undefined, "[]", '"x"', "5", "true", "{}"]) requests.push({ ...base(method, path), body });
    for (const example of examples) {
      for (const { path: at, name, value } of fieldChanges(operation, example)) {
        requests.push({ ...base(method, path), body: JSON.stringify(withField(example, at, name, value)) });
      }
    }
  }
  const unique = new Map(requests.map((r) => [JSON.stringify(r), r]));
  return [...unique.values()].filter((r) => !splitsIntoNothing(r));
}

/** Random requests: an example with one to three changes, random query parameters and headers. */
export const randomCase: fc.Arbitrary<SpecRequest> = fc
  .constantFrom(...operations)
  .chain(({ method, path, operation }) => {
    const examples = Object.values(examplesOf(operation)).map((e) => deref(e).value);
    const query = queryCases(operation).flat();
    const body: fc.Arbitrary<string | undefined> =
      method === "GET"
        ? fc.constant(undefined)
        : examples.length === 0
          ? fc.constantFrom(undefined, undefined, undefined, "{}")
          : fc.oneof(
              {
                weight: 8,
                arbitrary: fc.constantFrom(...examples).chain((example) =>
                  fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((picks) =>
                    JSON.stringify(
                      picks.reduce((changed, pick) => {
                        const changes = fieldChanges(operation, changed);
                        const change = changes[pick % Math.max(1, changes.length)];
                        return change ? withField(changed, change.path, change.name, change.value) : changed;
                      }, example),
                    ),
                  ),
                ),
              },
              { weight: 1, arbitrary: fc.constantFrom(undefined, "[]", '"x"', "5", "{}") },
            );
    return fc.record({
      method: fc.constant(method),
      path: fc.constant(path),
      query:
        query.length === 0
          ? fc.constant<Array<[string, string]>>([])
          : fc.array(fc.constantFrom(...query), { maxLength: 3 }),
      hooks: fc.constantFrom<string | undefined>(...Array.from({ length: 8 }, () => "true"), "false", undefined),
      token: fc.constantFrom<string | undefined>(...Array.from({ length: 12 }, () => "sk_agree"), undefined),
      body,
    });
  })
  .filter((r) => !splitsIntoNothing(r));

/**
 * A split into fewer than one part: valid for the spec, refused by the simulator's own rule about jobs (a 400 from
 * the job store, not from validation), so it cannot be compared.
 */
function splitsIntoNothing({ path, body }: SpecRequest): boolean {
  if (!path.endsWith("/split") || body === undefined) return false;
  const parts = (JSON.parse(body) as { parts?: unknown } | null)?.parts;
  return (typeof parts === "number" && parts < 1) || (Array.isArray(parts) && parts.length === 0);
}
