// Runs one suite in a child process of `main.ts` and sends its report back over IPC: each suite gets a fresh
// process (a clean heap, `--expose-gc`), and the parent only orchestrates. `node --expose-gc --import tsx
// src/worker.ts <suite> <options as JSON>`; started by main.ts, not by hand.

import type { Baseline } from "./baseline.js";
import { stopAll, stopChildrenOnExit } from "./processes.js";
import { setProgressPrefix } from "./progress.js";
import type { SuiteReport } from "./report.js";

export const SUITES = {
  stubbed: () => import("./stubbed.js"),
  loopback: () => import("./loopback.js"),
  bundle: () => import("./bundle.js"),
  iterate: () => import("./iterate.js"),
  typecheck: () => import("./typecheck.js"),
} satisfies Record<
  string,
  () => Promise<{ measure(options: { quick: boolean; baseline?: Baseline }): Promise<SuiteReport> }>
>;

export type SuiteName = keyof typeof SUITES;

const [name, options] = process.argv.slice(2);
if (process.send && name && options) {
  stopChildrenOnExit();
  setProgressPrefix(name);
  const send = process.send.bind(process);
  try {
    const suite = await SUITES[name as SuiteName]();
    const report = await suite.measure(JSON.parse(options));
    stopAll();
    send(report, () => process.exit(0));
  } catch (error) {
    console.error(error);
    stopAll();
    process.exit(1);
  }
}
