// Validates each request against openapi/openapi.yaml, the way the API refuses what its description refuses: path,
// query and header parameters, and the JSON body. The spec reaches this module as src/generated/openapi.json, a
// subset that `pnpm generate` writes and the build bundles (the published package never reads the repository).
import type { IncomingHttpHeaders } from "node:http";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { show } from "./check.js";
import generated from "./generated/openapi.json";

type Schema = { [keyword: string]: unknown };
type Location = "path" | "query" | "header";

interface Parameter {
  name: string;
  in: Location | "cookie";
  required: boolean;
  schema: Schema;
}

/** One operation of the spec: its method, path template, parameters and request body. */
export interface Operation {
  operationId: string;
  method: string;
  /** The spec's path, e.g. `/jobs/{jobId}/ack`. */
  path: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
}

/** One entry of the API's `Errors` body. */
export interface Refusal {
  key?: string;
  message: string;
}

interface Subset {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Omit<Operation, "method" | "path">>>;
  components: { schemas: Record<string, Schema> };
}

const spec = generated as unknown as Subset;

/** The path every operation is served under: the first server's, e.g. `/v1`. */
export const BASE_PATH = new URL(spec.servers[0]?.url ?? "http://x/v1").pathname.replace(/\/$/, "");

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
);

const routes = operations
  .map((operation) => {
    const names: string[] = [];
    const pattern = operation.path
      .split("/")
      .map((segment) => {
        const name = /^\{(.+)\}$/.exec(segment)?.[1];
        if (name === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "([^/]+)";
      })
      .join("/");
    return { operation, names, regex: new RegExp(`^${BASE_PATH}${pattern}$`) };
  })
  // A literal segment wins over a template (`/jobs/preview-mutation` before `/jobs/{jobId}`), as OpenAPI says.
  .sort((a, b) => a.names.length - b.names.length);

/** The operation a request is for, and its path parameters as sent (still percent-encoded). */
export function matchRoute(
  method: string,
  pathname: string,
): { operation: Operation; params: Record<string, string> } | undefined {
  for (const { operation, names, regex } of routes) {
    if (operation.method !== method) continue;
    const match = regex.exec(pathname);
    if (match) return { operation, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""])) };
  }
  return undefined;
}

/** The top-level fields an operation's JSON body may carry (its schema's `properties`, through `allOf` and `$ref`). */
export function bodyFields(operation: Operation): Set<string> {
  const fields = new Set<string>();
  const visit = (schema: Schema | undefined): void => {
    const resolved = resolve(schema);
    for (const name of Object.keys((resolved?.properties as Schema | undefined) ?? {})) fields.add(name);
    for (const part of (resolved?.allOf as Schema[] | undefined) ?? []) visit(part);
  };
  visit(operation.requestBody?.content["application/json"]?.schema);
  return fields;
}

// ---------------------------------------------------------------------------------------------------------------
// The validators: two ajv instances (parameters arrive as strings and are coerced per their schema; bodies are
// JSON and are not), each holding the component schemas once. They are created on the first request, and each
// operation's validators are compiled on its first request, then kept for the process and shared by every
// simulator in it. Compiling every operation up front took 0.3-0.4 s on a busy 2-core machine; lazily, the first
// request pays about 0.1 s (creating the instances), the first `create` and plan `PUT` 0.07-0.09 s each (the 23
// job configs, the Property union), the others a few milliseconds.

const COMPONENTS_ID = "openapi.json";
const REF_PREFIX = "#/components/schemas/";
// Keywords of OpenAPI, not JSON Schema: known to ajv so that strict mode accepts them, and without effect.
const OPENAPI_KEYWORDS = ["discriminator", "example", "xml", "externalDocs"];

/** The schema with every `#/components/schemas/X` ref pointing into the components ajv holds. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" ? rebaseRef(value) : rebase(value),
    ]),
  );
}

function rebaseRef(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? `${COMPONENTS_ID}#/$defs/${ref.slice(REF_PREFIX.length)}` : ref;
}

/** Follows `$ref`s (as written in the spec or rebased) to the schema. */
function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === "string" && hops < 32; hops++) {
    const name = /(?:#\/components\/schemas\/|#\/\$defs\/)([^/]+)$/.exec(current.$ref)?.[1];
    current = name === undefined ? undefined : spec.components.schemas[name];
  }
  return current;
}

let instances: { body: Ajv2020; params: Ajv2020 } | undefined;

