// `pnpm spec:update <file-or-url>`: takes in Flatfile's published description (the whole API, OpenAPI 3.1, as at
// https://reference.flatfile.com/openapi.json, or just its Jobs part): keeps the /jobs paths and what they reach,
// strips Fern's schema-name prefixes, keeps this project's own descriptions where the element is still there (and
// copies none of Flatfile's text), replaces openapi/flatfile.yaml, rebuilds openapi.yaml through the overlay,
// lints it, regenerates the types and the API reports, prints the change report and writes a draft changeset at
// the bump the changes need. Anything wrong stops it with a message, every file as it was.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Node } from "@flatfile-jobs/tools/spec";
import { type Bump, classify, formatReport, type SpecChange } from "@flatfile-jobs/tools/spec-diff";
import { PLACEHOLDER } from "@flatfile-jobs/tools/spec-source";
import { parse, YAMLParseError } from "yaml";
import { buildSpec, canonicalOrder, OverlayError, toYaml } from "./build-spec";

const root = fileURLToPath(new URL("..", import.meta.url));
const FILES = {
  upstream: join(root, "openapi/flatfile.yaml"),
  overlay: join(root, "openapi/overlay.yaml"),
  built: join(root, "openapi/openapi.yaml"),
};
/** What `pnpm generate` and `pnpm api:update` rewrite, restored if either fails. */
const GENERATED = [
  "packages/core/src/generated/schema.ts",
  "packages/testing/src/generated/openapi.json",
  ...["core", "node", "browser", "testing"].map((name) => `packages/${name}/etc/${name}.api.md`),
].map((file) => join(root, file));
const PROSE = ["description", "summary", "example", "examples"];

class UpdateError extends Error {}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "skip-api-reports": { type: "boolean", default: false } },
});
try {
  const [source] = positionals;
  if (positionals.length !== 1 || source === undefined) throw new UpdateError("usage: pnpm spec:update <file-or-url>");
  await update(source);
} catch (error) {
  if (!(error instanceof UpdateError)) throw error;
  console.error(`spec:update: ${error.message}\nNothing was changed.`);
  process.exit(1);
}

async function update(source: string): Promise<void> {
  const published = await load(source);
  const current = parse(await readFile(FILES.upstream, "utf8"));
  const overlay = parse(await readFile(FILES.overlay, "utf8"));
  const jobs = extractJobs(published, source, overlay);
  carryProse(jobs, current);
  const undescribed = describeNew(jobs, current);
  const upstreamText = toYaml(canonicalOrder(jobs), upstreamHeader(source));

  let builtText: string;
  try {
    builtText = await buildSpec(upstreamText, await readFile(FILES.overlay, "utf8"));
  } catch (error) {
    if (error instanceof OverlayError) {
      throw new UpdateError(`the overlay no longer applies to the new description: ${error.message}`);
    }
    throw error;
  }
  await lint(builtText);

  const before = parse(await readFile(FILES.built, "utf8"));
  const result = classify(before, parse(builtText));
  console.log(formatReport(result, "the current openapi/openapi.yaml"));
  if (undescribed.length > 0) {
    console.log(
      `\n${undescribed.length} new element(s) have no description of this project's yet (they read "${PLACEHOLDER}", ` +
        "which `pnpm lint:spec` refuses): write them in openapi/overlay.yaml, under difference 12.",
    );
    for (const pointer of undescribed) console.log(`  ${pointer}`);
  }
  if (result.bump === "none") {
    console.log("\nNothing changed; no file was written.");
    return;
  }

  // Written only now, and put back as they were if regenerating fails.
  const originals = new Map<string, string | undefined>();
  for (const file of [FILES.upstream, FILES.built, ...GENERATED])
    originals.set(file, await readFile(file, "utf8").catch(() => undefined));
  try {
    await writeFile(FILES.upstream, upstreamText);
    await writeFile(FILES.built, builtText);
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/generate.ts")], {
      cwd: root,
      stdio: "inherit",
    });
    if (!values["skip-api-reports"])
      execFileSync("pnpm", ["--reporter=silent", "api:update"], { cwd: root, stdio: "inherit" });
  } catch (error) {
    for (const [file, text] of originals) if (text !== undefined) await writeFile(file, text);
    throw new UpdateError(`regenerating failed (${messageOf(error).split("\n")[0]}); every file was put back`);
  }
  const changeset = await draftChangeset(result, source);
  console.log(
    `\nWrote openapi/flatfile.yaml and openapi/openapi.yaml, regenerated the types${values["skip-api-reports"] ? "" : " and the API reports"}, ` +
      `and drafted ${changeset} (${result.bump}). Edit the draft to say what changed for apps, then commit.`,
  );
}

