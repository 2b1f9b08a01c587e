// Prints the closing line `N passed, N failed` of a test run. Tests are counted from the vitest JSON reports
// that `pnpm test` writes (reports/vitest.json in each workspace package with a test script), from the Node
// matrix's summary (reports/node-matrix.json) and from the end-to-end reports (reports/release.json, …) when they
// ran; a package whose report is missing, a failed non-test task of the newest turbo run (typecheck, lint, check)
// and each failed step named on the command line (e.g. `lint:spec`) count as one failure each. Each failed test is named, with the first line of its
// message, just above the verdict.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readReport } from "@flatfile-jobs/tools/vitest-report";

const root = fileURLToPath(new URL("..", import.meta.url));
let passed = 0;
let failed = 0;
let skipped = 0;
/** One line per failed test, printed just above the verdict. */
const failures = [];

// The workspace's packages: those under packages/ and examples/, and the ones at the root (docs, tools, bench).
const packageDirs = [
  ...["packages", "examples"].flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group))
          .sort()
          .map((name) => `${group}/${name}`)
      : [],
  ),
  "docs",
  "tools",
  "bench",
];
for (const dir of packageDirs) {
  const pkgFile = join(root, dir, "package.json");
  if (!existsSync(pkgFile) || !JSON.parse(readFileSync(pkgFile, "utf8")).scripts?.test) continue;
  const report = join(root, dir, "reports/vitest.json");
  if (!existsSync(report)) {
    console.log(`${dir}: no test report (its tests did not run)`);
    failed += 1;
    continue;
  }
  const r = readReport(report, root);
  console.log(`${dir}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  failures.push(...r.failures);
}

const runsDir = join(root, ".turbo/runs");
if (existsSync(runsDir)) {
  const newest = readdirSync(runsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(runsDir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (newest) {
    for (const task of JSON.parse(readFileSync(newest, "utf8")).tasks ?? []) {
      if (task.task !== "test" && task.execution && task.execution.exitCode !== 0) {
        console.log(`${task.taskId}: failed (exit ${task.execution.exitCode})`);
        failed += 1;
      }
    }
  }
}

// The same suites on other Node versions (`pnpm test:node-matrix`), when they ran.
const matrix = join(root, "reports/node-matrix.json");
if (existsSync(matrix)) {
  for (const r of JSON.parse(readFileSync(matrix, "utf8"))) {
    console.log(`Node ${r.version} (core, node, testing, cli): ${r.passed} passed, ${r.failed} failed`);
    passed += r.passed;
    failed += r.failed;
    for (const line of r.failures ?? []) failures.push(`Node ${r.version}: ${line}`);
  }
}

// The end-to-end sequences (`pnpm test:release`, `pnpm test:spec-evolution`, `pnpm test:runtimes`), when they ran:
// reports/<name>.json.
for (const name of ["release", "spec-evolution", "runtimes"]) {
  const file = join(root, `reports/${name}.json`);
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8"));
  console.log(`${name} (end to end): ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed;
  failed += r.failed;
  failures.push(...(r.failures ?? []));
}

for (const step of process.argv.slice(2)) {
  console.log(`${step}: failed`);
  failed += 1;
}

// `TEST_EXIT` is the exit code of `pnpm test`; a failure that left no trace above still counts.
const testExit = Number(process.env.TEST_EXIT ?? 0);
if (testExit !== 0 && failed === 0) {
  console.log(`pnpm test: exited ${testExit} without a failing test or task`);
  failed += 1;
}

if (failures.length > 0) {
  console.log("\nFailed tests:");
  for (const line of failures) console.log(`  ${line}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 ? 1 : 0;
