// Classifies every change between two OpenAPI 3.1 descriptions from the point of view of an app built against the
// first: breaking (it could stop compiling or behave wrongly), non-breaking (an addition it may use), behaviour
// (apps compile as before but the API acts differently, e.g. a default changed, or a change of something this
// classifier does not compare: reported, never dropped), or docs.
// Schemas are compared in the direction data flows: what the app sends (a request may not get stricter) and what
// it receives (a response may not get wider). Used by `pnpm spec:diff`, `pnpm spec:update` and `check:changeset`.

import { defaultFunctionName } from "./operations-table";
import { deref as derefIn, type Node } from "./refs";

export interface SpecChange {
  level: "breaking" | "non-breaking" | "behaviour" | "docs";
  operation: string;
  pointer: string;
  message: string;
}

export type Bump = "major" | "minor" | "patch" | "none";

type Level = SpecChange["level"];
/** "request": the app sends it; "response": the app receives it. */
type Direction = "request" | "response";

/** What the comparison of one operation (or of the component schemas) carries along. */
interface Context {
  before: Node;
  after: Node;
  add: (level: Level, pointer: string, message: string) => void;
  /** Pairs of named schemas compared already, with the direction. */
  seen: Set<string>;
  /** The `$ref`s of the new description that an operation reaches. */
  reached: Set<string>;
}

/** The bump a set of changes needs: any breaking → major; any addition → minor; behaviour or docs only → patch. */
export function bumpFor(changes: SpecChange[]): Bump {
  if (changes.some((c) => c.level === "breaking")) return "major";
  if (changes.some((c) => c.level === "non-breaking")) return "minor";
  return changes.length > 0 ? "patch" : "none";
}

/** The report as a person reads it: the bump, then the changes by level. */
export function formatReport({ bump, changes }: { bump: Bump; changes: SpecChange[] }, base: string): string {
  const lines = [`openapi/openapi.yaml since ${base}: ${changes.length} change(s), bump: ${bump}`];
  const sections: [Level, string][] = [
    ["breaking", "Breaking (an app built against the old description could stop compiling or behave wrongly)"],
    ["non-breaking", "Non-breaking (additions)"],
    ["behaviour", "Behaviour (apps compile as before, but the API acts differently: review it)"],
    ["docs", "Docs only"],
  ];
  for (const [level, title] of sections) {
    const some = changes.filter((c) => c.level === level);
    if (some.length === 0) continue;
    lines.push("", `${title}:`);
    for (const c of some) lines.push(`  ${c.operation}: ${c.message}`, `      at ${c.pointer}`);
  }
  return lines.join("\n");
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const DOC_KEYS = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "deprecated"]);