/** The description at a URL or in a file, parsed (JSON or YAML). */
async function load(source: string): Promise<Node> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      const cause = field(error, "cause");
      throw new UpdateError(
        `could not fetch ${source}: ${field(cause, "code") ?? field(cause, "message") ?? messageOf(error)}`,
      );
    }
    if (!response.ok) throw new UpdateError(`${source} answered ${response.status} ${response.statusText}`);
    text = await response.text();
  } else {
    try {
      text = await readFile(source, "utf8");
    } catch (error) {
      throw new UpdateError(
        `could not read ${source}: ${field(error, "code") === "ENOENT" ? "no such file" : messageOf(error)}`,
      );
    }
  }
  let doc: Node;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      throw new UpdateError(`${source} is neither JSON nor YAML: ${error.message.split("\n")[0]}`);
    }
    throw error;
  }
  if (typeof doc !== "object" || doc === null || typeof doc.openapi !== "string") {
    throw new UpdateError(`${source} is not an OpenAPI description (it has no "openapi" field)`);
  }
  if (!/^3\.1\./.test(doc.openapi)) {
    throw new UpdateError(
      `${source} is OpenAPI ${doc.openapi}; Flatfile publishes OpenAPI 3.1, which this build reads`,
    );
  }
  return doc;
}

/**
 * The Jobs part: the /jobs paths (also when the description carries the /v1 base in its paths), the components
 * they reach through `$ref`s or that the overlay refers to, and the security schemes; schema names without Fern's
 * prefixes.
 */
function extractJobs(doc: Node, source: string, overlay: Node): Node {
  const entries = Object.entries<Node>(doc.paths ?? {});
  const prefix = entries.some(([path]) => /^\/v1\/jobs(\/|$)/.test(path)) ? "/v1" : "";
  const paths = Object.fromEntries(
    entries
      .filter(([path]) => path === `${prefix}/jobs` || path.startsWith(`${prefix}/jobs/`))
      .map(([path, item]) => [path.slice(prefix.length), item]),
  );
  if (Object.keys(paths).length === 0)
    throw new UpdateError(`${source} has no /jobs paths: is it Flatfile's description?`);

  const renames = new Map<string, string>();
  for (const name of Object.keys(doc.components?.schemas ?? {})) {
    const plain = name.replace(/^type_[A-Za-z0-9]+[:_]/, "");
    if (plain !== name) renames.set(name, plain);
  }
  const plainNames = new Map<string, string>();
  for (const name of Object.keys(doc.components?.schemas ?? {})) {
    const plain = renames.get(name) ?? name;
    if (plainNames.has(plain)) {
      throw new UpdateError(`${source}: schemas ${plainNames.get(plain)} and ${name} would both be named ${plain}`);
    }
    plainNames.set(plain, name);
  }

  // Every component the paths reach, transitively, and those the overlay's actions refer to (by their plain
  // names; a schema Flatfile inlines where this spec names it, for instance).
  const components: Record<string, Record<string, Node>> = {};
  const plainToPublished = new Map([...plainNames].map(([plain, name]) => [plain, name]));
  const wanted: Node[] = [];
  visit(overlay.actions ?? [], (node) => {
    const name = typeof node.$ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1] : undefined;
    if (name !== undefined && plainToPublished.has(decodePointer(name))) {
      wanted.push({ $ref: `#/components/schemas/${plainToPublished.get(decodePointer(name))}` });
    }
  });
  const queue: Node[] = [paths, wanted];
  const seen = new Set<string>();
  while (queue.length > 0) {
    visit(queue.pop(), (node) => {
      if (typeof node.$ref !== "string" || seen.has(node.$ref)) return;
      seen.add(node.$ref);
      const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(node.$ref) ?? [];
      if (kind === undefined || name === undefined)
        throw new UpdateError(`${source}: a $ref this import cannot follow: ${node.$ref}`);
      const target = doc.components?.[kind]?.[decodePointer(name)];
      if (target === undefined) throw new UpdateError(`${source}: ${node.$ref} points at nothing`);
      components[kind] ??= {};
      components[kind][decodePointer(name)] = target;
      queue.push(target);
    });
  }
  // In the published description's order (it is the order of the generated types).
  for (const [kind, found] of Object.entries(components)) {
    const order = Object.keys(doc.components[kind]);
    components[kind] = Object.fromEntries(
      Object.entries(found).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
    );
  }
  // The security schemes are the API's, not any one path's: all of them come along.
  if (doc.components?.securitySchemes) components.securitySchemes = doc.components.securitySchemes;
  const usedTags = new Set(
    Object.values(paths).flatMap((item: Node) => Object.values<Node>(item).flatMap((op) => op?.tags ?? [])),
  );
  const tags = (doc.tags ?? []).filter((tag: Node) => usedTags.has(tag.name));

  const result = structuredClone({
    openapi: doc.openapi,
    info: doc.info,
    ...(doc.security ? { security: doc.security } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    paths,
    components,
  });
  // Fern's prefixes off the schema names and every reference to them.
  if (result.components.schemas) {
    result.components.schemas = Object.fromEntries(
      Object.entries(result.components.schemas).map(([name, schema]) => [renames.get(name) ?? name, schema]),
    );
  }
  visit(result, (node) => {
    if (typeof node.$ref !== "string") return;
    const name = /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1];
    if (name !== undefined && renames.has(decodePointer(name)))
      node.$ref = `#/components/schemas/${renames.get(decodePointer(name))}`;
  });
  return result;
}

