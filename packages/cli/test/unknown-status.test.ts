// A status the command does not know (one the API may add later) is shown as it came, and `wait` takes it for a
// job still running. Against the Jobs simulator directly: Prism's validating proxy would refuse the status.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runToExit } from "./local-servers.js";

const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
let simulator: JobsSimulator;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm turbo run build\` first.`);
  simulator = await startJobsSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

function cli(args: string[]) {
  return runToExit(process.execPath, [CLI, ...args, "--base-url", simulator.url], {
    env: { PATH: process.env.PATH, FLATFILE_API_KEY: "sk_test_cli_unknown" },
    limitMs: 15_000,
  });
}

it("shows an unknown status as it came, and waits through it until --timeout", async () => {
  const [job] = simulator.seed([{ status: "archived", progress: 40, info: "On hold" }]);
  const id = job?.id as string;
  const shown = await cli(["get", id]);
  expect(shown.exit).toBe(0);
  expect(shown.stdout).toMatch(/^status\s+archived$/m);
  const listed = await cli(["list"]);
  expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+file/extract\\s+archived\\s+40%`, "m"));

  // 3 s: the message reports a poll made before the deadline, which a loaded machine must have time to make.
  const waited = await cli(["wait", id, "--timeout", "3000", "--interval", "100"]);
  expect(waited.exit).toBe(1);
  expect(waited.stderr).toMatch(/did not finish within 3000 ms \(still archived at 40%\)/);
  expect(simulator.requests().filter((r) => r.path === `/v1/jobs/${id}`).length).toBeGreaterThan(2);
});
