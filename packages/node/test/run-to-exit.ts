import { spawn } from "node:child_process";

/**
 * Runs `node <args>` and resolves with its exit code and its stdout and stderr together, or with "still running
 * after N s" (killing it) if it has not exited by then. A hang check, not a speed test: pick a limit far above
 * what the program needs and far below whatever would keep it running.
 */
export async function runToExit(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; limitMs: number },
): Promise<{ exit: number | string; output: string }> {
  const child = spawn(process.execPath, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exit = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(`still running after ${options.limitMs / 1000} s`);
    }, options.limitMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? String(signal));
    });
  });
  return { exit, output: output.trim() };
}
