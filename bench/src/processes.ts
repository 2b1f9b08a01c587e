// Child processes of the benchmark: started with tsx's loader, tracked by PID and stopped by PID when the run
// ends, fails or is interrupted, so that no server or worker outlives it. Servers also exit by themselves when
// their stdin closes, i.e. when the process that started them is gone, however it went.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The bench package's folder: the children resolve `tsx` and the packages from here. */
export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
/** The repository's root. */
export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));

const children = new Set<ChildProcess>();

/** Sends SIGTERM to every child still running, by its PID. */
export function stopAll(): void {
  for (const child of children) stop(child);
}

/** Stops one child by its PID (SIGTERM), if it is still running. */
export function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  children.delete(child);
}

let handlersInstalled = false;

/** On SIGINT/SIGTERM, or when the parent's IPC channel closes, stop every child and exit. */
export function stopChildrenOnExit(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(130);
    });
  }
  process.once("disconnect", () => {
    stopAll();
    process.exit(1);
  });
  process.once("exit", stopAll);
}

/** Starts `node [nodeFlags] --import tsx <file> [args]` from the bench folder, tracked. */
export function spawnTs(file: string, args: string[], nodeFlags: string[], stdio: SpawnOptions["stdio"]): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", fileURLToPath(file), ...args], {
    cwd: BENCH_DIR,
    stdio,
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Starts any command from the bench folder, tracked. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { cwd: BENCH_DIR, ...options });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** A server in a child process: what it printed as its first line (JSON), and how to stop it. */
export interface ChildServer<T> {
  info: T;
  stop(): void;
}

/**
 * Starts a server script (a `.ts` file of this folder) as a child process and resolves to the JSON object it
 * prints as its first line of stdout once it is listening. The server exits when its stdin closes.
 */
export function startServer<T>(file: string, args: string[] = []): Promise<ChildServer<T>> {
  const child = spawnTs(file, args, [], ["pipe", "pipe", "inherit"]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(child);
      reject(new Error(`${file} did not start within 60 s`));
    }, 60_000);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited before it was ready (${signal ?? `code ${code}`})`));
    });
    // biome-ignore lint/style/noNonNullAssertion: stdout is a pipe
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      resolve({ info: JSON.parse(line) as T, stop: () => stop(child) });
    });
  });
}