/**
 * This project's own words where the element is still there (same JSON pointer in the current flatfile.yaml),
 * and none of Flatfile's: descriptions, summaries and examples of the imported description are dropped.
 */
function carryProse(next: Node, current: Node): void {
  const walk = (node: Node, ours: Node) => {
    if (Array.isArray(node)) {
      // Parameters are matched by name and location, anything else by position.
      const key = (item: Node) =>
        typeof item?.name === "string" && typeof item?.in === "string" ? `${item.in}:${item.name}` : undefined;
      node.forEach((item, i) => {
        const match = Array.isArray(ours) ? (key(item) ? ours.find((o) => key(o) === key(item)) : ours[i]) : undefined;
        walk(item, match);
      });
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const key of PROSE) {
      if (typeof ours === "object" && ours !== null && ours[key] !== undefined) node[key] = structuredClone(ours[key]);
      else delete node[key];
    }
    for (const [key, value] of Object.entries(node)) {
      if (PROSE.includes(key)) continue;
      walk(value, typeof ours === "object" && ours !== null ? ours[key] : undefined);
    }
  };
  walk(next, current);
}

/**
 * Gives every operation, response and parameter of the paths that has no description (a new one: Flatfile's
 * words were not kept) the placeholder, so the description stays valid OpenAPI until ours is written.
 * Returns their JSON pointers.
 */
function describeNew(doc: Node, current: Node): string[] {
  const missing: string[] = [];
  const need = (node: Node, key: string, pointer: string, known: unknown) => {
    if (node && typeof node === "object" && node[key] === undefined && !known) {
      node[key] = PLACEHOLDER;
      missing.push(`${pointer}/${key}`);
    }
  };
  for (const [path, item] of Object.entries<Node>(doc.paths)) {
    for (const [method, op] of Object.entries<Node>(item)) {
      if (typeof op !== "object" || op === null || !op.responses) continue;
      const was = current.paths?.[path]?.[method];
      const at = `/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}`;
      need(op, "summary", at, was);
      need(op, "description", at, was);
      for (const [status, response] of Object.entries<Node>(op.responses)) {
        if (!response.$ref) need(response, "description", `${at}/responses/${status}`, was?.responses?.[status]);
      }
      (op.parameters ?? []).forEach((parameter: Node, i: number) => {
        const known = was?.parameters?.some((p: Node) => p.name === parameter.name && p.in === parameter.in);
        if (!parameter.$ref) need(parameter, "description", `${at}/parameters/${i}`, known);
      });
    }
  }
  return missing;
}

async function lint(text: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "spec-update-"));
  try {
    const file = join(dir, "openapi.yaml");
    await writeFile(file, text);
    execFileSync("pnpm", ["exec", "redocly", "lint", file, "--config", join(root, "redocly.yaml")], {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (error) {
    const output = `${field(error, "stdout") ?? ""}${field(error, "stderr") ?? ""}`
      .trim()
      .split("\n")
      .slice(-30)
      .join("\n");
    throw new UpdateError(`the built description does not lint (redocly):\n${output}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function draftChangeset(result: { bump: Bump; changes: SpecChange[] }, source: string): Promise<string> {
  const date = new Date().toISOString().slice(0, 10);
  const name = `.changeset/flatfile-api-${date}-${Date.now().toString(36)}.md`;
  const notable = result.changes.filter((c) => c.level !== "docs");
  const lines = notable.length > 0 ? notable : result.changes;
  const body = [
    `Flatfile's Jobs API description changed (taken in with \`pnpm spec:update\` from ${source.startsWith("http") ? source : "a published description"}).`,
    "",
    ...lines.slice(0, 30).map((c) => `- ${c.level === "breaking" ? "**Breaking:** " : ""}${c.operation}: ${c.message}`),
    ...(lines.length > 30 ? [`- … and ${lines.length - 30} more (pnpm spec:diff lists them).`] : []),
  ].join("\n");
  const bump = result.bump === "none" ? "patch" : result.bump;
  await writeFile(join(root, name), `---\n"@flatfile-jobs/core": ${bump}\n---\n\n${body}\n`);
  return name;
}

function upstreamHeader(source: string): string {
  return `# The Jobs part of Flatfile's description of its REST API, taken in by \`pnpm spec:update\`${/^https?:/.test(source) ? ` from ${source}` : ""}:
# the /jobs paths and what they reach, schema names without Fern's prefixes, and this project's own descriptions
# where the element was already there (Flatfile's text is never copied). This project's choices are in
# overlay.yaml; openapi.yaml is built from the two (\`pnpm generate\`).
`;
}

/** Calls `fn` on every object in a document, depth first. */
function visit(node: unknown, fn: (node: Node) => void): void {
  if (Array.isArray(node)) for (const item of node) visit(item, fn);
  else if (typeof node === "object" && node !== null) {
    fn(node);
    for (const value of Object.values(node)) visit(value, fn);
  }
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `value[key]` when `value` is an object that has it (a field of a caught error), else undefined. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined;
}
