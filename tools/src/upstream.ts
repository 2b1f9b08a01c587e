// Flatfile's published description → the Jobs part as openapi/flatfile.yaml holds it: `importJobs(published)`.
// Takes any form Flatfile's description is found in (the whole API as at reference.flatfile.com/openapi.json, or
// its Jobs part alone; schema names `type_jobs:Job` or `type_jobs_Job`; labelled OpenAPI 3.1, or 3.2 on content
// that uses nothing of 3.2) and makes one document of it, the same bytes whatever the form:
// - the /jobs paths (also when they carry the /v1 base), and the components they reach through `$ref`s, in the
//   order a walk of the paths first meets them (so the order of the published components does not matter), with
//   every security scheme;
// - schema names without Fern's prefixes;
// - none of Flatfile's words: every description, summary, title, example and externalDocs is dropped (this
//   project's own descriptions are overlay actions), and top-level tag objects, which are only names and prose;
// - `info` without its prose, `servers`, `security`, `paths`, `components`; nothing else of the root.
// `loadDescription(source)` reads one from a file or a URL. Used by `pnpm spec:update`, by `pnpm spec:fixture`
// (which keeps the whole API but drops its words, `dropProse`) and by the tests.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { encodeSegment, type Node, pointerGet, reachableRefs, visit } from "./refs";

/** Why a document cannot be taken in; the message says what to do. */
export class ImportError extends Error {}

/**
 * A description read from a file or fetched from an http(s) URL, parsed (JSON or YAML). A file that is not there,
 * a URL that does not answer or answers an error, and text that is neither are ImportErrors saying which.
 */
export async function loadDescription(source: string): Promise<Node> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      const cause = field(error, "cause");
      throw new ImportError(
        `could not fetch ${source}: ${field(cause, "code") ?? field(cause, "message") ?? message(error)}`,
      );
    }
    if (!response.ok) throw new ImportError(`${source} answered ${response.status} ${response.statusText}`);
    text = await response.text();
  } else {
    try {
      text = await readFile(source, "utf8");
    } catch (error) {
      throw new ImportError(
        `could not read ${source}: ${field(error, "code") === "ENOENT" ? "no such file" : message(error)}`,
      );
    }
  }
  try {
    // YAML 1.2 reads JSON as well.
    return parse(text);
  } catch (error) {
    throw new ImportError(`${source} is neither JSON nor YAML: ${message(error).split("\n")[0]}`);
  }
}

/** Keywords that hold words, not facts: never copied from Flatfile's description. */
export const PROSE_KEYS: ReadonlySet<string> = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
]);

// Keys whose value maps names (of properties, schemas, paths, responses, media types, …) to nodes: a key inside
// them is a name, never a keyword (a property may be called `description`).
const NAME_MAPS = new Set([
  "paths",
  "webhooks",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "content",
  "encoding",
  "variables",
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
]);
// Values that are data, not description nodes: left as they are.
const DATA_KEYS = new Set(["enum", "const", "default", "mapping", "scopes"]);

/** `node` without any prose keyword (PROSE_KEYS), at any depth; names of properties and the like are kept. */
export function dropProse(node: Node): Node {
  if (Array.isArray(node)) return node.map(dropProse);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, Node> = {};
  for (const [key, value] of Object.entries<Node>(node)) {
    if (PROSE_KEYS.has(key)) continue;
    if (DATA_KEYS.has(key)) out[key] = structuredClone(value);
    else if (NAME_MAPS.has(key) && typeof value === "object" && value !== null && !Array.isArray(value))
      out[key] = Object.fromEntries(Object.entries<Node>(value).map(([name, item]) => [name, dropProse(item)]));
    else out[key] = dropProse(value);
  }
  return out;
}

// What OpenAPI 3.2 added that 3.1 cannot say: a 3.2 document using one of these is refused.
const V32_PATH_ITEM_KEYS = ["query", "additionalOperations"];
const V32_MEDIA_KEYS = ["itemSchema", "itemEncoding", "prefixEncoding"];

/** Fern's schema-name prefixes: `type_jobs:Job` (reference.flatfile.com) and `type_jobs_Job` (some copies). */
export function plainSchemaName(name: string): string {
  return name.replace(/^type_[^:/]+:(?=.)/, "").replace(/^type_[a-z0-9-]+_(?=[A-Z])/, "");
}

export interface Imported {
  /** The Jobs part, as flatfile.yaml holds it (key order aside: canonicalOrder puts that right). */
  doc: Node;
  /** What was read otherwise than it stands in the source, one line each (for the person running the import). */
  notes: string[];
}

