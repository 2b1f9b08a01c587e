// `pnpm check:changeset [--base <git-ref>]`: fails unless the pending changesets release each published package at
// least at the bump that the changes since the base (default: the last release) need: each package's public
// TypeScript surface as its API report (packages/*/etc/*.api.md) changed, and, for @flatfile-jobs/core and node and
// browser which re-export it, the spec's changes as `pnpm spec:diff` classifies them, and for @flatfile-jobs/cli the
// flatfile-jobs command's surface report (packages/cli/etc/cli.surface.json). Passes when nothing user-facing changed.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { classifyApiReportChange } from "@flatfile-jobs/tools/api-diff";
import { type CliSurface, checkCliChangeset } from "@flatfile-jobs/tools/cli-surface-diff";
import { fixedGroupProblems, publishedPackages } from "@flatfile-jobs/tools/packages";
import { type Bump, classify } from "@flatfile-jobs/tools/spec-diff";
import { fileAt, lastReleaseCommit, loadSpecs } from "@flatfile-jobs/tools/spec-source";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({ options: { base: { type: "string" } } });
const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
/** The packages whose public types include the spec's: core, and node and browser, which re-export it. */
const SPEC_PACKAGES = ["@flatfile-jobs/core", "@flatfile-jobs/node", "@flatfile-jobs/browser"];
/** Declarations of a report that openapi-typescript generated from the spec. */
const GENERATED = /^(paths|operations|components)(\.|$)/;
/** The report of the flatfile-jobs command's surface, and its package. */
const CLI_REPORT = "packages/cli/etc/cli.surface.json";
const CLI_PACKAGE = "@flatfile-jobs/cli";
/** The libraries with an API report (packages/<folder>/etc/<folder>.api.md). */
const LIBRARIES = publishedPackages(root).filter((pkg) => pkg.library);

// The release bumps the packages of the fixed group together: a published package outside it would be left behind.
const groupProblems = fixedGroupProblems(root);
if (groupProblems.length > 0) {
  console.error(`check:changeset: .changeset/config.json's "fixed" group is not the published packages:`);
  for (const problem of groupProblems) console.error(`  ${problem}`);
  process.exit(1);
}

let base: string;
try {
  base = args.base ?? lastReleaseCommit(root);
} catch (error) {
  console.error(`check:changeset: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}

/** What each package needs: { name → { bump, reasons[] } }. */
const needs = new Map<string, { bump: Bump; reasons: string[] }>();
const need = (name: string, bump: Bump, reason: string) => {
  const current = needs.get(name) ?? { bump: "none", reasons: [] };
  if (RANK[bump] > RANK[current.bump]) current.bump = bump;
  if (bump !== "none") current.reasons.push(`${bump}: ${reason}`);
  needs.set(name, current);
};

const { before, after } = await loadSpecs(base, root);
const spec = classify(before, after);
for (const change of spec.changes) {
  const bump: Bump = change.level === "breaking" ? "major" : change.level === "non-breaking" ? "minor" : "patch";
  for (const name of SPEC_PACKAGES)
    need(name, bump, `spec, ${change.operation}: ${change.message} (${change.pointer})`);
}

for (const { folder, name } of LIBRARIES) {
  const file = `packages/${folder}/etc/${folder}.api.md`;
  if (!existsSync(`${root}${file}`)) continue;
  const old = fileAt(base, file, root);
  if (old === undefined) {
    // A package with no report at the last release is new there: all of its API is an addition.
    need(name, "minor", `API of ${name}: a package the last release did not have (${base.slice(0, 12)})`);
    continue;
  }
  const result = classifyApiReportChange(old, readFileSync(`${root}${file}`, "utf8"));
  // The types generated from the spec (`paths`, `operations`, `components`) change with it, and the spec's own
  // classification above knows which way data flows through them; the report's line diff would not.
  for (const change of result.changes.filter((c) => !GENERATED.test(c.declaration))) {
    const bump = change.level === "breaking" ? "major" : "minor";
    const targets = name === "@flatfile-jobs/core" ? SPEC_PACKAGES : [name];
    for (const target of targets) need(target, bump, `API of ${name}: ${change.message} (${change.declaration})`);
  }
}

const planned = await releasePlan();
if (!existsSync(`${root}${CLI_REPORT}`)) {
  console.error(`check:changeset: ${CLI_REPORT} is missing. To fix this, run: pnpm cli:surface`);
  process.exit(2);
}
const cli = checkCliChangeset(
  cliSurfaceAt(base),
  JSON.parse(readFileSync(`${root}${CLI_REPORT}`, "utf8")) as CliSurface,
  planned.get(CLI_PACKAGE) ?? "none",
);
let failed = 0;
console.log(`Changes since ${base}, and what the pending changesets release:`);
for (const [name, { bump, reasons }] of needs) {
  if (bump === "none") continue;
  const got = planned.get(name) ?? "none";
  const ok = RANK[got] >= RANK[bump];
  if (!ok) failed += 1;
  console.log(`\n${ok ? "✓" : "✗"} ${name} needs ${bump}, the changesets give ${got}`);
  for (const reason of reasons.slice(0, 20)) console.log(`    ${reason}`);
  if (reasons.length > 20) console.log(`    … and ${reasons.length - 20} more (pnpm spec:diff lists them all)`);
}
if (cli.note) console.log(`\n${cli.note}`);
if (cli.needed !== "none") {
  if (!cli.ok) failed += 1;
  const got = planned.get(CLI_PACKAGE) ?? "none";
  console.log(`\n${cli.ok ? "✓" : "✗"} ${CLI_PACKAGE} needs ${cli.needed}, the changesets give ${got}`);
  for (const reason of cli.reasons.slice(0, 20)) console.log(`    ${reason}`);
  if (cli.reasons.length > 20)
    console.log(`    … and ${cli.reasons.length - 20} more (git diff ${base.slice(0, 12)} -- ${CLI_REPORT})`);
}
if ([...needs.values()].every((n) => n.bump === "none") && cli.needed === "none") {
  console.log("\nNothing user-facing changed in the spec, the public types or the flatfile-jobs command.");
}
if (failed > 0) {
  console.error(
    `\n${failed} package(s) would be released below the bump their changes need. Add a changeset (pnpm changeset) ` +
      "at that bump, saying what changed for apps; the packages share one version, so naming core is enough.",
  );
  process.exit(1);
}

/** The CLI surface report at the base, or undefined when the base has none (it predates the report). */
function cliSurfaceAt(ref: string): CliSurface | undefined {
  const text = fileAt(ref, CLI_REPORT, root);
  return text === undefined ? undefined : (JSON.parse(text) as CliSurface);
}

/** What `changeset version` would do now: each package's release type (fixed groups applied). */
async function releasePlan(): Promise<Map<string, Bump>> {
  const require = createRequire(createRequire(import.meta.url).resolve("@changesets/cli/package.json"));
  const getReleasePlan = require("@changesets/get-release-plan");
  const plan = await (getReleasePlan.default ?? getReleasePlan)(root);
  return new Map(plan.releases.map((release: { name: string; type: Bump }) => [release.name, release.type]));
}
