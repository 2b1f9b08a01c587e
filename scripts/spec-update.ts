// `pnpm spec:update <file-or-url>`: takes in Flatfile's published description, in any form it is found in (the whole
// API, OpenAPI 3.1 JSON or YAML, as at https://reference.flatfile.com/openapi.json, or its Jobs part alone; Fern's
// schema-name prefixes as `type_jobs:Job` or `type_jobs_Job`; a 3.2.0 label on 3.1 content): keeps the /jobs paths
// and what they reach, drops every word of Flatfile's (tools/src/upstream.ts), replaces openapi/flatfile.yaml,
// rebuilds openapi.yaml through the overlay, lints it, regenerates the code and the API reports, writes the test
// fixture of the description it took in (scripts/spec-fixture.ts), prints the change report and writes a draft
// changeset at the bump the changes need. Anything wrong stops it with a message that
// shows every problem, every file as it was.
import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { GENERATED_FILES } from "@flatfile-jobs/tools/generated-files";
import { type OperationRow, OperationTableError, operationTable } from "@flatfile-jobs/tools/operations-table";
import { publishedPackages } from "@flatfile-jobs/tools/packages";
import type { Node } from "@flatfile-jobs/tools/refs";
import { type Bump, classify, formatReport, type SpecChange } from "@flatfile-jobs/tools/spec-diff";
import { PLACEHOLDER, placeholders } from "@flatfile-jobs/tools/spec-source";
import { ImportError, importJobs, loadDescription } from "@flatfile-jobs/tools/upstream";
import { parse } from "yaml";
import { buildSpec, canonicalOrder, OverlayError, toYaml } from "./build-spec";
import { FIXTURE, fixtureText } from "./spec-fixture";

const root = fileURLToPath(new URL("..", import.meta.url));
const FILES = {
  upstream: join(root, "openapi/flatfile.yaml"),
  overlay: join(root, "openapi/overlay.yaml"),
  built: join(root, "openapi/openapi.yaml"),
};
/** What regenerating writes (`pnpm generate`, `pnpm api:update`, `pnpm cli:surface`): put back if it fails. */
const GENERATED = [
  ...GENERATED_FILES.map((file) => join(root, file)),
  ...publishedPackages(root)
    .filter((pkg) => pkg.library)
    .map((pkg) => join(pkg.dir, "etc", `${pkg.folder}.api.md`)),
  join(root, "packages/cli/etc/cli.surface.json"),
];