function ajv(kind: "body" | "params"): Ajv2020 {
  if (!instances) {
    const create = (coerceTypes: boolean) => {
      // strictRequired is off because a `required` list may name a property another `allOf` member defines.
      const instance = new Ajv2020({
        allErrors: true,
        verbose: true,
        coerceTypes,
        strict: true,
        strictRequired: false,
      });
      addFormats(instance);
      instance.addVocabulary(OPENAPI_KEYWORDS);
      instance.addSchema({ $id: COMPONENTS_ID, $defs: rebase(spec.components.schemas) });
      return instance;
    };
    instances = { body: create(false), params: create(true) };
  }
  return instances[kind];
}

const compiled = new Map<string, ValidateFunction>();

function validator(key: string, kind: "body" | "params", schema: () => unknown): ValidateFunction {
  let validate = compiled.get(`${kind} ${key}`);
  if (!validate) {
    validate = ajv(kind).compile(schema() as Schema);
    compiled.set(`${kind} ${key}`, validate);
  }
  return validate;
}

/** Compiles every operation's validators now (for tests and measurements); returns how many there are. */
export function compileAll(): number {
  for (const operation of operations) {
    for (const location of ["path", "query", "header"] as const) parameterValidator(operation, location);
    if (operation.requestBody) bodyValidator(operation);
  }
  return compiled.size;
}

function parametersIn(operation: Operation, location: Location): Parameter[] {
  return operation.parameters.filter((p) => p.in === location);
}

// Header names are case-insensitive: their schema is keyed by the lower-case name Node gives them.
const nameOf = (location: Location, name: string) => (location === "header" ? name.toLowerCase() : name);

function parameterValidator(operation: Operation, location: Location): ValidateFunction {
  return validator(`${operation.operationId} ${location}`, "params", () => {
    const parameters = parametersIn(operation, location);
    return {
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [nameOf(location, p.name), rebase(p.schema)])),
      required: parameters.filter((p) => p.required).map((p) => nameOf(location, p.name)),
    };
  });
}

function bodyValidator(operation: Operation): ValidateFunction {
  return validator(`${operation.operationId} body`, "body", () =>
    rebase(operation.requestBody?.content["application/json"]?.schema),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Validating a request.

export interface IncomingRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as sent; `""` when there is none. */
  body: string;
}

export interface CheckedRequest {
  /** Every reason to refuse the request; empty when it matches the spec. */
  refusals: Refusal[];
  /** The path parameters, decoded. */
  params: Record<string, string>;
  /** The query parameters the spec declares, coerced to their schema's types (`pageSize: 20`). */
  query: Record<string, unknown>;
  /** The parsed JSON body, or `undefined` when there is none. */
  body: unknown;
}

/**
 * Checks a request against its operation: path, query and header parameters (query and header values are
 * strings, coerced per their schema), then the body: absent only when the spec does not require it, JSON with
 * `Content-Type: application/json`, and valid against the request body's schema. Query parameters the spec does
 * not declare are ignored, one given once with an empty value (`?pageSize=`) counts as absent, and one given
 * more than once is refused, as Prism treats them.
 */
export function checkRequest(operation: Operation, request: IncomingRequest): CheckedRequest {
  const refusals: Refusal[] = [];
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(request.params)) {
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      refusals.push({ key: name, message: `Path parameter ${name} is not valid percent-encoding, got ${show(raw)}.` });
    }
  }
  checkParameters(operation, "path", params, refusals);

  const query: Record<string, unknown> = {};
  for (const { name, schema } of parametersIn(operation, "query")) {
    const values = request.query.getAll(name);
    if (values.length > 1 && resolve(schema)?.type !== "array") {
      refusals.push({
        key: name,
        message: `Query parameter ${name} must be given once, got it ${values.length} times.`,
      });
    } else if (values.length > 1 || (values.length === 1 && values[0] !== "")) {
      query[name] = values.length === 1 ? values[0] : values;
    }
  }
  checkParameters(operation, "query", query, refusals);

  const headers: Record<string, unknown> = {};
  for (const { name } of parametersIn(operation, "header")) {
    const value = request.headers[name.toLowerCase()];
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  checkParameters(operation, "header", headers, refusals);

  const body = checkBody(operation, request);
  return { refusals: [...refusals, ...body.refusals], params, query, body: body.value };
}

/** How refusals name what they are about: the key, and the subject of the sentence. */
interface Place {
  kind: "body" | "params";
  key(key: string): string;
  subject(key: string): string;
}

const BODY: Place = { kind: "body", key: (key) => key, subject: (key) => (key === "" ? "The request body" : key) };