/** Every change from `before` (the description an app was built against) to `after` (the new one), and the bump. */
export function classify(before: object, after: object): { bump: Bump; changes: SpecChange[] };
export function classify(before: Node, after: Node): { bump: Bump; changes: SpecChange[] } {
  const changes: SpecChange[] = [];
  const add = (level: Level, operation: string, pointer: string, message: string) =>
    changes.push({ level, operation, pointer, message });
  const ops = (doc: Node) => {
    const map = new Map<string, { path: string; method: string; op: Node; item: Node }>();
    for (const [path, item] of Object.entries<Node>(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (op) map.set(`${method.toUpperCase()} ${path}`, { path, method, op, item });
      }
    }
    return map;
  };
  const oldOps = ops(before);
  const newOps = ops(after);
  // Named schemas are compared once per direction across the whole description; `reached` keeps their names.
  const seen = new Set<string>();
  const reached = new Set<string>();

  for (const [key, { path, method, op }] of oldOps) {
    const pointer = `/paths/${pointerSegment(path)}/${method}`;
    const name = op.operationId ?? key;
    const next = newOps.get(key);
    if (!next) {
      add("breaking", name, pointer, `operation ${key} removed`);
      continue;
    }
    const ctx: Context = { before, after, add: (level, ptr, message) => add(level, name, ptr, message), seen, reached };
    compareOperation(ctx, pointer, op, next.op, oldOps.get(key)?.item, next.item);
  }
  for (const [key, { path, method, op }] of newOps) {
    if (!oldOps.has(key))
      add("non-breaking", op.operationId ?? key, `/paths/${pointerSegment(path)}/${method}`, `operation ${key} added`);
  }

  // Component schemas are public as types (every schema of the description is a named type apps can import).
  const oldSchemas = before.components?.schemas ?? {};
  const newSchemas = after.components?.schemas ?? {};
  for (const name of Object.keys(oldSchemas)) {
    if (!(name in newSchemas))
      add("breaking", "components", `/components/schemas/${pointerSegment(name)}`, `schema ${name} removed`);
  }
  for (const name of Object.keys(newSchemas)) {
    if (!(name in oldSchemas))
      add("non-breaking", "components", `/components/schemas/${pointerSegment(name)}`, `schema ${name} added`);
  }
  // Schemas no operation reaches are still types of the description: compared as responses (the stricter view
  // of an added member).
  const ctx: Context = {
    before,
    after,
    add: (level, ptr, message) => add(level, "components", ptr, message),
    seen,
    reached,
  };
  for (const name of Object.keys(oldSchemas)) {
    const ref = `#/components/schemas/${pointerSegment(name)}`;
    if (name in newSchemas && !reached.has(ref)) compareSchema(ctx, "", { $ref: ref }, { $ref: ref }, "response");
  }
  if (
    JSON.stringify(before.components?.securitySchemes ?? {}) !== JSON.stringify(after.components?.securitySchemes ?? {})
  ) {
    add("breaking", "components", "/components/securitySchemes", "the security schemes changed");
  }
  if (JSON.stringify(before.security ?? []) !== JSON.stringify(after.security ?? [])) {
    add(
      "breaking",
      "security",
      "/security",
      "the API's security requirement changed (how every request is authorised)",
    );
  }
  if (JSON.stringify(before.servers ?? []) !== JSON.stringify(after.servers ?? [])) {
    add("docs", "servers", "/servers", "the servers changed (the client's base URLs are its own)");
  }
  if (JSON.stringify(before.info ?? {}) !== JSON.stringify(after.info ?? {})) {
    add("docs", "info", "/info", "the description's info changed");
  }
  // Nothing that changed is dropped without a word: a change of something not compared above is reported, with
  // where it is, for a person to judge (at least a patch, so that spec:update takes it in).
  if (changes.length === 0) {
    const compared = /\/(x-function-name|x-idempotent|x-terminal)(\/|$)/; // read above: a change there that matters is reported
    for (const pointer of differences(before, after)
      .filter((p) => !compared.test(p))
      .slice(0, 20))
      add("behaviour", "unclassified", pointer, "changed, and this classifier does not compare it: review it");
  }
  const unique = dedupe(changes);
  return { bump: bumpFor(unique), changes: unique };
}

