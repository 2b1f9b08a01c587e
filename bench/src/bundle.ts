// Suite 3: what each client adds to a browser bundle. esbuild bundles small apps for the browser (ESM,
// minified, `platform: "browser"`, target es2022), as `pnpm size` does for the budgets, and this suite
// reports min and min+gzip (zlib, level 9) sizes in kB (1000 bytes).
//
// Method. Apps: a list call through @flatfile-jobs/browser's function form (`createJobsCore` + `listJobs`), the
// same through its resource form (`createJobsClient(…).jobs.list`), the whole package (`export *`, everything
// kept), a list call with bare openapi-fetch (the baseline: what the client is built on), and a list call with
// @flatfile/api 1.23.1 (`new FlatfileClient(…).jobs.list`). Each app imports its package by name, resolved from
// this folder, so the built `dist` of the workspace packages is what gets bundled. Node built-ins that a bundle
// imports are left out of it (external) and listed: a browser cannot load them. Sizes are deterministic, so each
// bundle is built once; there are no rounds.
import { type BrowserBundle, bundleForBrowser } from "@flatfile-jobs/tools/browser-bundle";
import { stop } from "esbuild";
import { BENCH_DIR } from "./processes.js";
import { progress } from "./progress.js";
import { type BarKind, fmt, type SuiteReport } from "./report.js";

export interface BundleOptions {
  quick: boolean;
}

interface App {
  name: string;
  kind: BarKind;
  source: string;
}

const APPS: App[] = [
  {
    name: "openapi-fetch (bare): GET /jobs",
    kind: "baseline",
    source: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.x.flatfile.com/v1", headers: { Authorization: "Bearer pk_example" } });
client.GET("/jobs", { params: { query: { pageSize: 20 } } }).then(({ data }) => console.log(data?.data.length));`,
  },
  {
    name: "@flatfile-jobs/browser listJobs()",
    kind: "ours",
    source: `import { createJobsCore, listJobs } from "@flatfile-jobs/browser";
const client = createJobsCore({ token: "pk_example" });
listJobs(client, { pageSize: 20 }).then((page) => console.log(page.data.length));`,
  },
  {
    name: "@flatfile-jobs/browser jobs.list",
    kind: "ours",
    source: `import { createJobsClient } from "@flatfile-jobs/browser";
const client = createJobsClient({ token: "pk_example" });
client.jobs.list({ pageSize: 20 }).then((page) => console.log(page.data.length));`,
  },
  {
    name: "@flatfile-jobs/browser, whole package",
    kind: "ours",
    source: `export * from "@flatfile-jobs/browser";`,
  },
  {
    name: "@flatfile/api 1.23.1 jobs.list",
    kind: "other",
    source: `import { FlatfileClient } from "@flatfile/api";
const client = new FlatfileClient({ token: "pk_example" });
client.jobs.list({ pageSize: 20 }).then((page) => console.log(page.data.length));`,
  },
];

type Size = BrowserBundle;

/** Each app imports its package by name, resolved from this folder (the workspace packages' built `dist`). */
const bundle = (app: App): Promise<Size> => bundleForBrowser(app.source, BENCH_DIR);

export async function measure(_options: BundleOptions): Promise<SuiteReport> {
  const sizes = new Map<App, Size>();
  try {
    for (const app of APPS) {
      progress(`bundling ${app.name}`);
      sizes.set(app, await bundle(app));
    }
  } finally {
    await stop();
  }
  const size = (app: App) => sizes.get(app) as Size;
  const baseline = size(APPS[0] as App);
  const notes = [
    "Smaller is better. The ratios are to the bare openapi-fetch app, the floor for a client built on it.",
    ...APPS.filter((app) => size(app).nodeImports.length > 0).map(
      (app) =>
        `The ${app.name} bundle imports Node built-ins (${size(app)
          .nodeImports.map((m) => `\`${m}\``)
          .join(", ")}), left out of the figures: a browser app needs a bundler set up to replace them.`,
    ),
  ];
  return {
    id: "bundle",
    title: "3. Browser bundle size",
    method: [
      'esbuild bundles a small app per contender for the browser (`platform: "browser"`, ESM, minified, target',
      "es2022), the way `pnpm size` measures the budgets; min+gzip is zlib at level 9, in kB of 1000 bytes.",
      "Each app lists one page of jobs (`GET /jobs?pageSize=20`), except the whole-package one (`export *`). The",
      "packages are imported by name, so this project's apps bundle the built `packages/browser/dist`. Node built-ins",
      "a bundle imports are kept out of it and named below. Sizes do not vary between runs: each is built once.",
    ].join(" "),
    tables: [
      {
        columns: ["app", "min", "min+gzip", "min ÷ openapi-fetch", "min+gzip ÷ openapi-fetch"],
        align: ["left", "right", "right", "right", "right"],
        rows: APPS.map((app) => [
          app.name,
          fmt.kB(size(app).min),
          fmt.kB(size(app).gzip),
          fmt.ratio(size(app).min / baseline.min),
          fmt.ratio(size(app).gzip / baseline.gzip),
        ]),
      },
    ],
    notes,
    chart: [
      {
        title: "Browser bundle size (min+gzip)",
        axis: "÷ bare openapi-fetch (lower is smaller)",
        bars: APPS.map((app) => ({ label: app.name, ratio: size(app).gzip / baseline.gzip, kind: app.kind })),
      },
    ],
  };
}