function checkParameters(operation: Operation, location: Location, values: Record<string, unknown>, out: Refusal[]) {
  const validate = parameterValidator(operation, location);
  if (validate(values)) return;
  const names = new Map(parametersIn(operation, location).map((p) => [nameOf(location, p.name), p.name]));
  const label = { path: "Path parameter", query: "Query parameter", header: "Header" }[location];
  const place: Place = {
    kind: "params",
    key: (key) => {
      const [first = "", ...rest] = key.split(".");
      return [names.get(first) ?? first, ...rest].join(".");
    },
    subject: (key) => `${label} ${key}`,
  };
  out.push(...describeErrors(validate.errors ?? [], "", place));
}

function checkBody(operation: Operation, request: IncomingRequest): { refusals: Refusal[]; value?: unknown } {
  const where = `${operation.method} ${BASE_PATH}${operation.path}`;
  const declared = operation.requestBody;
  if (request.body === "") {
    if (!declared?.required) return { refusals: [] };
    const schema = declared.content["application/json"]?.schema;
    const name = typeof schema?.$ref === "string" ? ` (${schema.$ref.split("/").pop()})` : "";
    return { refusals: [{ message: `The request body is required: ${where} takes a JSON object${name}.` }] };
  }
  if (!declared) return { refusals: [{ message: `${where} takes no request body.` }] };
  const contentType = request.headers["content-type"];
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  const schema = mediaType === undefined ? undefined : declared.content[mediaType]?.schema;
  if (!schema) {
    const expected = Object.keys(declared.content).join(" or ");
    const got = contentType === undefined ? "none" : show(contentType);
    return {
      refusals: [
        {
          key: "Content-Type",
          message: `The request body must be JSON, sent with Content-Type: ${expected}, got ${got}.`,
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch {
    return { refusals: [{ message: "The request body is not valid JSON." }] };
  }
  const validate = bodyValidator(operation);
  return { refusals: validate(value) ? [] : describeErrors(validate.errors ?? [], "", BODY), value };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors in plain words: `key` is the field or parameter (`progress`, `outcome.next.url`, `parts[0]`), the message
// says what it must be and what it was.

const MAX_REFUSALS = 20;

/** ajv's errors as refusals: one per problem, a union's noise replaced by what its value should have been. */
function describeErrors(errors: ErrorObject[], base: string, place: Place): Refusal[] {
  // A failed `oneOf`/`anyOf` comes after the errors of each of its branches (at its path or below): those are
  // dropped, and the union describes the problem itself.
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === "oneOf" || error.keyword === "anyOf") {
      const path = error.instancePath;
      while (kept.length > 0) {
        const last = kept[kept.length - 1]?.instancePath ?? "";
        if (last !== path && !last.startsWith(`${path}/`)) break;
        kept.pop();
      }
    }
    kept.push(error);
  }
  const seen = new Set<string>();
  const refusals: Refusal[] = [];
  for (const error of kept) {
    for (const r of describe(error, base, place)) {
      const id = `${r.key}\u0000${r.message}`;
      if (seen.has(id) || refusals.length >= MAX_REFUSALS) continue;
      seen.add(id);
      refusals.push(r);
    }
  }
  return refusals;
}

/** A refusal about the value at `pointer`: `progress must be …`, or `The request body must be …` at the root. */
function refusal(place: Place, pointer: string, message: string): Refusal {
  const key = place.key(keyOf(pointer));
  const sentence = `${place.subject(key)} ${message}`;
  return key === "" ? { message: sentence } : { key, message: sentence };
}

function describe(error: ErrorObject, base: string, place: Place): Refusal[] {
  const path = base + error.instancePath;
  const parent = error.parentSchema as Schema | undefined;
  switch (error.keyword) {
    case "required": {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const property = resolve((parent?.properties as Record<string, Schema> | undefined)?.[missing]);
      return [refusal(place, `${path}/${missing}`, `is required${property ? requiredHint(property) : ""}.`)];
    }
    case "additionalProperties": {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      return [refusal(place, `${path}/${extra}`, "is not allowed here.")];
    }
    case "oneOf":
    case "anyOf":
      return describeUnion(error, path, place);
    case "type":
    case "enum":
    case "const":
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "multipleOf":
    case "format":
      return [refusal(place, path, `must be ${rule(parent)}, ${gotOf(error.data)}`)];
    default:
      return [refusal(place, path, `${error.message ?? "is not valid"}, ${gotOf(error.data)}`)];
  }
}

/** Which of a union's forms the value was meant to be, and what is wrong with it. */
function describeUnion(error: ErrorObject, path: string, place: Place): Refusal[] {
  const parent = error.parentSchema as Schema | undefined;
  const branches = (error.schema as Schema[] | undefined) ?? [];
  const data = error.data;
  const matches = (error.params as { passingSchemas?: unknown }).passingSchemas;
  if (Array.isArray(matches)) {
    return [refusal(place, path, `matches more than one of its forms (${rule(parent)}), ${gotOf(data)}`)];
  }

  // A discriminated union: the tag names the form; check the value against that form alone.
  const discriminator = parent?.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (discriminator?.mapping && typeof data === "object" && data !== null && !Array.isArray(data)) {
    const tagPath = `${path}/${discriminator.propertyName}`;
    const tag = (data as Record<string, unknown>)[discriminator.propertyName];
    const tags = Object.keys(discriminator.mapping).join(", ");
    if (tag === undefined) return [refusal(place, tagPath, `is required (one of ${tags}).`)];
    const target = typeof tag === "string" ? discriminator.mapping[tag] : undefined;
    if (target === undefined) return [refusal(place, tagPath, `must be one of ${tags}, ${gotOf(tag)}`)];
    const validate = validator(`ref ${target}`, place.kind, () => ({ $ref: rebaseRef(target) }));
    if (!validate(data)) return describeErrors(validate.errors ?? [], path, place);
  }

  // Otherwise: if every form refuses the value's type, say which types would do; else report the form that got
  // furthest (its first error is the deepest), e.g. `parts[0] must be an object` for `parts: [1]`.
  let best: { depth: number; errors: ErrorObject[] } | undefined;
  for (const branch of branches) {
    const validate = validator(`branch ${JSON.stringify(branch)}`, place.kind, () => branch);
    if (validate(data)) continue;
    const errors = validate.errors ?? [];
    const typeOnly = errors.every((e) => e.instancePath === "" && (e.keyword === "type" || e.keyword === "enum"));
    if (typeOnly) continue;
    const depth = Math.max(...errors.map((e) => e.instancePath.split("/").length));
    if (!best || depth > best.depth) best = { depth, errors };
  }
  if (best) return describeErrors(best.errors, path, place);
  return [refusal(place, path, `must be ${rule(parent)}, ${gotOf(data)}`)];
}

function requiredHint(schema: Schema): string {
  const values = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const] : undefined;
  if (!values) return "";
  return values.length === 1 ? ` (its only value is ${JSON.stringify(values[0])})` : ` (one of ${values.join(", ")})`;
}

/** `/outcome/next/url` → `outcome.next.url`; `/parts/0` → `parts[0]`. */
function keyOf(pointer: string): string {
  let key = "";
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    key += /^\d+$/.test(segment) ? `[${segment}]` : key === "" ? segment : `.${segment}`;
  }
  return key;
}

/** What a schema accepts, in words: `a whole number from 0 to 100`, `one of asc, desc`, `an object`. */
function rule(schema: Schema | undefined, depth = 0): string {
  const s = resolve(schema);
  if (!s || depth > 4) return "a valid value";
  if (Array.isArray(s.enum)) {
    return s.enum.length === 1 ? JSON.stringify(s.enum[0]) : `one of ${s.enum.map((v) => String(v)).join(", ")}`;
  }
  if ("const" in s) return JSON.stringify(s.const);
  const union = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (union) {
    const forms = [...new Set(union.map((branch) => rule(branch, depth + 1)))];
    return forms.length <= 1 ? (forms[0] ?? "a valid value") : `${forms.slice(0, -1).join(", ")} or ${forms.at(-1)}`;
  }
  if (Array.isArray(s.allOf)) return rule(s.allOf[0] as Schema, depth + 1);
  const range = (whole: string) => {
    const min = typeof s.minimum === "number" ? s.minimum : undefined;
    const max = typeof s.maximum === "number" ? s.maximum : undefined;
    if (min !== undefined && max !== undefined) return `${whole} from ${min} to ${max}`;
    if (min !== undefined) return `${whole}, ${min} or more`;
    if (max !== undefined) return `${whole}, ${max} or less`;
    return whole;
  };
  switch (s.type) {
    case "integer":
      return range(s.format === "int64" ? "a whole number (64-bit)" : "a whole number");
    case "number":
      return range("a number");
    case "boolean":
      return "true or false";
    case "string":
      if (s.format === "date-time") return "a date and time such as 2024-05-01T12:00:00Z";
      if (s.format === "date") return "a date such as 2024-05-01";
      return "a string";
    case "array": {
      const items = resolve(s.items as Schema | undefined);
      const of = { object: "objects", string: "strings", integer: "whole numbers", number: "numbers" }[
        String(items?.type)
      ];
      return of ? `an array of ${of}` : "an array";
    }
    case "object":
      return "an object";
    default:
      return "a valid value";
  }
}

const gotOf = (value: unknown) => `got ${show(value)}.`;