function compareOperation(ctx: Context, pointer: string, oldOp: Node, newOp: Node, oldItem: Node, newItem: Node): void {
  if (oldOp.operationId !== newOp.operationId) {
    ctx.add(
      "breaking",
      `${pointer}/operationId`,
      `operationId ${oldOp.operationId} became ${newOp.operationId} (a type name)`,
    );
  }
  // The function apps import is named from the operation id, or by x-function-name (tools/src/operations-table.ts);
  // a description without any x-function-name predates the generated functions, whose names it did not give.
  const functionName = (op: Node) => op["x-function-name"] ?? defaultFunctionName(String(op.operationId));
  if (namesFunctions(ctx.before) && functionName(oldOp) !== functionName(newOp)) {
    ctx.add(
      "breaking",
      `${pointer}/x-function-name`,
      `the function ${functionName(oldOp)} became ${functionName(newOp)} (apps import it by name)`,
    );
  }
  const oldIdempotent = idempotent(oldOp, pointer);
  const newIdempotent = idempotent(newOp, pointer);
  if (oldIdempotent !== newIdempotent) {
    ctx.add(
      "breaking",
      `${pointer}/x-idempotent`,
      `the operation is ${newIdempotent ? "now" : "no longer"} idempotent: the client retries it differently`,
    );
  }
  for (const key of DOC_KEYS) {
    if (JSON.stringify(oldOp[key]) !== JSON.stringify(newOp[key]))
      ctx.add("docs", `${pointer}/${key}`, `${key} changed`);
  }
  if (JSON.stringify(oldOp.security) !== JSON.stringify(newOp.security)) {
    ctx.add("breaking", `${pointer}/security`, "the operation's security changed");
  }

  // Parameters, from the path item and the operation (the operation's win), by name and location.
  const params = (doc: Node, item: Node, op: Node) => {
    const map = new Map<string, Node>();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      const param = deref(doc, p);
      if (param?.name) map.set(`${param.in}:${param.name}`, param);
    }
    return map;
  };
  const oldParams = params(ctx.before, oldItem, oldOp);
  const newParams = params(ctx.after, newItem, newOp);
  for (const [key, oldParam] of oldParams) {
    const ptr = `${pointer}/parameters/${pointerSegment(key)}`;
    const newParam = newParams.get(key);
    if (!newParam) {
      ctx.add("breaking", ptr, `${oldParam.in} parameter ${oldParam.name} removed`);
      continue;
    }
    if (!oldParam.required && newParam.required)
      ctx.add("breaking", ptr, `${newParam.in} parameter ${newParam.name} became required`);
    if (oldParam.required && !newParam.required)
      ctx.add("non-breaking", ptr, `${newParam.in} parameter ${newParam.name} became optional`);
    compareDocs(ctx, ptr, oldParam, newParam);
    compareSchema(ctx, `${ptr}/schema`, oldParam.schema, newParam.schema, "request");
  }
  for (const [key, newParam] of newParams) {
    if (oldParams.has(key)) continue;
    const ptr = `${pointer}/parameters/${pointerSegment(key)}`;
    ctx.add(
      newParam.required ? "breaking" : "non-breaking",
      ptr,
      `${newParam.required ? "required" : "optional"} ${newParam.in} parameter ${newParam.name} added`,
    );
  }

  // The request body: what the app sends.
  const oldBody = deref(ctx.before, oldOp.requestBody);
  const newBody = deref(ctx.after, newOp.requestBody);
  const bodyPtr = `${pointer}/requestBody`;
  if (oldBody && !newBody) ctx.add("breaking", bodyPtr, "the request body was removed");
  if (!oldBody && newBody) {
    ctx.add(
      newBody.required ? "breaking" : "non-breaking",
      bodyPtr,
      `${newBody.required ? "a required" : "an optional"} request body was added`,
    );
  }
  if (oldBody && newBody) {
    if (!oldBody.required && newBody.required) ctx.add("breaking", bodyPtr, "the request body became required");
    if (oldBody.required && !newBody.required) ctx.add("non-breaking", bodyPtr, "the request body became optional");
    compareDocs(ctx, bodyPtr, oldBody, newBody);
    compareContent(ctx, `${bodyPtr}/content`, oldBody.content, newBody.content, "request");
  }

  // Responses: what the app receives. A success status that disappears breaks it; error statuses come as errors.
  const oldResponses = oldOp.responses ?? {};
  const newResponses = newOp.responses ?? {};
  for (const [status, oldRef] of Object.entries<Node>(oldResponses)) {
    const ptr = `${pointer}/responses/${status}`;
    const oldResponse = deref(ctx.before, oldRef);
    const newResponse = deref(ctx.after, newResponses[status]);
    if (!newResponse) {
      ctx.add(/^2/.test(status) ? "breaking" : "non-breaking", ptr, `response ${status} removed`);
      continue;
    }
    compareDocs(ctx, ptr, oldResponse, newResponse);
    compareContent(ctx, `${ptr}/content`, oldResponse.content, newResponse.content, "response");
    compareHeaders(ctx, `${ptr}/headers`, oldResponse.headers, newResponse.headers);
  }
  for (const status of Object.keys(newResponses)) {
    if (status in oldResponses) continue;
    // The client returns the 200 body as the operation's result: another success status would reach apps typed as it.
    if (/^2/.test(status))
      ctx.add(
        "breaking",
        `${pointer}/responses/${status}`,
        `success response ${status} added: apps would get its body typed as the 200's`,
      );
    else ctx.add("non-breaking", `${pointer}/responses/${status}`, `response ${status} added`);
  }
}