/** The Jobs part of a published description (parsed JSON or YAML), normalised as described at the top. */
export function importJobs(published: Node, source: string): Imported {
  const notes: string[] = [];
  if (typeof published !== "object" || published === null || typeof published.openapi !== "string")
    throw new ImportError(`${source} is not an OpenAPI description (it has no "openapi" field)`);
  const label: string = published.openapi;
  if (!/^3\.[12]\.\d+$/.test(label))
    throw new ImportError(`${source} is OpenAPI ${label}; Flatfile publishes OpenAPI 3.1, which this build reads`);

  const entries = Object.entries<Node>(published.paths ?? {});
  const prefix = entries.some(([path]) => /^\/v1\/jobs(\/|$)/.test(path)) ? "/v1" : "";
  const paths: Record<string, Node> = Object.fromEntries(
    entries
      .filter(([path]) => path === `${prefix}/jobs` || path.startsWith(`${prefix}/jobs/`))
      .map(([path, item]) => [path.slice(prefix.length), item]),
  );
  if (Object.keys(paths).length === 0)
    throw new ImportError(`${source} has no /jobs paths: is it Flatfile's description?`);
  if (prefix) notes.push(`its paths carry the ${prefix} base; taken without it (the servers say it)`);

  // Every component the paths reach, in the order a walk of them first meets it.
  const unresolved: string[] = [];
  const refs = reachableRefs(published, paths, (ref) => unresolved.push(ref));
  if (unresolved.length > 0)
    throw new ImportError(`${source}: ${unresolved.map((ref) => `${ref} points at nothing`).join("; ")}`);
  const reached: Record<string, string[]> = {};
  for (const ref of refs) {
    const [, kind, name] = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref) ?? [];
    if (kind === undefined || name === undefined)
      throw new ImportError(`${source}: a $ref this import cannot follow (only #/components/<kind>/<name>): ${ref}`);
    reached[kind] = [...(reached[kind] ?? []), decodeURIComponentSafe(name)];
  }

  if (label.startsWith("3.2.")) {
    const found = features32({ paths, reached: refs.map((ref) => pointerGet(published, ref)) }, published);
    if (found.length > 0)
      throw new ImportError(
        `${source} is OpenAPI ${label} and its Jobs part uses what OpenAPI 3.1 cannot say (${found.join(", ")}); ` +
          "this build reads OpenAPI 3.1",
      );
    notes.push(`labelled OpenAPI ${label}; its Jobs part uses nothing of 3.2, so it is read as 3.1.0`);
  }

  // Fern's prefixes off the schema names, refusing two schemas that would then share a name.
  const renames = new Map<string, string>();
  const byPlain = new Map<string, string>();
  for (const name of Object.keys(published.components?.schemas ?? {})) {
    const plain = plainSchemaName(name);
    const other = byPlain.get(plain);
    if (other !== undefined)
      throw new ImportError(`${source}: schemas ${other} and ${name} would both be named ${plain}`);
    byPlain.set(plain, name);
    if (plain !== name) renames.set(name, plain);
  }

  const components: Record<string, Record<string, Node>> = {};
  if (published.components?.securitySchemes)
    components.securitySchemes = structuredClone(published.components.securitySchemes);
  for (const [kind, names] of Object.entries(reached)) {
    components[kind] = Object.fromEntries(
      names.map((name) => [
        kind === "schemas" ? (renames.get(name) ?? name) : name,
        structuredClone(published.components[kind][name]),
      ]),
    );
  }
  const doc: Node = {
    openapi: label.startsWith("3.2.") ? "3.1.0" : label,
    info: structuredClone(published.info ?? {}),
    ...(published.servers ? { servers: structuredClone(published.servers) } : {}),
    ...(published.security ? { security: structuredClone(published.security) } : {}),
    paths: structuredClone(paths),
    components,
  };
  visit(doc, (node) => {
    if (typeof node.$ref !== "string") return;
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(node.$ref)?.[1];
    const plain = name === undefined ? undefined : renames.get(decodeURIComponentSafe(name));
    if (plain !== undefined) node.$ref = `#/components/schemas/${encodeSegment(plain)}`;
  });

  const used = new Set(
    Object.values(paths).flatMap((item: Node) => Object.values<Node>(item ?? {}).flatMap((op) => op?.tags ?? [])),
  );
  const declared = (published.tags ?? []).map((tag: Node) => tag?.name).filter((name: string) => used.has(name));
  if (declared.length > 0)
    notes.push(
      `the top-level tag objects of its Jobs operations (${declared.join(", ")}) are only names and prose: not taken in`,
    );
  return { doc: dropProse(doc), notes };
}

/** OpenAPI 3.2 features used by the taken paths, the components they reach, or the root. */
function features32(taken: Node, root: Node): string[] {
  const found = new Set<string>();
  if (root.$self !== undefined) found.add("$self");
  for (const item of Object.values<Node>(taken.paths))
    for (const key of V32_PATH_ITEM_KEYS) if (item?.[key] !== undefined) found.add(`a path item's ${key}`);
  visit(taken, (node) => {
    for (const key of V32_MEDIA_KEYS) if (node[key] !== undefined) found.add(key);
    if (node.in === "querystring") found.add("parameters in: querystring");
    if (node.defaultMapping !== undefined) found.add("discriminator defaultMapping");
  });
  return [...found];
}

/** A `$ref`'s last segment as a name: JSON pointer escapes (and, leniently, percent escapes) undone. */
function decodeURIComponentSafe(segment: string): string {
  const name = segment.replace(/~1/g, "/").replace(/~0/g, "~");
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `value[key]` when `value` is an object that has it (a field of a caught error), else undefined. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined;
}
