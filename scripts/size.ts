// Measures what @flatfile-jobs/browser costs an app: esbuild bundles (minified, ESM, browser) an app that lists
// jobs with the operation function, one that uses `client.jobs.list`, and one that takes the whole client, and
// prints raw and gzip (level 9) sizes in kB (1000 bytes, as size-limit counts; the budgets are in the browser
// package's .size-limit.json). It fails if a bundle imports any Node built-in (`node:…` or a bare builtin such as
// `fs`), which a browser cannot load. `pnpm size` (after `pnpm build`); `--root DIR` measures another checkout;
// `--json` prints JSON.
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const { values } = parseArgs({ options: { root: { type: "string" }, json: { type: "boolean", default: false } } });
const root = resolve(values.root ?? fileURLToPath(new URL("..", import.meta.url)));
const pkgDir = join(root, "packages/browser");

const apps = {
  listJobs: `import { createJobsCore, listJobs } from "@flatfile-jobs/browser";
const client = createJobsCore({ token: "pk_example" });
listJobs(client, { pageSize: 20 }).then((page) => console.log(page.data.length));`,
  "client.jobs.list": `import { createJobsClient } from "@flatfile-jobs/browser";
const client = createJobsClient({ token: "pk_example" });
client.jobs.list({ pageSize: 20 }).then((page) => console.log(page.data.length));`,
  "whole client": `export * from "@flatfile-jobs/browser";`,
};

const results: Record<string, { bytes: number; gzip: number }> = {};
for (const [name, contents] of Object.entries(apps)) {
  const out = await build({
    stdin: { contents, resolveDir: pkgDir, loader: "js" },
    // The app imports the package by name, as a downstream app would; resolve it from the package itself.
    alias: { "@flatfile-jobs/browser": pkgDir },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
    // Kept out of the bundle so that they show up below instead of failing the build.
    external: ["node:*", ...builtinModules],
  });
  const nodeImports = Object.values(out.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external && (i.path.startsWith("node:") || builtinModules.includes(i.path))),
  );
  if (nodeImports.length > 0) {
    console.error(
      `The browser bundle imports Node built-ins: ${[...new Set(nodeImports.map((i) => i.path))].join(", ")}`,
    );
    process.exit(1);
  }
  const code = out.outputFiles?.[0]?.contents;
  if (code === undefined) throw new Error(`esbuild returned no bundle for ${name}`);
  results[name] = { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

if (values.json) {
  console.log(JSON.stringify(results));
} else {
  for (const [name, { bytes, gzip }] of Object.entries(results)) {
    console.log(`${name.padEnd(16)} ${(bytes / 1000).toFixed(2)} kB min, ${(gzip / 1000).toFixed(2)} kB min+gzip`);
  }
}