/** A response's headers: one that goes breaks an app that reads it; one that comes is an addition. */
function compareHeaders(ctx: Context, pointer: string, oldHeaders: Node = {}, newHeaders: Node = {}): void {
  for (const [name, oldRef] of Object.entries<Node>(oldHeaders)) {
    const ptr = `${pointer}/${pointerSegment(name)}`;
    const oldHeader = deref(ctx.before, oldRef);
    const newHeader = deref(ctx.after, newHeaders[name]);
    if (!newHeader) {
      ctx.add("breaking", ptr, `response header ${name} removed`);
      continue;
    }
    if (oldHeader.required && !newHeader.required) ctx.add("breaking", ptr, `response header ${name} became optional`);
    compareDocs(ctx, ptr, oldHeader, newHeader);
    compareSchema(ctx, `${ptr}/schema`, oldHeader.schema, newHeader.schema, "response");
  }
  for (const name of Object.keys(newHeaders)) {
    if (!(name in oldHeaders))
      ctx.add("non-breaking", `${pointer}/${pointerSegment(name)}`, `response header ${name} added`);
  }
}

function compareContent(
  ctx: Context,
  pointer: string,
  oldContent: Node = {},
  newContent: Node = {},
  direction: Direction,
): void {
  for (const [type, oldMedia] of Object.entries<Node>(oldContent)) {
    const ptr = `${pointer}/${pointerSegment(type)}`;
    const newMedia = newContent[type];
    if (!newMedia) {
      ctx.add(
        "breaking",
        ptr,
        `${type} ${direction === "request" ? "is no longer accepted" : "is no longer returned"}`,
      );
      continue;
    }
    compareSchema(ctx, `${ptr}/schema`, oldMedia.schema, newMedia.schema, direction);
    for (const key of ["example", "examples"]) {
      if (JSON.stringify(oldMedia[key]) !== JSON.stringify(newMedia[key]))
        ctx.add("docs", `${ptr}/${key}`, `${key} changed`);
    }
  }
  for (const type of Object.keys(newContent)) {
    if (!(type in oldContent)) ctx.add("non-breaking", `${pointer}/${pointerSegment(type)}`, `${type} added`);
  }
}

/**
 * Compares two schemas. `direction` is "request" (the app sends it: the new schema must accept all the old one
 * did) or "response" (the app receives it: the new schema must not produce anything the old one could not).
 */