/** The top of openapi/flatfile.yaml: the same whatever the description was read from. */
const UPSTREAM_HEADER = `# Flatfile's description of its REST API, the Jobs part, as \`pnpm spec:update\` takes it in (tools/src/upstream.ts):
# the /jobs paths and the components they reach, schema names without Fern's prefixes, and none of Flatfile's words
# (descriptions, summaries, titles and examples are dropped). Not edited by hand: \`pnpm spec:update\` rewrites it
# from Flatfile's published description (openapi/README.md says where that is). This project's own choices and
# words are in overlay.yaml; openapi.yaml is built from the two (\`pnpm generate\`).
`;

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
  let imported: ReturnType<typeof importJobs>;
  let published: Node;
  try {
    published = await loadDescription(source);
    imported = importJobs(published, source);
  } catch (error) {
    if (error instanceof ImportError) throw new UpdateError(error.message);
    throw error;
  }
  for (const note of imported.notes) console.log(`note: ${note}`);
  const upstreamText = toYaml(canonicalOrder(imported.doc), UPSTREAM_HEADER);

  let builtText: string;
  try {
    builtText = await buildSpec(upstreamText, await readFile(FILES.overlay, "utf8"));
  } catch (error) {
    if (error instanceof OverlayError)
      throw new UpdateError(`the overlay no longer applies to the new description: ${error.message}`);
    throw error;
  }
  await lint(builtText);

  const before = parse(await readFile(FILES.built, "utf8"));
  const after = parse(builtText);
  // The client's operations are generated from the description: what it cannot generate stops here.
  let rows: OperationRow[];
  try {
    rows = operationTable(after);
  } catch (error) {
    if (error instanceof OperationTableError)
      throw new UpdateError(`the client's operations cannot be generated: ${error.message}`);
    throw error;
  }
  const result = classify(before, after);
  console.log(formatReport(result, "the current openapi/openapi.yaml"));
  const undecided = rows.filter((row) => !row.idempotenceDecided);
  if (undecided.length > 0) {
    console.log(
      `\n${undecided.length} operation(s) wait for a decision on idempotence (x-idempotent, difference 14 of ` +
        "openapi/README.md); until openapi/overlay.yaml says, the client goes by the method (GET, PUT, DELETE: " +
        "retried after any transient failure; POST, PATCH: only when nothing was processed):",
    );
    for (const row of undecided)
      console.log(
        `  ${row.operationId} (${row.method} ${row.path}): ${row.idempotent ? "idempotent" : "not idempotent"}`,
      );
  }
  const known = new Set(placeholders(before));
  const undescribed = placeholders(after).filter((pointer) => !known.has(pointer));
  if (undescribed.length > 0) {
    console.log(
      `\n${undescribed.length} new element(s) have no description of this project's yet (they read "${PLACEHOLDER}", ` +
        "which `pnpm lint:spec` refuses): write them in openapi/overlay.yaml, under difference 12.",
    );
    for (const pointer of undescribed) console.log(`  ${pointer}`);
  }
  if (upstreamText === (await readFile(FILES.upstream, "utf8").catch(() => ""))) {
    console.log("\nNothing changed; no file was written.");
    return;
  }

  // Written only now, and put back as they were if regenerating fails.
  const originals = new Map<string, string | undefined>();
  for (const file of [FILES.upstream, FILES.built, FIXTURE, ...GENERATED])
    originals.set(file, await readFile(file, "utf8").catch(() => undefined));
  try {
    await writeFile(FILES.upstream, upstreamText);
    // The tests' stand-in for Flatfile's description is the one flatfile.yaml is now made from.
    await writeFile(FIXTURE, fixtureText(published));
    await writeFile(FILES.built, builtText);
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/generate.ts")], {
      cwd: root,
      stdio: "inherit",
    });
    if (!values["skip-api-reports"]) {
      execFileSync("pnpm", ["--reporter=silent", "api:update"], { cwd: root, stdio: "inherit" });
      // The command's surface reads what the CLI prints from the description's schemas (after api:update's build).
      execFileSync("pnpm", ["--reporter=silent", "cli:surface"], { cwd: root, stdio: "inherit" });
    }
  } catch (error) {
    for (const [file, text] of originals) if (text !== undefined) await writeFile(file, text);
    throw new UpdateError(`regenerating failed (${messageOf(error).split("\n")[0]}); every file was put back`);
  }
  const written = `Wrote openapi/flatfile.yaml, openapi/openapi.yaml and the test fixture of Flatfile's description (scripts/fixtures/published/flatfile-api.yaml), regenerated the code${values["skip-api-reports"] ? "" : ", the API reports and the CLI's surface report"}`;
  if (result.bump === "none") {
    console.log(`\n${written}. No change an app can see, so no changeset was drafted; commit the files.`);
    return;
  }
  const changeset = await draftChangeset(result, source);
  console.log(
    `\n${written}, and drafted ${changeset} (${result.bump}). Edit the draft to say what changed for apps, then commit.`,
  );
}

/** Lints the built description with Redocly (the repository's rules); every problem is shown, with its pointer. */
async function lint(text: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "spec-update-"));
  try {
    const file = join(dir, "openapi.yaml");
    await writeFile(file, text);
    const { stdout, code } = await promisify(execFile)(
      "pnpm",
      ["exec", "redocly", "lint", file, "--config", join(root, "redocly.yaml"), "--format=json"],
      {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).then(
      ({ stdout }) => ({ stdout, code: 0 }),
      (error) => ({ stdout: String(field(error, "stdout") ?? ""), code: Number(field(error, "code") ?? 1) }),
    );
    if (code === 0) return;
    let report: { totals?: { errors: number; warnings: number }; problems?: LintProblem[] };
    try {
      report = JSON.parse(stdout);
    } catch {
      throw new UpdateError(`redocly lint failed (exit ${code}) without a report:\n${stdout}`);
    }
    const problems = report.problems ?? [];
    const lines = problems.map((problem) => {
      const where = (problem.location ?? []).map((l) => l.pointer?.replace(/^#/, "") || "/").join(", ");
      return `  ${problem.severity} [${problem.ruleId}] ${problem.message}\n      at ${where || "(no location)"}`;
    });
    const { errors = 0, warnings = 0 } = report.totals ?? {};
    throw new UpdateError(
      `the built description does not lint (redocly, the rules of redocly.yaml): ${errors} error(s), ${warnings} warning(s)\n${lines.join("\n")}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { pointer?: string }[];
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `value[key]` when `value` is an object that has it (a field of a caught error), else undefined. */
function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined;
}
