// `flatfile-jobs list --all` over many jobs, against the Jobs simulator directly (no proxy: this is about the
// command's output, not the API's shapes): every job printed, page by page as the pages arrive, and with --json the
// same document as one page's shape.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Job } from "@flatfile-jobs/node";
import { type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
const JOBS = 200_000;
const PAGE_SIZE = 1_000;

let simulator: JobsSimulator;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm turbo run build\` first.`);
  simulator = await startJobsSimulator();
  simulator.seed(JOBS);
});
afterAll(async () => {
  await simulator?.close();
});

/** Runs the binary; `onFirstOutput` is called when the first bytes reach stdout. */
function run(args: string[], onFirstOutput?: () => void) {
  const env: NodeJS.ProcessEnv = { ...process.env, FLATFILE_API_KEY: "sk_cli_list_all" };
  delete env.FLATFILE_LOG;
  const child = spawn(process.execPath, [CLI, ...args, "--base-url", simulator.url], { env });
  const stdout: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    if (stdout.length === 0) onFirstOutput?.();
    stdout.push(chunk);
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr })),
  );
}

const listRequests = () => simulator.requests().filter((r) => r.method === "GET" && r.path === "/v1/jobs").length;

it(`prints all ${JOBS.toLocaleString("en")} jobs as a table, starting before the last page is fetched`, async () => {
  const before = listRequests();
  let pagesWhenOutputStarted = -1;
  const result = await run(["list", "--all", "--page-size", String(PAGE_SIZE)], () => {
    pagesWhenOutputStarted = listRequests() - before;
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const lines = result.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^ID\s+TYPE\/OPERATION\s+STATUS\s+PROGRESS\s+INFO\s+UPDATED$/);
  expect(lines.filter((line) => line.startsWith("us_jb_"))).toHaveLength(JOBS);
  expect(lines.at(-1)).toBe(`${JOBS} jobs`);
  // The walk fetches one page ahead of what it prints, so output began long before the last of the 200 pages.
  expect(pagesWhenOutputStarted).toBeGreaterThan(0);
  expect(pagesWhenOutputStarted).toBeLessThan(JOBS / PAGE_SIZE);
}, 120_000);

it("prints the same { data } document with --json as it would all at once", async () => {
  const source = "us_wb_cli_list_all_json";
  const seeded = simulator.seed(Array.from({ length: 5 }, (_, i) => ({ source, info: `job ${i}\nsecond line` })));
  const result = await run(["list", "--all", "--json", "--source", source, "--page-size", "2"]);
  expect(result.code).toBe(0);
  const jobs = seeded.map((job) => simulator.job(job.id) as Job);
  expect(result.stdout).toBe(`${JSON.stringify({ data: jobs }, null, 2)}\n`);

  const none = await run(["list", "--all", "--json", "--source", "us_wb_cli_no_such_source"]);
  expect(none.stdout).toBe(`${JSON.stringify({ data: [] }, null, 2)}\n`);
});