function compareSchema(ctx: Context, pointer: string, oldNode: Node, newNode: Node, direction: Direction): void {
  if (oldNode === undefined && newNode === undefined) return;
  const oldRef = oldNode?.$ref;
  const newRef = newNode?.$ref;
  // A pair of named schemas is compared once per direction; the changes inside are reported at the schema.
  if (oldRef && newRef) {
    const key = `${oldRef}|${newRef}|${direction}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
    ctx.reached.add(newRef);
    const target = newRef.replace(/^#/, "");
    compareSchema(ctx, target, deref(ctx.before, oldNode), deref(ctx.after, newNode), direction);
    return;
  }
  const a = deref(ctx.before, oldNode) ?? {};
  const b = deref(ctx.after, newNode) ?? {};
  const widens: Level = direction === "response" ? "breaking" : "non-breaking";
  const narrows: Level = direction === "request" ? "breaking" : "non-breaking";
  const what = direction === "request" ? "sent" : "returned";

  compareDocs(ctx, pointer, a, b);

  // Types, `null` included.
  const ta = types(a);
  const tb = types(b);
  if (ta && tb) {
    // A type added widens, a type removed narrows; a replaced type does both, and counts as the worse of the two.
    const added = [...tb].some((t) => !ta.has(t));
    const removed = [...ta].some((t) => !tb.has(t));
    if (added || removed) {
      const level =
        (added && widens === "breaking") || (removed && narrows === "breaking") ? "breaking" : "non-breaking";
      ctx.add(level, pointer, `type ${[...ta].join("|")} became ${[...tb].join("|")} (${what})`);
    }
  } else if (ta && !tb && !b.oneOf && !b.anyOf && !b.allOf) {
    ctx.add(widens, pointer, `type ${[...ta].join("|")} no longer constrained (${what})`);
  } else if (!ta && tb && !a.oneOf && !a.anyOf && !a.allOf) {
    ctx.add(narrows, pointer, `now constrained to ${[...tb].join("|")} (${what})`);
  }

  // Enumerations and constants. An enum marked open (`x-open-enum: true`) may gain values without breaking
  // apps, whose types carry unknown values as strings.
  if (a.enum || b.enum) {
    const ea = new Set(a.enum ?? []);
    const eb = new Set(b.enum ?? []);
    const added = [...eb].filter((v) => !ea.has(v));
    const removed = [...ea].filter((v) => !eb.has(v));
    const open = b["x-open-enum"] === true && (a.enum === undefined || a["x-open-enum"] === true);
    if (!a.enum && b.enum) ctx.add(narrows, pointer, `values limited to ${JSON.stringify(b.enum)} (${what})`);
    else if (a.enum && !b.enum)
      ctx.add(widens, pointer, `any value allowed where ${JSON.stringify(a.enum)} were (${what})`);
    else {
      if (added.length > 0) {
        // Where the enum says which values end a job, a new value outside that list is read as a job running.
        const running = b["x-terminal"] ? added.filter((v) => !(String(v) in b["x-terminal"])) : [];
        ctx.add(
          direction === "response" && !open ? "breaking" : "non-breaking",
          pointer,
          `${added.map((v) => JSON.stringify(v)).join(", ")} added to the ${open ? "open " : ""}enum (${what})` +
            (running.length > 0
              ? `; the client reads ${running.map((v) => JSON.stringify(v)).join(", ")} as a job still running: ` +
                "if it ends a job, add it to x-terminal in openapi/overlay.yaml (a breaking change)"
              : ""),
        );
      }
      // Removed from a closed enum that apps receive, a value breaks their code that names it (a `case` of it
      // no longer compiles); an open enum's type keeps any string.
      if (removed.length > 0)
        ctx.add(
          direction === "request" || a["x-open-enum"] !== true ? "breaking" : "non-breaking",
          pointer,
          `${removed.map((v) => JSON.stringify(v)).join(", ")} removed from the ${a["x-open-enum"] === true ? "open " : ""}enum (${what})`,
        );
    }
    if (a["x-open-enum"] === true && b["x-open-enum"] !== true && b.enum) {
      ctx.add(widens === "breaking" ? "breaking" : "non-breaking", pointer, `the enum is no longer open (${what})`);
    }
  }
  // The statuses that end a job (`x-terminal`, see tools/src/codegen-statuses.ts): waitFor, runJob and useJob stop
  // at them, so any change makes waiting code behave differently. A JobStatus without it (descriptions before it
  // was added) stands for the list the client's code held then.
  const terminal = (schema: Node) =>
    schema["x-terminal"] ?? (pointer === "/components/schemas/JobStatus" && schema.enum ? LEGACY_TERMINAL : undefined);
  const sameEndings = (x?: Record<string, string>, y?: Record<string, string>) =>
    JSON.stringify(x && Object.entries(x).sort()) === JSON.stringify(y && Object.entries(y).sort());
  if (!sameEndings(terminal(a), terminal(b))) {
    ctx.add(
      "breaking",
      `${pointer}/x-terminal`,
      `the statuses that end a job changed from ${describeTerminal(terminal(a))} to ${describeTerminal(terminal(b))} ` +
        "(waitFor, runJob and useJob stop at other statuses, or at the same ones with another outcome)",
    );
  }
  if ("const" in a || "const" in b) {
    if (JSON.stringify(a.const) !== JSON.stringify(b.const))
      ctx.add("breaking", pointer, `const ${JSON.stringify(a.const)} became ${JSON.stringify(b.const)}`);
  }

  // What the API does when a value is left out.
  if (JSON.stringify(a.default) !== JSON.stringify(b.default)) {
    ctx.add("behaviour", `${pointer}/default`, `${changed("default", a.default, b.default)} (${what})`);
  }
  // readOnly: only returned, so no longer taken when sent; writeOnly: only sent, so no longer returned.
  for (const [key, breaksWhen, meaning] of [
    ["readOnly", "request", "the API no longer takes it"],
    ["writeOnly", "response", "the API no longer returns it"],
  ] as const) {
    if (Boolean(a[key]) === Boolean(b[key])) continue;
    ctx.add(
      b[key] && direction === breaksWhen ? "breaking" : "non-breaking",
      `${pointer}/${key}`,
      b[key] ? `now ${key}: ${meaning} (${what})` : `no longer ${key} (${what})`,
    );
  }
  // How a union's members are told apart: apps narrow by it (and the API reads it from what is sent).
  if (JSON.stringify(a.discriminator) !== JSON.stringify(b.discriminator)) {
    const da = a.discriminator ?? {};
    const db = b.discriminator ?? {};
    const mappingOnlyGrew =
      da.propertyName === db.propertyName &&
      Object.entries<string>(da.mapping ?? {}).every(([value, ref]) => db.mapping?.[value] === ref);
    ctx.add(
      a.discriminator && mappingOnlyGrew ? "non-breaking" : "breaking",
      `${pointer}/discriminator`,
      a.discriminator && mappingOnlyGrew
        ? `values added to the discriminator's mapping (${what})`
        : `discriminator ${JSON.stringify(da.propertyName ?? null)} changed: the union is told apart differently (${what})`,
    );
  }

  // Constraints the server enforces: stricter ones refuse requests that used to pass.
  for (const key of ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]) {
    if (a[key] === b[key]) continue;
    const stricter = b[key] !== undefined && (a[key] === undefined || b[key] > a[key]);
    ctx.add(
      direction === "request" && stricter ? "breaking" : "non-breaking",
      `${pointer}/${key}`,
      `${changed(key, a[key], b[key])} (${what})`,
    );
  }
  for (const key of ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]) {
    if (a[key] === b[key]) continue;
    const stricter = b[key] !== undefined && (a[key] === undefined || b[key] < a[key]);
    ctx.add(
      direction === "request" && stricter ? "breaking" : "non-breaking",
      `${pointer}/${key}`,
      `${changed(key, a[key], b[key])} (${what})`,
    );
  }
  for (const key of ["pattern", "format", "multipleOf", "uniqueItems"]) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    ctx.add(
      direction === "request" && b[key] !== undefined ? "breaking" : "non-breaking",
      `${pointer}/${key}`,
      `${changed(key, a[key], b[key])} (${what})`,
    );
  }

  // Object properties.
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const ra = new Set<string>(a.required ?? []);
  const rb = new Set<string>(b.required ?? []);
  for (const [name, schema] of Object.entries<Node>(pa)) {
    const ptr = `${pointer}/properties/${pointerSegment(name)}`;
    if (!(name in pb)) {
      ctx.add("breaking", ptr, `property ${name} removed (${what})`);
      continue;
    }
    if (!ra.has(name) && rb.has(name)) {
      ctx.add(direction === "request" ? "breaking" : "non-breaking", ptr, `property ${name} became required (${what})`);
    }
    if (ra.has(name) && !rb.has(name)) {
      ctx.add(
        direction === "response" ? "breaking" : "non-breaking",
        ptr,
        `property ${name} became optional (${what})`,
      );
    }
    compareSchema(ctx, ptr, schema, pb[name], direction);
  }
  for (const name of Object.keys(pb)) {
    if (name in pa) continue;
    const required = rb.has(name);
    ctx.add(
      direction === "request" && required ? "breaking" : "non-breaking",
      `${pointer}/properties/${pointerSegment(name)}`,
      `${required ? "required" : "optional"} property ${name} added (${what})`,
    );
  }
  // Required names without a property schema (e.g. in an allOf part).
  for (const name of rb) {
    if (!ra.has(name) && !(name in pb) && !(name in pa)) {
      ctx.add(
        direction === "request" ? "breaking" : "non-breaking",
        `${pointer}/required`,
        `${name} became required (${what})`,
      );
    }
  }

  // Free-form maps: an index signature that appears widens what is returned; one that goes narrows what is sent.
  const apa = additional(a);
  const apb = additional(b);
  if (apa !== apb) {
    ctx.add(
      apb === "open" ? widens : narrows,
      `${pointer}/additionalProperties`,
      `additional properties ${apa} became ${apb} (${what})`,
    );
  }
  if (typeof a.additionalProperties === "object" && typeof b.additionalProperties === "object") {
    compareSchema(ctx, `${pointer}/additionalProperties`, a.additionalProperties, b.additionalProperties, direction);
  }

  // Arrays.
  if (a.items || b.items) compareSchema(ctx, `${pointer}/items`, a.items, b.items, direction);

  // Unions and intersections, member by member (by $ref name, else by position).
  for (const key of ["oneOf", "anyOf"]) {
    if (!a[key] && !b[key]) continue;
    const ma = members(a[key] ?? []);
    const mb = members(b[key] ?? []);
    for (const [id, schema] of ma) {
      if (mb.has(id)) compareSchema(ctx, `${pointer}/${key}/${pointerSegment(id)}`, schema, mb.get(id), direction);
      else ctx.add(narrows, `${pointer}/${key}`, `union member ${id} removed (${what})`);
    }
    const open = b["x-open-enum"] === true;
    for (const id of mb.keys()) {
      if (!ma.has(id))
        ctx.add(open ? "non-breaking" : widens, `${pointer}/${key}`, `union member ${id} added (${what})`);
    }
  }
  if (a.allOf || b.allOf) {
    const ma = members(a.allOf ?? []);
    const mb = members(b.allOf ?? []);
    for (const [id, schema] of ma) {
      if (mb.has(id)) compareSchema(ctx, `${pointer}/allOf/${pointerSegment(id)}`, schema, mb.get(id), direction);
      else ctx.add("breaking", `${pointer}/allOf`, `part ${id} removed (${what})`);
    }
    for (const id of mb.keys()) {
      if (!ma.has(id))
        ctx.add(
          direction === "request" ? "breaking" : "non-breaking",
          `${pointer}/allOf`,
          `part ${id} added (${what})`,
        );
    }
  }
}

