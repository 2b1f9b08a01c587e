// `pnpm release [--registry <url>] [--public] [--dry-run]`: publishes the versions in the packages' package.json
// files. It refuses a dirty tree and pending changesets, then asks the registry about every version it is about to
// publish: one the registry has, built from another commit (its `gitHead`) or from an unknown one, stops it before
// anything is published, since one version number must be one build of all the packages; one built from this
// commit is skipped, so a rerun after a failure publishes only what is missing. Then it builds and checks every
// package, runs `changeset publish` with the commit written into each manifest, and reports each package. The
// registry is printed first; the public npm registry needs --public, so nothing goes there by accident.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type PublishedPackage, publishedPackages } from "@flatfile-jobs/tools/packages";
import {
  askRegistry,
  planRefusal,
  publishPlan,
  publishReport,
  type RegistryAnswer,
} from "@flatfile-jobs/tools/release-check";

const root = fileURLToPath(new URL("..", import.meta.url));
const SCOPE = "@flatfile-jobs";
const PUBLIC_REGISTRY = "https://registry.npmjs.org/";

const { values: args } = parseArgs({
  options: {
    registry: { type: "string" },
    public: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
  },
});

/** Stops with a message and exit code 1, having published nothing. */
function refuse(message: string): never {
  console.error(`pnpm release: ${message}\nNothing was published.`);
  process.exit(1);
}

const registry = normalise(args.registry ?? registryFromNpmrc());
console.log(`Registry: ${registry}${args["dry-run"] ? " (dry run: nothing will be published)" : ""}`);
if (isPublic(registry) && !args.public && !args["dry-run"]) {
  refuse(
    `${registry} is the public npm registry. Publishing there is a real release: run \`pnpm release --public\`. ` +
      "For a local or private registry, set it in .npmrc (`@flatfile-jobs:registry=<url>`) or pass --registry <url>.",
  );
}
const scoped = scopedRegistryInNpmrc();
if (args.registry && scoped && normalise(scoped) !== registry) {
  refuse(`--registry ${registry} and .npmrc's ${SCOPE}:registry=${scoped} disagree; pnpm would publish to .npmrc's.`);
}

const status = git(["status", "--porcelain"]);
const dirty = status.trim();
if (dirty) {
  const interrupted = status
    .split("\n")
    .filter(Boolean)
    .every((line) => /^ M packages\/[^/]+\/package\.json$/.test(line) && onlyGitHeadAdded(line.slice(3)));
  refuse(
    `the working tree has uncommitted changes; commit or stash them first:\n${dirty}` +
      (interrupted
        ? "\nOnly the gitHead line a release writes differs: a release was stopped while publishing. Put the files " +
          "back with `git checkout -- packages/*/package.json` and run `pnpm release` again."
        : ""),
  );
}
const pending = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
if (pending.length > 0) {
  refuse(
    `${pending.length} changeset(s) are pending (${pending.join(", ")}): run \`pnpm version-packages\`, review and ` +
      "commit the versions and changelogs it writes, then release.",
  );
}

const packages = publishedPackages(root);
const head = git(["rev-parse", "HEAD"]).trim();
console.log(`Commit: ${head}`);

// Before building or publishing anything: which of these versions the registry has, and from which commit.
const plan = publishPlan(packages, await askAll(packages), head);
const refusal = planRefusal(plan, registry);
if (refusal) refuse(refusal);

console.log(`\nBuilding and checking ${packages.map((p) => p.name).join(", ")}`);
const checks = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", "check", ...packages.map((p) => `--filter=${p.name}`), "--output-logs=errors-only"],
  { cwd: root, stdio: "inherit" },
);
if (checks.status !== 0) refuse("a build or a package check failed (see above).");

console.log("\nWhat goes out:");
const skipped = new Set(plan.skip.map((pkg) => pkg.name));
for (const pkg of packages) {
  console.log(
    `  ${pkg.name}@${pkg.version}  ${skipped.has(pkg.name) ? `already on the registry from ${head}: skipped` : "new"}`,
  );
  if (!skipped.has(pkg.name) && args["dry-run"]) for (const file of packedFiles(pkg)) console.log(`      ${file}`);
}
if (args["dry-run"]) process.exit(0);
if (plan.publish.length === 0) {
  console.log(`\nEvery version is on the registry already, built from ${head}; nothing to publish.`);
  process.exit(0);
}

