// A sequence of named checks for the end-to-end scripts (`pnpm test:release`, `pnpm test:spec-evolution`): each
// prints ✓ or ✗ with its time, the first failure ends the sequence, and the result is written as
// reports/<name>.json ({ name, passed, failed, failures }), which the CI summary counts.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** What reports/<name>.json holds. */
export interface StepsResult {
  name: string;
  passed: number;
  failed: number;
  failures: string[];
}

export interface Steps {
  /** Runs one check; after a failure the remaining ones are skipped. Undefined for a skipped or failed check. */
  step<T>(title: string, fn: () => T | Promise<T>): Promise<T | undefined>;
  /** Writes the report and prints the verdict; the exit code says whether every step passed. */
  finish(): StepsResult;
}

export interface RunOptions {
  cwd?: string;
  /** Added to the environment; an undefined value removes the variable. */
  env?: Record<string, string | undefined>;
  /** Resolve whatever the exit code, instead of rejecting on a non-zero one. */
  allowFailure?: boolean;
}

export function createSteps(name: string): Steps {
  const result: StepsResult = { name, passed: 0, failed: 0, failures: [] };
  const started = Date.now();
  let stopped = false;
  return {
    async step(title, fn) {
      if (stopped) return undefined;
      const at = Date.now();
      try {
        const value = await fn();
        result.passed += 1;
        console.log(`✓ ${title} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
        return value;
      } catch (error) {
        result.failed += 1;
        stopped = true;
        const message = error instanceof Error ? error.message : String(error);
        result.failures.push(`${name} > ${title}: ${message.split("\n")[0]}`);
        console.log(`✗ ${title} (${((Date.now() - at) / 1000).toFixed(1)} s)\n${indent(message)}`);
        return undefined;
      }
    },
    finish() {
      mkdirSync(join(root, "reports"), { recursive: true });
      writeFileSync(join(root, `reports/${name}.json`), JSON.stringify(result, null, 2));
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`\n${name}: ${result.passed} passed, ${result.failed} failed, in ${seconds} s`);
      process.exitCode = result.failed > 0 ? 1 : 0;
      return result;
    },
  };
}

/**
 * Runs a command; resolves with its output, or rejects with its exit code and the end of its output. `env` adds
 * to (or, with undefined values, removes from) the environment.
 */
export function run(
  command: string,
  args: string[],
  { cwd, env = {}, allowFailure = false }: RunOptions = {},
): Promise<{ code: number | null; output: string }> {
  const merged = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: merged, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 || allowFailure) resolve({ code, output });
      else reject(new Error(`${command} ${args.join(" ")} exited ${code} in ${cwd}:\n${tail(output)}`));
    });
  });
}

/** The last `lines` lines of a command's output. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Each line indented by four spaces, under a step's line. */
export function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