function compareDocs(ctx: Context, pointer: string, a: Node = {}, b: Node = {}): void {
  for (const key of DOC_KEYS) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) ctx.add("docs", `${pointer}/${key}`, `${key} changed`);
  }
}

/** `x-idempotent`, or what HTTP says of the method (GET, PUT and DELETE are idempotent). */
/** Whether a description names the client's functions (any operation has `x-function-name`). */
function namesFunctions(doc: Node): boolean {
  return Object.values<Node>(doc.paths ?? {}).some((item) =>
    Object.values<Node>(item ?? {}).some((op) => typeof op?.["x-function-name"] === "string"),
  );
}

function idempotent(op: Node, pointer: string): boolean {
  return op["x-idempotent"] ?? /\/(get|put|delete|head|options)$/.test(pointer);
}

/** `minimum 1 added`, `maxLength 10 removed`, `maximum 100 became 50`. */
/** What the client's code listed as the statuses that end a job before the description said (`x-terminal`). */
const LEGACY_TERMINAL = { complete: "succeeded", failed: "failed", canceled: "canceled" };

function describeTerminal(terminal: Record<string, string> | undefined): string {
  if (!terminal) return "none";
  return Object.entries(terminal)
    .map(([status, ending]) => `${status} (${ending})`)
    .join(", ");
}