// changesets asks npm which versions exist (npm reads npm_config_<scope>:registry); pnpm, which does the
// publishing in a pnpm workspace, reads pnpm_config_registry instead (and .npmrc, checked above to agree).
const env = { ...process.env, [`npm_config_${SCOPE}:registry`]: registry, pnpm_config_registry: registry };
const publish = withGitHead(packages, head, () =>
  spawnSync("pnpm", ["exec", "changeset", "publish"], { cwd: root, stdio: "inherit", env }),
);

console.log("\nResult, package by package:");
const report = publishReport(plan, await askAll(packages), registry);
for (const line of report.lines) console.log(`  ${line}`);
if (!report.complete) {
  console.error(`\n${report.summary}`);
  process.exit(1);
}
if (publish.status !== 0) {
  console.error(
    `\n${report.summary}\nBut \`changeset publish\` failed (see above): fix that, then run \`pnpm release\` again.`,
  );
  process.exit(1);
}
console.log(`\n${report.summary}`);

/** The registry's answer for each package's version, by name. */
async function askAll(list: PublishedPackage[]): Promise<Map<string, RegistryAnswer>> {
  const answers = await Promise.all(list.map((pkg) => askRegistry(pkg, registry, { cwd: root })));
  return new Map(list.map((pkg, i) => [pkg.name, answers[i] as RegistryAnswer]));
}

/**
 * Runs the publish with `"gitHead": "<commit>"` in each package.json, then puts the files back as they were (also
 * when the publish fails, or is stopped with Ctrl-C). npm records gitHead itself only when it publishes a folder
 * of a git checkout; pnpm publish, which changeset publish runs in a pnpm workspace, does not (a version published
 * so has no gitHead in Verdaccio's stored manifest). pnpm copies the field into the tarball's package.json, and the
 * registry into the version's manifest, where the check above reads it.
 */
function withGitHead<T>(list: PublishedPackage[], commit: string, fn: () => T): T {
  const originals = list.map((pkg) => {
    const file = join(pkg.dir, "package.json");
    return { file, text: readFileSync(file, "utf8") };
  });
  // The publish gets a Ctrl-C too (same process group); this process outlives it to put the files back.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const hold = () => undefined;
  for (const signal of signals) process.on(signal, hold);
  try {
    for (const { file, text } of originals) {
      writeFileSync(file, `${JSON.stringify({ ...JSON.parse(text), gitHead: commit }, null, 2)}\n`);
    }
    return fn();
  } finally {
    for (const { file, text } of originals) writeFileSync(file, text);
    for (const signal of signals) process.off(signal, hold);
  }
}

/** Whether a changed package.json differs from HEAD's only by the gitHead a release writes (and then removes). */
function onlyGitHeadAdded(file: string): boolean {
  try {
    const { gitHead, ...current } = JSON.parse(readFileSync(join(root, file), "utf8"));
    const committed = JSON.parse(git(["show", `HEAD:${file}`]));
    return typeof gitHead === "string" && JSON.stringify(current) === JSON.stringify(committed);
  } catch {
    return false;
  }
}

function git(argv: string[]): string {
  return execFileSync("git", argv, { cwd: root, encoding: "utf8" });
}

function normalise(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function isPublic(url: string): boolean {
  return /^https?:\/\/registry\.(npmjs\.org|yarnpkg\.com)\/$/.test(url);
}

/** `.npmrc` lines of the repository (the file pnpm reads for publishing), as name → value. */
function npmrc(): Record<string, string> {
  const file = join(root, ".npmrc");
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#") && !line.startsWith(";") && line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")).trim(), line.slice(line.indexOf("=") + 1).trim()]),
  );
}

function scopedRegistryInNpmrc(): string | undefined {
  return npmrc()[`${SCOPE}:registry`];
}

function registryFromNpmrc(): string {
  return scopedRegistryInNpmrc() ?? npmrc().registry ?? PUBLIC_REGISTRY;
}

/** The files `pnpm pack` would put in the package's tarball. */
function packedFiles(pkg: PublishedPackage): string[] {
  const result = spawnSync("pnpm", ["pack", "--dry-run", "--json"], { cwd: pkg.dir, encoding: "utf8" });
  try {
    const parsed = JSON.parse(result.stdout);
    const files: (string | { path: string })[] = parsed.files ?? parsed[0]?.files ?? [];
    return files.map((f) => (typeof f === "string" ? f : f.path)).sort();
  } catch {
    return [`(could not list the files: ${(result.stderr || result.stdout).trim().split("\n")[0]})`];
  }
}
