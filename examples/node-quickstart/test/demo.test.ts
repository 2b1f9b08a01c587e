import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const demo = fileURLToPath(new URL("../../../scripts/demo.mjs", import.meta.url));

// What `pnpm demo` runs once the packages are built: Prism on the spec, then this app against it.
it("walks a job through its lifecycle against the mock and stops the mock", async () => {
  const env = { ...process.env };
  for (const name of ["FLATFILE_API_KEY", "FLATFILE_BEARER_TOKEN", "FLATFILE_API_URL"]) delete env[name];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [demo], { env });

  expect(stderr).toBe("");
  const steps = [...stdout.matchAll(/^▸ (.+)$/gm)].map((m) => m[1]);
  expect(steps).toEqual([
    "Create a job on workbook us_wb_quickstart",
    "Acknowledge it and report progress",
    "Complete it with an outcome",
    "Read it back",
    "List the first page of jobs",
  ]);
  expect(stdout).toMatch(/us_jb_\w+ · workbook\/submitAction · status executing · \d+%/);
  expect(stdout).toMatch(/status complete · 100%/);
  expect(stdout).toMatch(/page 1 of \d+ · \d+ jobs in all/);
  expect(stdout).toContain("Done.");
  expect(stdout).toContain("Stopped the mock.");
  const pid = Number(/PID (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
  if (!Number.isNaN(pid)) expect(() => process.kill(pid, 0)).toThrow();
});
