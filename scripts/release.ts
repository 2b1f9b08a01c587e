// `pnpm release [--registry <url>] [--public] [--dry-run]`: publishes the versions in the packages' package.json
// files. It refuses a dirty tree and pending changesets, builds and checks every package, then runs
// `changeset publish`, which publishes what the registry does not have yet (so a rerun after a failure publishes
// only what is missing), and reports each package. The registry is printed first; the public npm registry needs
// --public, so nothing goes there by accident.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type PublishedPackage, publishedPackages } from "@flatfile-jobs/tools/packages";

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

const dirty = git(["status", "--porcelain"]).trim();
if (dirty) refuse(`the working tree has uncommitted changes; commit or stash them first:\n${dirty}`);
const pending = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
if (pending.length > 0) {
  refuse(
    `${pending.length} changeset(s) are pending (${pending.join(", ")}): run \`pnpm version-packages\`, review and ` +
      "commit the versions and changelogs it writes, then release.",
  );
}

const packages = publishedPackages(root);
console.log(`\nBuilding and checking ${packages.map((p) => p.name).join(", ")}`);
const checks = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", "check", ...packages.map((p) => `--filter=${p.name}`), "--output-logs=errors-only"],
  { cwd: root, stdio: "inherit" },
);
if (checks.status !== 0) refuse("a build or a package check failed (see above).");

console.log("\nWhat goes out:");
const plan = [];
for (const pkg of packages) plan.push({ ...pkg, published: await isPublished(pkg) });
for (const pkg of plan) {
  console.log(`  ${pkg.name}@${pkg.version}  ${pkg.published ? "already on the registry: skipped" : "new"}`);
  if (!pkg.published && args["dry-run"]) for (const file of packedFiles(pkg)) console.log(`      ${file}`);
}
if (args["dry-run"]) process.exit(0);
if (plan.every((pkg) => pkg.published)) {
  console.log("\nEvery version is on the registry already; nothing to publish.");
  process.exit(0);
}

// changesets asks npm which versions exist (npm reads npm_config_<scope>:registry); pnpm, which does the
// publishing in a pnpm workspace, reads pnpm_config_registry instead (and .npmrc, checked above to agree).
const env = { ...process.env, [`npm_config_${SCOPE}:registry`]: registry, pnpm_config_registry: registry };
const publish = spawnSync("pnpm", ["exec", "changeset", "publish"], { cwd: root, stdio: "inherit", env });

console.log("\nResult, package by package:");
let missing = 0;
for (const pkg of plan) {
  const now = await isPublished(pkg);
  if (!now) missing += 1;
  console.log(
    `  ${pkg.name}@${pkg.version}  ${pkg.published ? "was there already" : now ? "published" : "NOT PUBLISHED"}`,
  );
}
if (missing > 0 || publish.status !== 0) {
  console.error(
    `\n${missing} package(s) did not reach ${registry}. Fix the cause shown above and run \`pnpm release\` again: ` +
      "it publishes only the versions the registry does not have.",
  );
  process.exit(1);
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

/** Whether the registry has this version: its package document, or `npm view` where that needs credentials. */
async function isPublished(pkg: PublishedPackage): Promise<boolean> {
  const response = await fetch(new URL(pkg.name.replace("/", "%2f"), registry)).catch(() => undefined);
  if (response?.status === 404) return false;
  if (response?.ok) return Object.hasOwn((await response.json()).versions ?? {}, pkg.version);
  const result = spawnSync("npm", ["view", `${pkg.name}@${pkg.version}`, "version", `--registry=${registry}`], {
    encoding: "utf8",
    env: { ...process.env, [`npm_config_${SCOPE}:registry`]: registry },
  });
  return result.status === 0 && result.stdout.trim() === pkg.version;
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
