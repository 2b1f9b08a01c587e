// `pnpm run docs` (`pnpm docs` alone is pnpm's own command): builds the API reference site into docs-site/ (not
// committed): the HTTP reference rendered from openapi/openapi.yaml by Redocly (docs-site/http/), the TypeScript
// reference of the published packages by TypeDoc from their sources (docs-site/ts/; nothing needs to be built
// first), and docs-site/index.html from the template docs/index.html, with the README's quick start and each
// package's description. `pnpm docs:serve` serves it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publishedPackages } from "@flatfile-jobs/tools/packages";
import { Application, OptionDefaults } from "typedoc";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "docs-site");
// The published packages, core first: TypeDoc documents a declaration in the first module that exports it, and node
// and browser re-export core's, which then appear in theirs as references to core's pages. Each library has its
// entry point in docs/reference/<folder>.ts; a package without an API report (cli) is a command with no exports.
const PACKAGES = publishedPackages(root);
const LIBRARIES = PACKAGES.filter((pkg) => pkg.library).map((pkg) => pkg.folder);
const started = performance.now();

rmSync(out, { recursive: true, force: true });

// --inlineBundle puts Redoc's script in the page instead of loading it from Redocly's CDN, so the site works
// offline. Redocly's notices (Node 20's end of life, Redoc 3) are printed only when it fails.
try {
  execFileSync(
    join(root, "node_modules/.bin/redocly"),
    ["build-docs", "openapi/openapi.yaml", "--inlineBundle", "--output", "docs-site/http/index.html"],
    { cwd: root, stdio: "pipe", env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  );
} catch (error) {
  const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
  console.error(`${stdout ?? ""}${stderr ?? ""}`);
  fail("redocly build-docs failed");
}

const app = await Application.bootstrapWithPlugins({
  tsconfig: join(root, "docs/tsconfig.reference.json"),
  entryPoints: LIBRARIES.map((name) => join(root, `docs/reference/${name}.ts`)),
  out: join(out, "ts"),
  name: "flatfile-jobs TypeScript reference",
  readme: "none",
  disableSources: true,
  // openapi-typescript writes `@description` in the generated types; TypeDoc would warn about each one.
  blockTags: [...OptionDefaults.blockTags, "@description"],
  logLevel: "Warn",
});
const project = await app.convert();
if (!project || app.logger.hasErrors()) fail("TypeDoc could not convert the packages (errors above)");
await app.generateDocs(project, join(out, "ts"));
if (app.logger.hasErrors()) fail("TypeDoc could not write the reference (errors above)");

const packages = PACKAGES.map(({ folder, dir, library }) => {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const page = `ts/modules/_flatfile-jobs_${folder}.html`;
  if (library && !existsSync(join(out, page))) fail(`TypeDoc wrote no ${page}`);
  const reference = library
    ? `<a href="${page}">TypeScript reference</a>`
    : "no TypeScript reference: the package is a command, and exports nothing";
  return `<li><code>${manifest.name}</code>: ${escapeHtml(manifest.description)} (${reference})</li>`;
});
const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readFileSync(join(root, "README.md"), "utf8"));
if (!quickStart?.[1]) fail("README.md has no quick start block");
const index = readFileSync(join(root, "docs/index.html"), "utf8")
  .replace("<!-- quick start -->", escapeHtml(quickStart[1].trimEnd()))
  .replace("<!-- packages -->", packages.join("\n      "));
writeFileSync(join(out, "index.html"), index);
console.log(`docs-site/ written in ${((performance.now() - started) / 1000).toFixed(1)} s; pnpm docs:serve serves it`);

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fail(message: string): never {
  console.error(`pnpm run docs: ${message}`);
  process.exit(1);
}
