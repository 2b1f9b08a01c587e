// A small run of the soak script (scripts/soak.ts) as part of the suite: many calls through the built
// package against the fault server, with every counter that must stay at zero checked from its output.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { operationTable } from "@flatfile-jobs/tools/operations-table";
import { expect, it } from "vitest";
import { spec } from "./spec.js";

const SCRIPT = fileURLToPath(new URL("../../../scripts/soak.ts", import.meta.url));
/** Far above what 500 calls take (a few seconds); the run is killed past it so the suite cannot hang. */
const LIMIT_MS = 120_000;

function runSoak(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // With tsx's loader, as `pnpm soak` runs it, on this process's Node (the Node matrix runs the suite on others).
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), LIMIT_MS);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The number printed after `label:` on a line of its own. */
function counter(output: string, label: string): number {
  const line = output.split("\n").find((l) => l.trim().startsWith(`${label}:`));
  return line === undefined ? Number.NaN : Number(line.split(":").at(-1));
}

it("500 calls through faults: no hang, no unhandled rejection, no foreign error, nothing executed twice", async () => {
  const { code, output } = await runSoak(["--requests", "500"]);

  expect(output).toContain("soak: 500 calls");
  // Every operation of the spec was called.
  const operations = operationTable(spec).length;
  expect(output).toContain(`operations (${operations} of ${operations})`);
  for (const label of [
    "unhandled rejections",
    "uncaught exceptions",
    "hangs (calls unsettled after 15 s)",
    "errors not of an SDK class",
    "duplicated non-idempotent effects",
    "requests left open on the server",
    "calls not run (time limit)",
  ]) {
    expect({ label, count: counter(output, label) }).toEqual({ label, count: 0 });
  }
  // The faults did bite: some calls were retried into success, and more requests than calls were made.
  expect(counter(output, "retried and then succeeded")).toBeGreaterThan(0);
  expect(counter(output, "requests received by the server")).toBeGreaterThan(500);
  expect({ code, result: output.match(/^result: (\w+)$/m)?.[1] }).toEqual({ code: 0, result: "PASS" });
}, 150_000);
