// Reads a vitest JSON report (`--reporter=json`): its counts, and a line for each failed test, so that the last
// lines of a CI log name what failed and why.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

/** What a report's counts are read from: the fields of vitest's JSON report this module uses. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName: string; duration?: number | null; failureMessages?: string[] }[];
  }[];
}

/** A report's counts, and one line per failure. */
export interface ReportSummary {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

/**
 * The report at `file`: passed, failed and skipped counts (a test file that failed to load has no test results
 * of its own and counts as one failure), and `failures`, one `path > test name: first line of the message` each,
 * with paths relative to `dir`.
 */
export function readReport(file: string, dir: string): ReportSummary {
  const report: VitestReport = JSON.parse(readFileSync(file, "utf8"));
  const failures: string[] = [];
  let brokenFiles = 0;
  for (const result of report.testResults) {
    const path = relative(dir, result.name);
    if (result.status === "failed" && result.assertionResults.length === 0) {
      brokenFiles += 1;
      failures.push(`${path}: ${firstLine(result.message)}`);
    }
    for (const test of result.assertionResults) {
      if (test.status !== "failed") continue;
      let line = firstLine(test.failureMessages?.[0]);
      // How vitest's JSON report words a test that ran out of time.
      if (line === "Error: STACK_TRACE_ERROR") line = `timed out after ${Math.round(test.duration ?? 0)} ms`;
      failures.push(`${path} > ${test.fullName}: ${line}`);
    }
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    failures,
  };
}

function firstLine(text: string | undefined): string {
  const line = (text ?? "").split("\n").find((l) => l.trim()) ?? "(no message)";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