function changed(key: string, a: unknown, b: unknown): string {
  const show = (v: unknown) => JSON.stringify(v);
  return a === undefined
    ? `${key} ${show(b)} added`
    : b === undefined
      ? `${key} ${show(a)} removed`
      : `${key} ${show(a)} became ${show(b)}`;
}

/** Union members keyed by their $ref's schema name, or `#<index>` for inline ones. */
function members(list: Node[]): Map<string, Node> {
  return new Map(list.map((m, i) => [m?.$ref ? m.$ref.split("/").pop() : `#${i}`, m]));
}

function types(schema: Node): Set<string> | undefined {
  return schema.type === undefined ? undefined : new Set([schema.type].flat());
}

function additional(schema: Node): "open" | "closed" {
  if (schema.additionalProperties === undefined || schema.additionalProperties === false) return "closed";
  return "open";
}

/** Follows local `$ref`s until a value (a cycle of references is an error, RefCycleError). */
export function deref(doc: object, node: unknown): Node {
  return derefIn(doc, node);
}

function pointerSegment(segment: unknown): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The JSON pointers where two documents differ (the shallowest of each differing branch), in document order. */
function differences(a: unknown, b: unknown, pointer = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Node => typeof v === "object" && v !== null;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return [pointer || "/"];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key) => differences(a[key], b[key], `${pointer}/${pointerSegment(key)}`));
}

/** One change per level, pointer and message. */
function dedupe(changes: SpecChange[]): SpecChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.level}|${c.pointer}|${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
