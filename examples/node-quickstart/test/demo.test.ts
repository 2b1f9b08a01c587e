import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const demo = fileURLToPath(new URL("../../../scripts/demo.ts", import.meta.url));

// What `pnpm demo` runs once the packages are built: the Jobs simulator, then this app against it.
it("walks a job through its lifecycle against the simulator, showing each change of state", async () => {
  const env = { ...process.env };
  for (const name of ["FLATFILE_API_KEY", "FLATFILE_BEARER_TOKEN", "FLATFILE_API_URL"]) delete env[name];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", demo], { env });

  // stderr carries only the waiting command's progress lines.
  expect(stderr.split("\n").filter((line) => line && !/^us_jb_\w+ \w+ \d+%/.test(line))).toEqual([]);
  const steps = [...stdout.matchAll(/^▸ (.+)$/gm)].map((m) => m[1]);
  expect(steps.slice(0, 5)).toEqual([
    "Create a job on workbook us_wb_quickstart",
    "Acknowledge it and report progress",
    "Complete it with an outcome",
    "Read it back",
    "List the first page of jobs",
  ]);
  expect(steps[5]).toMatch(/^Wait for another job with the command line: flatfile-jobs wait us_jb_\w+$/);
  const states = [...stdout.matchAll(/^ {2}(us_jb_\w+) · workbook\/submitAction · status (\w+) · (\d+)%/gm)].map(
    (m) => `${m[1]} ${m[2]} ${m[3]}`,
  );
  const id = states[0]?.split(" ")[0];
  // create, ack, complete, get, then the same job first in the list (newest first)
  expect(states).toEqual([
    `${id} created 0`,
    `${id} executing 40`,
    `${id} complete 100`,
    `${id} complete 100`,
    `${id} complete 100`,
  ]);
  expect(stdout).toMatch(/page 1 of 1 · 4 jobs in all/);
  // Not a terminal here, so the command prints a line per change instead of a bar; the job really moves.
  const waited = [...stderr.matchAll(/^us_jb_\w+ (\w+) (\d+)%/gm)].map((m) => `${m[1]} ${m[2]}`);
  expect(waited[0]).toMatch(/^(ready 0|executing \d+)$/);
  expect(waited.at(-1)).toBe("complete 100");
  expect(new Set(waited).size).toBeGreaterThanOrEqual(3);
  expect(stdout).toContain("Done.");
  expect(stdout).toMatch(/^status +complete$/m);
  expect(stdout).toContain("Stopped the simulator and Prism.");
});
