// `pnpm bench [--quick] [--only <suite>] [--out <dir>]`: runs the benchmark suites against the built packages
// (`packages/*/dist`) and writes the report. Each suite runs in its own child process (src/worker.ts); this
// process only starts them one after another, collects their reports and writes BENCHMARKS.md (repository root)
// and bench/chart.svg. `--quick` runs every suite with tiny counts (a smoke test: it fails only if a contender
// fails) and, like `--only` and `--out`, writes to bench/reports/ (or <dir>) instead of the committed files.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { type Baseline, prepareBaseline } from "./baseline.js";
import { BENCH_DIR, ROOT_DIR, spawnTs, stopChildrenOnExit } from "./processes.js";
import { progress } from "./progress.js";
import {
  describeMachine,
  describeVersions,
  type RunInfo,
  renderMarkdown,
  renderSvg,
  type SuiteReport,
} from "./report.js";

/** The suites, in the order of the report. */
const SUITES = ["stubbed", "loopback", "bundle", "iterate", "typecheck"] as const;
type Suite = (typeof SUITES)[number];

const USAGE = `Usage: pnpm bench [--quick] [--only <suite>[,<suite>…]] [--out <dir>] [--baseline <git-ref>]
  --quick        every suite with tiny counts; writes to bench/reports/quick/
  --baseline <r> also measure this client as built at commit <r> (stubbed and loopback suites), e.g. the last
                 release, so before and after are side by side in one run
  --only <list>  only these suites (${SUITES.join(", ")}); writes to bench/reports/partial/
  --out <dir>    write BENCHMARKS.md and chart.svg to <dir>
With none of them it runs everything and writes BENCHMARKS.md and bench/chart.svg.`;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    out: { type: "string" },
    baseline: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const only = values.only?.flatMap((list) => list.split(",")).map((name) => name.trim());
const unknown = only?.filter((name) => !(SUITES as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown suite ${unknown.join(", ")}.\n${USAGE}`);
  process.exit(2);
}
const suites: Suite[] = only ? SUITES.filter((name) => only.includes(name)) : [...SUITES];

// Every figure is of the built packages, which the suites import through the workspace links.
const missing = ["core", "node", "browser"]
  .map((name) => join(ROOT_DIR, "packages", name, "dist", "index.mjs"))
  .filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(
    `The built packages are missing (${missing.map((f) => relative(ROOT_DIR, f)).join(", ")}).\nRun \`pnpm build\` first, then \`pnpm bench\` again.`,
  );
  process.exit(2);
}

stopChildrenOnExit();

let baseline: Baseline | undefined;
try {
  baseline = values.baseline === undefined ? undefined : prepareBaseline(values.baseline);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

/** Runs one suite in a child process (with `--expose-gc`) and resolves to its report. */
function runSuite(name: Suite): Promise<SuiteReport> {
  const child = spawnTs(
    new URL("./worker.ts", import.meta.url).href,
    [name, JSON.stringify({ quick: values.quick, baseline })],
    ["--expose-gc"],
    ["ignore", "inherit", "inherit", "ipc"],
  );
  return new Promise((resolve, reject) => {
    let report: SuiteReport | undefined;
    child.once("message", (message) => {
      report = message as SuiteReport;
    });
    child.once("exit", (code, signal) => {
      if (report && code === 0) resolve(report);
      else reject(new Error(`the ${name} suite failed (${signal ?? `exit code ${code}`}); its error is above`));
    });
  });
}

const started = performance.now();
const loadAtStart = loadavg()[0] ?? 0;
const reports: SuiteReport[] = [];
try {
  for (const name of suites) {
    progress(`${name}: starting`);
    reports.push(await runSuite(name));
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const seconds = (performance.now() - started) / 1000;

// The committed files are written only by a full run of every suite.
const committed = !values.quick && !only && !values.out;
const outDir = values.out
  ? resolve(values.out)
  : committed
    ? ROOT_DIR
    : join(BENCH_DIR, "reports", values.quick ? "quick" : "partial");
const markdownFile = join(outDir, "BENCHMARKS.md");
const svgFile = committed ? join(BENCH_DIR, "chart.svg") : join(outDir, "chart.svg");
await mkdir(outDir, { recursive: true });
const info: RunInfo = {
  quick: values.quick,
  seconds,
  load: [loadAtStart, loadavg()[0] ?? 0],
  machine: describeMachine(),
  versions: describeVersions(),
  baseline: baseline && values.baseline ? { ref: values.baseline, label: baseline.label } : undefined,
};
await writeFile(markdownFile, renderMarkdown(info, reports, relative(outDir, svgFile)));
await writeFile(svgFile, renderSvg(reports, values.quick));
progress(
  `done in ${seconds.toFixed(0)} s: wrote ${relative(ROOT_DIR, markdownFile)} and ${relative(ROOT_DIR, svgFile)}`,
);
