// Starts and stops Prism, the OpenAPI mock server, on openapi/openapi.yaml: used by the tests, `pnpm demo`
// and `pnpm mock`. Each server binds a free 127.0.0.1 port itself (port 0; the port is read from its output) and is
// stopped by PID.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parse, stringify } from "yaml";
import { WARM_UP_JOB_ID, warmUpPlanOperations } from "./prism-warm-up";
import { type Node, SPEC_PATH } from "./spec";

export { SPEC_PATH };

// Prism needs about 6 s of one core to load this spec (most of it dereferencing the large Property and
// JobUpdateConfig unions); on a busy 2-core machine that stretches, so readiness is given a generous bound.
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The API's base URL on the mock, e.g. `http://127.0.0.1:<port>/v1`. */
  url: string;
  port: number;
  pid: number;
  /** Prism's recent output lines. */
  log(): string[];
  /** Stops Prism (SIGTERM, then SIGKILL after 5 s) and removes its temporary files. */
  stop(): Promise<void>;
}

export interface PrismOptions {
  dynamic?: boolean;
  port?: number;
  /** Violations become error responses (422 request, 500 response) instead of log lines. */
  errors?: boolean;
  /** Upstream origin to forward to (proxy mode, validating both directions) instead of mocking. */
  proxy?: string;
  /** Send the plan operations once before resolving, so that Prism has compiled their validators. */
  warmUp?: boolean;
  /** A description to serve instead of openapi/openapi.yaml (parsed), e.g. a variant of it. */
  spec?: object;
}

/**
 * Prism serves a spec's paths at the root and ignores the base path of `servers`. To serve the API the way
 * the real one is addressed (`…/v1/jobs`), Prism gets a copy of the spec whose paths carry the base path of
 * the first server. Nothing else in the spec changes.
 */
async function specWithBasePath(
  dir: string,
  document: object | undefined,
): Promise<{ file: string; basePath: string }> {
  const spec: Node = structuredClone(document ?? parse(await readFile(SPEC_PATH, "utf8")));
  const basePath = new URL(spec.servers[0].url).pathname.replace(/\/$/, "");
  spec.paths = Object.fromEntries(Object.entries(spec.paths).map(([path, item]) => [basePath + path, item]));
  spec.servers = [{ url: "/" }];
  const file = join(dir, "openapi.yaml");
  await writeFile(file, stringify(spec, { aliasDuplicateObjects: false }));
  return { file, basePath };
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(pkgPath, "utf8"));
  return join(dirname(pkgPath), typeof bin === "string" ? bin : bin.prism);
}

/**
 * Without `proxy`, Prism mocks the API from the spec. With `proxy` (an upstream origin such as the Jobs simulator),
 * Prism forwards every request there and validates both directions against the spec; with `errors` a violation
 * becomes an error response (422 for a request, 500 for a response) instead of a log line. With `warmUp`, the
 * plan operations are sent once before it resolves (see prism-warm-up.ts; a proxy's upstream needs
 * `WARM_UP_JOB_ID`). With `spec`, it serves that parsed description instead of openapi/openapi.yaml.
 */
export async function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  const dir = await mkdtemp(join(tmpdir(), "jobs-prism-"));
  const { file, basePath } = await specWithBasePath(dir, options.spec);
  const host = "127.0.0.1";
  // Port 0 unless given: Prism binds a free port itself and names it in its "listening" line, so no other process
  // can take the port between picking it and binding it.
  const requested = String(options.port ?? 0);
  const args = options.proxy
    ? [prismBin(), "proxy", file, options.proxy, "-h", host, "-p", requested]
    : [prismBin(), "mock", file, "-h", host, "-p", requested];
  if (options.dynamic) args.push("-d");
  if (options.errors) args.push("--errors");

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const { pid } = child;
  if (pid === undefined) {
    // Not started (the reason comes as an "error" event).
    const error = await new Promise<Error>((resolve) => child.once("error", resolve));
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Prism could not be started: ${error.message}`);
  }
  const log: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let listening: (port: number) => void = () => {};
  const onLine = (line: string) => {
    if (line.trim()) log.push(line);
    if (log.length > 500) log.splice(0, log.length - 500);
    const port = listeningPort(line);
    if (port !== undefined) listening(port);
  };
  eachLine(child.stdout, onLine);
  eachLine(child.stderr, onLine);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, "SIGTERM");
      const timer = setTimeout(() => child.exitCode === null && process.kill(pid, "SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      listening = (bound) => {
        clearTimeout(timer);
        resolve(bound);
      };
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}. Its output:\n${log.slice(-30).join("\n")}`);
  }

  const origin = `http://${host}:${port}`;
  if (options.warmUp) {
    try {
      await warmUpPlanOperations(origin + basePath);
    } catch (err) {
      await stop();
      throw err;
    }
  }
  return { origin, url: origin + basePath, port, pid, log: () => [...log], stop };
}

/** Calls `onLine` with each whole line of `stream`, however its chunks cut them. */
export function eachLine(stream: Readable, onLine: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", onLine);
}

/** The port in Prism's "Prism is listening on http://127.0.0.1:<port>" line, or undefined for any other line. */
export function listeningPort(line: string): number | undefined {
  const port = /Prism is listening on https?:\/\/[^\s/]+:(\d+)/.exec(line)?.[1];
  return port === undefined ? undefined : Number(port);
}

/** What the proxy below needs of the Jobs simulator (described here, so that tools does not depend on testing). */
export interface ProxiedSimulator {
  /** `http://127.0.0.1:<port>/v1` */
  url: string;
  seed(jobs: Array<{ id: string }>): unknown;
}

/**
 * Prism in proxy mode with `--errors` in front of the Jobs simulator: every request and every answer is validated
 * against the description, and a violation comes back as an error status (422, 500), so it fails the test. With
 * `warmUp` (the default), the job the warm-up sends its plan operations for is seeded in the simulator first.
 */
export function startValidatingProxy(
  simulator: ProxiedSimulator,
  options: Pick<PrismOptions, "spec" | "warmUp"> = {},
): Promise<PrismServer> {
  const warmUp = options.warmUp ?? true;
  if (warmUp) simulator.seed([{ id: WARM_UP_JOB_ID }]);
  return startPrism({ ...options, proxy: new URL(simulator.url).origin, errors: true, warmUp });
}
