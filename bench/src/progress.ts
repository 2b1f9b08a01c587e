// Progress lines on stderr (stdout is kept for the children's own protocol).
import { performance } from "node:perf_hooks";

let prefix = "bench";

/** Names the suite that the following lines are about. */
export function setProgressPrefix(name: string): void {
  prefix = name;
}

export function progress(message: string): void {
  process.stderr.write(`[${prefix} ${(performance.now() / 1000).toFixed(1)}s] ${message}\n`);
}
