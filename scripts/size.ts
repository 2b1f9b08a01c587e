// Measures what @flatfile-jobs/browser costs an app: esbuild bundles (minified, ESM, browser) an app that lists
// jobs with the operation function, one that uses `client.jobs.list`, and one that takes the whole client, and
// prints raw and gzip (level 9) sizes in kB (1000 bytes, as size-limit counts; the budgets are in the browser
// package's .size-limit.json). It fails if a bundle imports any Node built-in (`node:…` or a bare builtin such as
// `fs`), which a browser cannot load. `pnpm size` (after `pnpm build`); `--root DIR` measures another checkout;
// `--json` prints JSON.
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleForBrowser } from "@flatfile-jobs/tools/browser-bundle";

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
  // The app imports the package by name, as a downstream app would; resolve it from the package itself.
  const bundle = await bundleForBrowser(contents, pkgDir, { "@flatfile-jobs/browser": pkgDir });
  if (bundle.nodeImports.length > 0) {
    console.error(`The browser bundle imports Node built-ins: ${bundle.nodeImports.join(", ")}`);
    process.exit(1);
  }
  results[name] = { bytes: bundle.min, gzip: bundle.gzip };
}

if (values.json) {
  console.log(JSON.stringify(results));
} else {
  for (const [name, { bytes, gzip }] of Object.entries(results)) {
    console.log(`${name.padEnd(16)} ${(bytes / 1000).toFixed(2)} kB min, ${(gzip / 1000).toFixed(2)} kB min+gzip`);
  }
}
